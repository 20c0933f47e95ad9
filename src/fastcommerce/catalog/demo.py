"""A deterministic demo catalog of Indian quick-commerce groceries: each product with the brands that
really sell it and its usual pack sizes and prices (rupees)."""

import random
from dataclasses import dataclass

from fastcommerce.catalog.schemas import SkuCreate

MULTIPACK_MIN_SHELF_LIFE_DAYS = 30


@dataclass(frozen=True)
class _Category:
    name: str
    code: str
    shelf_life_days: int
    case_pack: int
    products: str  # one product a line: "name | brand, brand | pack:rupees, pack:rupees"


_CATEGORIES = (
    _Category(
        "Dairy & Breakfast",
        "DAI",
        3,
        12,
        """
        Toned Milk | Amul, Nandini, Mother Dairy, Heritage | 500 ml:28, 1 L:56
        Full Cream Milk | Amul, Nandini, Akshayakalpa | 500 ml:34, 1 L:68
        Curd | Amul, Nandini, Milky Mist, Mother Dairy | 400 g:35, 1 kg:80
        Paneer | Amul, Milky Mist, Gowardhan | 200 g:90, 500 g:210
        Salted Butter | Amul, Britannia | 100 g:58, 500 g:285
        Masala Chaas | Amul, Nandini | 200 ml:15
        Cheese Slices | Amul, Britannia, Go | 200 g:145
        Ghee | Amul, Nandini, Gowardhan | 500 ml:330
        Fresh Cream | Amul | 250 ml:70
        Sweet Lassi | Amul, Nandini | 200 ml:25
        Greek Yogurt | Epigamia, Milky Mist | 90 g:50""",
    ),
    _Category(
        "Bakery",
        "BAK",
        4,
        10,
        """
        White Bread | Modern, Britannia, Harvest Gold | 400 g:45
        Brown Bread | Modern, Britannia, English Oven | 400 g:55
        Multigrain Bread | English Oven, Harvest Gold | 450 g:65
        Pav | Modern, Harvest Gold | 6 pcs:30
        Rusk | Britannia, Parle | 300 g:60
        Burger Buns | English Oven, Modern | 4 pcs:40
        Croissant | Theobroma, English Oven | 2 pcs:90
        Fruit Cake | Britannia, Winkies | 250 g:60""",
    ),
    _Category(
        "Fruits & Vegetables",
        "FNV",
        5,
        20,
        """
        Onion | Fresho, Farm Fresh | 1 kg:40, 2 kg:78
        Tomato Hybrid | Fresho, Farm Fresh | 500 g:25, 1 kg:48
        Potato | Fresho, Farm Fresh | 1 kg:35
        Banana Robusta | Fresho | 6 pcs:45
        Coriander Leaves | Fresho, Farm Fresh | 100 g:12
        Green Chilli | Fresho | 100 g:10
        Shimla Apple | Fresho, Organic Tattva | 4 pcs:160
        Lemon | Fresho | 250 g:30
        Cucumber | Fresho, Farm Fresh | 500 g:30
        Ginger | Fresho | 200 g:28
        Carrot | Fresho, Farm Fresh | 500 g:35
        Green Capsicum | Fresho | 250 g:30
        Pomegranate | Fresho | 2 pcs:120
        Garlic | Fresho | 100 g:40""",
    ),
    _Category(
        "Snacks",
        "SNK",
        120,
        24,
        """
        Classic Salted Chips | Lay's, Bingo, Balaji | 52 g:20, 90 g:40, 130 g:60
        Aloo Bhujia | Haldiram's, Bikaji, Balaji | 200 g:55, 400 g:105
        Masala Munch | Kurkure | 75 g:20
        Nachos | Doritos, Cornitos | 150 g:60
        Moong Dal | Haldiram's, Bikaji | 200 g:50
        Khatta Meetha | Haldiram's, Bikaji | 200 g:55
        Roasted Makhana | Farmley, Too Yumm | 60 g:99
        Butter Popcorn | Act II | 70 g:30
        Masala Peanuts | Haldiram's, Bikaji | 200 g:50""",
    ),
    _Category(
        "Ice Cream & Frozen",
        "ICE",
        180,
        12,
        """
        Vanilla Tub | Amul, Kwality Wall's, Havmor | 750 ml:150
        Chocolate Cone | Cornetto, Amul, Havmor | 120 ml:40
        Kulfi Stick | Amul, Havmor | 60 ml:30
        Butterscotch Tub | Amul, Havmor, Baskin Robbins | 1 L:220
        Frozen Green Peas | Safal, McCain | 500 g:95
        French Fries | McCain | 420 g:120
        Aloo Tikki | McCain, ITC Master Chef | 400 g:110""",
    ),
    _Category(
        "Beverages",
        "BEV",
        270,
        24,
        """
        Cola | Coca-Cola, Pepsi, Thums Up | 750 ml:40, 2 L:95
        Lemon Soda | Sprite, 7UP, Limca | 750 ml:40
        Mixed Fruit Juice | Tropicana, Real | 1 L:115
        Energy Drink | Red Bull, Monster | 250 ml:125
        Aam Panna | Paper Boat | 200 ml:30
        Packaged Drinking Water | Bisleri, Kinley, Aquafina | 1 L:20
        Coconut Water | Raw Pressery, Cocofly | 200 ml:55
        Cold Coffee | Starbucks, Amul | 180 ml:99
        Green Tea | Lipton, Tetley | 25 bags:150
        Tea | Tata Tea, Red Label, Taj Mahal | 250 g:140, 500 g:270
        Instant Coffee | Nescafe, Bru | 50 g:170""",
    ),
    _Category(
        "Staples",
        "STP",
        365,
        10,
        """
        Whole Wheat Atta | Aashirvaad, Pillsbury, Fortune | 5 kg:265, 10 kg:510
        Basmati Rice | India Gate, Daawat, Kohinoor | 1 kg:150, 5 kg:690
        Toor Dal | Tata Sampann, Fortune | 1 kg:175
        Sunflower Oil | Fortune, Saffola, Freedom | 1 L:155
        Besan | Tata Sampann, Fortune | 500 g:65
        Sugar | Madhur, Trust | 1 kg:55
        Iodised Salt | Tata, Aashirvaad | 1 kg:28
        Sona Masoori Rice | India Gate, Fortune | 5 kg:420
        Chana Dal | Tata Sampann, Fortune | 1 kg:120
        Poha | Tata Sampann, 24 Mantra | 500 g:45
        Mustard Oil | Fortune, Patanjali | 1 L:175""",
    ),
    _Category(
        "Masala & Spices",
        "MAS",
        365,
        20,
        """
        Garam Masala | MDH, Everest, Catch | 100 g:85
        Turmeric Powder | Everest, Catch, Eastern | 200 g:60
        Red Chilli Powder | Everest, MDH, Eastern | 200 g:80
        Kitchen King Masala | MDH, Everest | 100 g:75
        Sambar Powder | MTR, Eastern, Aachi | 100 g:60
        Jeera | Catch, Tata Sampann | 100 g:70""",
    ),
    _Category(
        "Instant Food",
        "INS",
        270,
        24,
        """
        Masala Noodles | Maggi, Yippee, Top Ramen | 70 g:14, 280 g:56
        Poha Mix | MTR, Gits | 180 g:55
        Tomato Soup | Knorr, Maggi | 53 g:60
        Schezwan Chutney | Ching's | 250 g:90
        Ready-to-eat Dal Makhani | MTR, Haldiram's | 300 g:110
        Oats | Quaker, Saffola | 1 kg:190
        Pasta | Sunfeast, Weikfield | 400 g:90
        Cup Noodles | Maggi, Yippee | 70 g:50
        Tomato Ketchup | Kissan, Maggi | 500 g:120""",
    ),
    _Category(
        "Biscuits & Chocolates",
        "BIS",
        180,
        36,
        """
        Glucose Biscuits | Parle-G, Britannia Tiger | 250 g:25
        Cream Biscuits | Bourbon, Oreo, Hide & Seek | 120 g:35
        Milk Chocolate | Cadbury, Amul, Nestle | 50 g:50, 150 g:140
        Butter Cookies | Good Day, Unibic | 200 g:60
        Marie Biscuits | Britannia, Parle | 250 g:40
        Wafer Bar | KitKat, Perk | 37 g:30
        Digestive Biscuits | McVitie's, Britannia NutriChoice | 250 g:80
        Dark Chocolate | Amul, Cadbury Bournville | 150 g:150""",
    ),
    _Category(
        "Personal Care",
        "PER",
        730,
        12,
        """
        Bathing Soap | Dove, Lux, Dettol, Santoor | 3x100 g:150
        Toothpaste | Colgate, Pepsodent, Sensodyne | 150 g:95
        Face Wash | Himalaya, Nivea, Garnier | 100 ml:180
        Shampoo | Dove, Clinic Plus, Head & Shoulders | 180 ml:199
        Hand Wash Refill | Dettol, Lifebuoy, Savlon | 750 ml:110
        Coconut Hair Oil | Parachute, Dabur | 300 ml:140
        Deodorant | Nivea, Fogg, Axe | 150 ml:220
        Sanitary Pads | Whisper, Stayfree | 15 pcs:180""",
    ),
    _Category(
        "Home Care",
        "HOM",
        730,
        12,
        """
        Detergent Powder | Surf Excel, Ariel, Tide | 1 kg:140
        Dishwash Liquid | Vim, Pril, Exo | 500 ml:115
        Toilet Cleaner | Harpic, Domex | 500 ml:99
        Floor Cleaner | Lizol, Dettol | 975 ml:199
        Garbage Bags | Ezee, Presto | 30 pcs:95
        Mosquito Repellent Refill | Good Knight, All Out | 45 ml:85
        Dishwash Bar | Vim, Exo | 3x200 g:60
        Fabric Conditioner | Comfort | 860 ml:230""",
    ),
    _Category(
        "Baby Care",
        "BAB",
        540,
        6,
        """
        Diapers Medium | Pampers, Huggies, MamyPoko | 20 pcs:399
        Baby Wipes | Himalaya, Huggies, Mee Mee | 72 pcs:199
        Baby Cereal | Cerelac, Nestum | 300 g:280
        Baby Lotion | Johnson's, Himalaya | 200 ml:230
        Baby Soap | Johnson's, Himalaya | 75 g:60""",
    ),
    _Category(
        "Meat & Eggs",
        "MEA",
        2,
        6,
        """
        Chicken Curry Cut | Licious, FreshToHome | 500 g:180
        Farm Eggs | Eggoz, Licious | 6 pcs:60, 12 pcs:115
        Fish Fillet | FreshToHome, Licious | 250 g:220
        Mutton Curry Cut | Licious, FreshToHome | 500 g:450
        Prawns | FreshToHome, Licious | 250 g:320""",
    ),
)


