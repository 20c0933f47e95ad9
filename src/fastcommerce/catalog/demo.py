"""A deterministic demo catalog of Indian quick-commerce groceries: brand × product × pack size."""

import random
from dataclasses import dataclass

from fastcommerce.catalog.schemas import SkuCreate


@dataclass(frozen=True)
class _Line:
    category: str
    code: str
    shelf_life_days: int
    case_pack: int
    brands: tuple[str, ...]
    products: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]  # (product, ((pack, rupees), ...))


_LINES = (
    _Line(
        "Dairy & Breakfast",
        "DAI",
        3,
        12,
        ("Amul", "Nandini", "Mother Dairy", "Akshayakalpa", "Heritage"),
        (
            ("Toned Milk", (("500 ml", 28), ("1 L", 56))),
            ("Full Cream Milk", (("500 ml", 34), ("1 L", 68))),
            ("Curd", (("400 g", 35), ("1 kg", 80))),
            ("Paneer", (("200 g", 90),)),
            ("Salted Butter", (("100 g", 58), ("500 g", 285))),
            ("Buttermilk", (("200 ml", 15),)),
        ),
    ),
    _Line(
        "Bakery",
        "BAK",
        4,
        10,
        ("Modern", "Britannia", "Harvest Gold", "English Oven"),
        (
            ("White Bread", (("400 g", 45),)),
            ("Brown Bread", (("400 g", 55),)),
            ("Multigrain Bread", (("450 g", 65),)),
            ("Pav", (("6 pcs", 30),)),
            ("Rusk", (("300 g", 60),)),
        ),
    ),
    _Line(
        "Fruits & Vegetables",
        "FNV",
        5,
        20,
        ("Fresho", "Farm Fresh", "Organic Tattva"),
        (
            ("Onion", (("1 kg", 40), ("2 kg", 78))),
            ("Tomato", (("500 g", 25), ("1 kg", 48))),
            ("Potato", (("1 kg", 35),)),
            ("Banana Robusta", (("6 pcs", 45),)),
            ("Coriander", (("100 g", 12),)),
            ("Green Chilli", (("100 g", 10),)),
            ("Apple Shimla", (("4 pcs", 160),)),
            ("Lemon", (("250 g", 30),)),
        ),
    ),
    _Line(
        "Snacks",
        "SNK",
        120,
        24,
        ("Lay's", "Haldiram's", "Bingo", "Kurkure", "Balaji"),
        (
            ("Classic Salted Chips", (("52 g", 20), ("90 g", 40))),
            ("Aloo Bhujia", (("200 g", 55), ("400 g", 105))),
            ("Masala Munch", (("75 g", 20),)),
            ("Nachos", (("150 g", 60),)),
            ("Moong Dal", (("200 g", 50),)),
        ),
    ),
    _Line(
        "Ice Cream & Frozen",
        "ICE",
        180,
        12,
        ("Amul", "Kwality Wall's", "Havmor", "Baskin Robbins"),
        (
            ("Vanilla Tub", (("750 ml", 150),)),
            ("Chocolate Cone", (("120 ml", 40),)),
            ("Kulfi Stick", (("60 ml", 30),)),
            ("Frozen Peas", (("500 g", 95),)),
            ("Butterscotch Tub", (("1 L", 220),)),
        ),
    ),
    _Line(
        "Beverages",
        "BEV",
        270,
        24,
        ("Coca-Cola", "Thums Up", "Tropicana", "Real", "Red Bull", "Paper Boat"),
        (
            ("Soft Drink", (("750 ml", 40), ("2 L", 95))),
            ("Mixed Fruit Juice", (("1 L", 115),)),
            ("Energy Drink", (("250 ml", 125),)),
            ("Aam Panna", (("200 ml", 30),)),
        ),
    ),
    _Line(
        "Staples",
        "STP",
        365,
        10,
        ("Aashirvaad", "India Gate", "Tata Sampann", "Fortune", "Daawat"),
        (
            ("Whole Wheat Atta", (("5 kg", 265), ("10 kg", 510))),
            ("Basmati Rice", (("1 kg", 150), ("5 kg", 690))),
            ("Toor Dal", (("1 kg", 175),)),
            ("Sunflower Oil", (("1 L", 155),)),
            ("Besan", (("500 g", 65),)),
        ),
    ),
    _Line(
        "Masala & Spices",
        "MAS",
        365,
        20,
        ("MDH", "Everest", "Catch", "Eastern"),
        (
            ("Garam Masala", (("100 g", 85),)),
            ("Turmeric Powder", (("200 g", 60),)),
            ("Red Chilli Powder", (("200 g", 80),)),
            ("Kitchen King", (("100 g", 75),)),
        ),
    ),
    _Line(
        "Instant Food",
        "INS",
        270,
        24,
        ("Maggi", "Yippee", "MTR", "Knorr", "Ching's"),
        (
            ("2-Minute Noodles", (("70 g", 14), ("280 g", 56))),
            ("Poha Mix", (("180 g", 55),)),
            ("Tomato Soup", (("53 g", 60),)),
            ("Schezwan Chutney", (("250 g", 90),)),
        ),
    ),
    _Line(
        "Biscuits & Chocolates",
        "BIS",
        180,
        36,
        ("Parle", "Britannia", "Cadbury", "Sunfeast", "Nestle"),
        (
            ("Glucose Biscuits", (("250 g", 25),)),
            ("Cream Biscuits", (("120 g", 35),)),
            ("Milk Chocolate", (("50 g", 50), ("150 g", 140))),
            ("Cookies", (("200 g", 60),)),
        ),
    ),
    _Line(
        "Personal Care",
        "PER",
        730,
        12,
        ("Dove", "Colgate", "Himalaya", "Nivea", "Dettol"),
        (
            ("Bathing Soap", (("3x100 g", 150),)),
            ("Toothpaste", (("150 g", 95),)),
            ("Face Wash", (("100 ml", 180),)),
            ("Shampoo", (("180 ml", 199),)),
            ("Hand Wash Refill", (("750 ml", 110),)),
        ),
    ),
    _Line(
        "Home Care",
        "HOM",
        730,
        12,
        ("Surf Excel", "Vim", "Harpic", "Lizol", "Ariel"),
        (
            ("Detergent Powder", (("1 kg", 140),)),
            ("Dishwash Liquid", (("500 ml", 115),)),
            ("Toilet Cleaner", (("500 ml", 99),)),
            ("Floor Cleaner", (("975 ml", 199),)),
        ),
    ),
    _Line(
        "Baby Care",
        "BAB",
        540,
        6,
        ("Pampers", "Huggies", "Himalaya", "Cerelac"),
        (
            ("Diapers M", (("20 pcs", 399),)),
            ("Baby Wipes", (("72 pcs", 199),)),
            ("Baby Cereal", (("300 g", 280),)),
        ),
    ),
    _Line(
        "Meat & Eggs",
        "MEA",
        2,
        6,
        ("Licious", "FreshToHome", "Eggoz"),
        (
            ("Chicken Curry Cut", (("500 g", 180),)),
            ("Farm Eggs", (("6 pcs", 60), ("12 pcs", 115))),
            ("Fish Fillet", (("250 g", 220),)),
        ),
    ),
)


