"""The demo data set: real pincodes, dark stores where pincodes are dense, a grocery catalog, opening stock.
Every step is idempotent: running it again adds nothing twice."""

import random
from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from fastcommerce.catalog.demo import demo_catalog
from fastcommerce.catalog.models import Sku
from fastcommerce.catalog.service import add_skus
from fastcommerce.config import Settings
from fastcommerce.geo.distance import haversine_m
from fastcommerce.geo.models import Pincode
from fastcommerce.geo.service import load_pincodes
from fastcommerce.inventory.models import MovementKind, StockLevel, StockMovement
from fastcommerce.stores.models import Store
from fastcommerce.stores.placement import dense_sites
from fastcommerce.stores.service import assign_service_areas

OUT_OF_STOCK_SHARE = 0.04


@dataclass(frozen=True)
class SeedSummary:
    pincodes: dict[str, int]
    new_stores: int
    served_pincodes: int
    new_skus: int
    new_stock_rows: int


def seed_demo(session: Session, settings: Settings) -> SeedSummary:
    pincodes = load_pincodes(session, settings)
    new_stores = served = 0
    for city in settings.cities:
        new_stores += _place_stores(session, settings, city.code, city.name, city.demo_store_count)
        served += assign_service_areas(session, city.code)
    new_skus = add_skus(session, demo_catalog(settings.demo_sku_count, settings.demo_seed))
    new_stock = _opening_stock(session, settings.demo_seed)
    return SeedSummary(pincodes, new_stores, served, new_skus, new_stock)


def _place_stores(session: Session, settings: Settings, city: str, city_name: str, count: int) -> int:
    pins = session.execute(select(Pincode.lat, Pincode.lng, Pincode.name).where(Pincode.city == city)).all()
    if not pins:
        return 0
    sites = dense_sites([(p.lat, p.lng) for p in pins], count, settings.default_store_radius_m)
    existing = set(session.scalars(select(Store.code).where(Store.city == city)))
    rows = []
    for n, (lat, lng) in enumerate(sites, start=1):
        code = f"{city}-{n:03d}"
        if code in existing:
            continue
        nearest = min(pins, key=lambda p: haversine_m(lat, lng, p.lat, p.lng))
        rows.append(
            {
                "code": code,
                "name": f"{city_name} {nearest.name}",
                "city": city,
                "lat": lat,
                "lng": lng,
                "radius_m": settings.default_store_radius_m,
                "capacity_units": settings.default_store_capacity_units,
            }
        )
    if rows:
        session.execute(insert(Store), rows)
    return len(rows)


def _opening_stock(session: Session, seed: int) -> int:
    """Stock every store with every SKU it does not hold yet, through receipt movements."""
    rng = random.Random(seed)
    stores = session.scalars(select(Store.id).order_by(Store.id)).all()
    skus = session.execute(select(Sku.id, Sku.case_pack).order_by(Sku.id)).all()
    rows = []
    for store_id in stores:
        for sku_id, case_pack in skus:
            max_stock = case_pack * rng.randint(2, 6)
            reorder_point = max(1, max_stock // 3)
            on_hand = 0 if rng.random() < OUT_OF_STOCK_SHARE else rng.randint(1, max_stock)
            rows.append(
                {
                    "store_id": store_id,
                    "sku_id": sku_id,
                    "on_hand": on_hand,
                    "reorder_point": reorder_point,
                    "max_stock": max_stock,
                }
            )
    if not rows:
        return 0
    created = session.execute(
        pg_insert(StockLevel)
        .on_conflict_do_nothing()
        .returning(StockLevel.store_id, StockLevel.sku_id, StockLevel.on_hand),
        rows,
    ).all()
    receipts = [
        {
            "store_id": r.store_id,
            "sku_id": r.sku_id,
            "kind": MovementKind.RECEIPT,
            "qty": r.on_hand,
            "reference": "opening stock",
            "actor": "seed",
        }
        for r in created
        if r.on_hand > 0
    ]
    if receipts:
        session.execute(insert(StockMovement), receipts)
    return len(created)