def _variants(category: _Category, rng: random.Random) -> list[tuple[str, int]]:
    """(name, price in paise) for every product × brand × pack, plus a pack of two for long-life goods."""
    variants = []
    for line in category.products.strip().splitlines():
        product, brands, packs = (part.strip() for part in line.split("|"))
        for brand in (b.strip() for b in brands.split(",")):
            for pack, rupees in (p.strip().rsplit(":", 1) for p in packs.split(",")):
                paise = round(int(rupees) * rng.uniform(0.92, 1.12)) * 100
                variants.append((f"{brand} {product} {pack}", paise))
                if category.shelf_life_days >= MULTIPACK_MIN_SHELF_LIFE_DAYS:
                    variants.append((f"{brand} {product} {pack} (Pack of 2)", round(paise * 1.9 / 100) * 100))
    rng.shuffle(variants)
    return variants


def demo_catalog(count: int, seed: int) -> list[SkuCreate]:
    """Up to `count` SKUs, the same for the same seed, taken round-robin across categories."""
    rng = random.Random(seed)
    pools = [(category, _variants(category, rng)) for category in _CATEGORIES]
    skus: list[SkuCreate] = []
    numbered = dict.fromkeys((category.code for category in _CATEGORIES), 0)
    while len(skus) < count and any(pool for _, pool in pools):
        for category, pool in pools:
            if pool and len(skus) < count:
                name, paise = pool.pop()
                numbered[category.code] += 1
                skus.append(
                    SkuCreate(
                        sku=f"{category.code}-{numbered[category.code]:04d}",
                        name=name,
                        category=category.name,
                        case_pack=category.case_pack,
                        shelf_life_days=category.shelf_life_days,
                        price_paise=paise,
                    )
                )
    return skus