MULTIPACK_MIN_SHELF_LIFE_DAYS = 30


def _variants(line: _Line, rng: random.Random) -> list[tuple[str, int]]:
    """(name, price in paise) for every brand × product × pack, plus a pack of two for long-life goods."""
    variants = []
    for brand in line.brands:
        for product, packs in line.products:
            for pack, rupees in packs:
                paise = round(rupees * rng.uniform(0.92, 1.12)) * 100
                variants.append((f"{brand} {product} {pack}", paise))
                if line.shelf_life_days >= MULTIPACK_MIN_SHELF_LIFE_DAYS:
                    variants.append((f"{brand} {product} {pack} (Pack of 2)", round(paise * 1.9 / 100) * 100))
    rng.shuffle(variants)
    return variants


def demo_catalog(count: int, seed: int) -> list[SkuCreate]:
    """Up to `count` SKUs, the same for the same seed, taken round-robin across categories."""
    rng = random.Random(seed)
    pools = [(line, _variants(line, rng)) for line in _LINES]
    skus: list[SkuCreate] = []
    numbered = dict.fromkeys((line.code for line in _LINES), 0)
    while len(skus) < count and any(pool for _, pool in pools):
        for line, pool in pools:
            if pool and len(skus) < count:
                name, paise = pool.pop()
                numbered[line.code] += 1
                skus.append(
                    SkuCreate(
                        sku=f"{line.code}-{numbered[line.code]:04d}",
                        name=name,
                        category=line.category,
                        case_pack=line.case_pack,
                        shelf_life_days=line.shelf_life_days,
                        price_paise=paise,
                    )
                )
    return skus
