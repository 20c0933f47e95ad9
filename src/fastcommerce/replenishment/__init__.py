"""Restocking: reorder levels from demand distributions, the constraints a restock line meets (case packs,
minimum order quantities, shelf life, store capacity, hub stock) and the allocation of scarce units."""
