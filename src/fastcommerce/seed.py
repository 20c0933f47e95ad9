"""The demo data set: real pincodes, dark stores where pincodes are dense, a grocery catalog, a mother hub per
city, opening stock. Every step is idempotent: running it again adds nothing twice.

The stores' min/max levels are set as an operator sets them from a week of sales: the reorder point a
day of the store's expected demand for the SKU (measured on a simulated week), the max stock a day more,
in whole case packs."""

import math
import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Integer, func, insert, select
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
from fastcommerce.simulation.flows import city_simulation
from fastcommerce.stores.models import ServiceArea, Store, StoreCategoryCapacity, StoreKind
from fastcommerce.stores.placement import dense_sites
from fastcommerce.stores.service import assign_service_areas

OUT_OF_STOCK_SHARE = 0.04
HUB_STOCK_COVER = 10  # a demo hub holds this many times its stores' max stock of each SKU
HUB_CAPACITY_UNITS = 10_000_000
SIZING_WEEK = date(2026, 1, 5)  # a Monday: the simulated week the demo's min/max levels are sized on
FREEZER_CATEGORY = "Ice Cream & Frozen"  # a category with room of its own at every demo store: its freezer


@dataclass(frozen=True)
class SeedSummary:
    pincodes: dict[str, int]
    new_stores: int
    served_pincodes: int
    new_skus: int
    new_stock_rows: int
    new_hub_stock_rows: int


def seed_demo(session: Session, settings: Settings) -> SeedSummary:
    pincodes = load_pincodes(session, settings)
    new_stores = served = 0
    for city in settings.cities:
        new_stores += _place_stores(session, settings, city.code, city.name, city.demo_store_count)
        served += assign_service_areas(session, city.code)
    new_skus = add_skus(session, demo_catalog(settings.demo_sku_count, settings.demo_seed))
    new_stock = _opening_stock(session, settings)
    _freezer_room(session)
    for city in settings.cities:
        _place_hub(session, city.code, city.name)
    new_hub_stock = _hub_stock(session)
    return SeedSummary(pincodes, new_stores, served, new_skus, new_stock, new_hub_stock)


def _place_hub(session: Session, city: str, city_name: str) -> None:
    """One mother hub per city, amid its dark stores, restocking all of them (their plans approved
    automatically, as the demo's operations team would set it)."""
    stores = session.scalars(
        select(Store).where(Store.city == city, Store.kind == StoreKind.DARK_STORE)
    ).all()
    if not stores:
        return
    code = f"{city}-HUB"
    hub = session.scalar(select(Store).where(Store.code == code))
    if hub is None:
        hub = Store(
            code=code,
            name=f"{city_name} mother hub",
            city=city,
            lat=sum(s.lat for s in stores) / len(stores),
            lng=sum(s.lng for s in stores) / len(stores),
            radius_m=1,
            capacity_units=HUB_CAPACITY_UNITS,
            kind=StoreKind.HUB,
        )
        session.add(hub)
        session.flush()
    for store in stores:
        if store.hub_id is None:
            store.hub_id, store.auto_approve = hub.id, True


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


def _expected_daily_units(session: Session, settings: Settings) -> dict[tuple[int, int], float]:
    """Units a day per (store id, SKU id), from a simulated week of the demo's orders."""
    sku_ids = dict(session.execute(select(Sku.sku, Sku.id)).all())
    store_of = dict(session.execute(select(ServiceArea.pincode, ServiceArea.store_id)).all())
    units: dict[tuple[int, int], float] = defaultdict(float)
    for city in settings.cities:
        sim = city_simulation(session, settings, city.code, settings.demo_seed, None)
        start = datetime.combine(SIZING_WEEK, time(), tzinfo=sim.zone)
        for order in sim.simulator.orders(start, start + timedelta(days=7)):
            store_id = store_of.get(order.pincode)
            if store_id is not None:
                for line in order.lines:
                    units[(store_id, sku_ids[line.sku])] += line.qty / 7
    return units


def _opening_stock(session: Session, settings: Settings) -> int:
    """Stock every dark store with every SKU it does not hold yet, through receipt movements."""
    rng = random.Random(settings.demo_seed)
    stores = session.scalars(
        select(Store.id).where(Store.kind == StoreKind.DARK_STORE).order_by(Store.id)
    ).all()
    skus = session.execute(select(Sku.id, Sku.case_pack).order_by(Sku.id)).all()
    daily = _expected_daily_units(session, settings) if stores and skus else {}
    rows = []
    for store_id in stores:
        for sku_id, case_pack in skus:
            day = math.ceil(daily.get((store_id, sku_id), 0.0))
            reorder_point = max(1, day)
            max_stock = math.ceil((reorder_point + day) / case_pack) * case_pack
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
    return _insert_stock(session, rows)


def _freezer_room(session: Session) -> None:
    """Each dark store's freezer holds the max stock of every frozen SKU at once, no more: the planner keeps
    the frozen lines within it (a forecast rule may ask for more than the max)."""
    room = (
        select(StockLevel.store_id, func.sum(StockLevel.max_stock).cast(Integer))
        .join(Sku, Sku.id == StockLevel.sku_id)
        .join(Store, Store.id == StockLevel.store_id)
        .where(Sku.category == FREEZER_CATEGORY, Store.kind == StoreKind.DARK_STORE)
        .group_by(StockLevel.store_id)
    )
    rows = [
        {"store_id": store_id, "category": FREEZER_CATEGORY, "capacity_units": units}
        for store_id, units in session.execute(room)
        if units
    ]
    if rows:
        session.execute(pg_insert(StoreCategoryCapacity).on_conflict_do_nothing(), rows)


def _hub_stock(session: Session) -> int:
    """Each hub holds HUB_STOCK_COVER times its stores' max stock of every SKU; its own max stock is that
    (what the simulated supplier refills), its reorder point a third of it."""
    totals = session.execute(
        select(Store.hub_id, StockLevel.sku_id, func.sum(StockLevel.max_stock).cast(Integer))
        .join(Store, Store.id == StockLevel.store_id)
        .where(Store.hub_id.is_not(None))
        .group_by(Store.hub_id, StockLevel.sku_id)
    ).all()
    rows = [
        {
            "store_id": hub_id,
            "sku_id": sku_id,
            "on_hand": units * HUB_STOCK_COVER,
            "reorder_point": units * HUB_STOCK_COVER // 3,
            "max_stock": units * HUB_STOCK_COVER,
        }
        for hub_id, sku_id, units in totals
        if hub_id is not None and units is not None
    ]
    return _insert_stock(session, rows)


def _insert_stock(session: Session, rows: list[dict[str, int]]) -> int:
    """New stock rows (existing ones are left alone), their units received through the ledger."""
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
