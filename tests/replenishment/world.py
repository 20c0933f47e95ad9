"""A small restocking world for tests: a hub and dark stores it restocks, SKUs with min/max levels."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from fastcommerce.catalog.models import Sku
from fastcommerce.config import get_settings
from fastcommerce.db import utcnow
from fastcommerce.forecasting.models import ForecastPoint, ForecastRun, ForecastSeries
from fastcommerce.inventory.models import StockLevel
from fastcommerce.inventory.service import StockItem, set_on_hand
from fastcommerce.stores.models import Store
from fastcommerce.stores.schemas import HubCreate
from fastcommerce.stores.service import create_hub
from tests.factories import make_sku, make_store, pincodes, receive

IST = ZoneInfo("Asia/Kolkata")
# 03:40 IST, before the 06:00 wave's 04:00 cut-off: plans made now are for 06:00, the review until 15:00.
PLANNING_AT = datetime(2026, 12, 2, 3, 40, tzinfo=IST)
WAVE = datetime(2026, 12, 2, 6, 0, tzinfo=IST)


@dataclass
class World:
    hub: Store
    stores: list[Store]
    skus: list[str]


def level(session: Session, store: Store, sku: str) -> int:
    return int(
        session.scalar(
            select(StockLevel.on_hand)
            .join(Sku, Sku.id == StockLevel.sku_id)
            .where(StockLevel.store_id == store.id, Sku.sku == sku)
        )
        or 0
    )


def make_world(
    session: Session,
    stores: int = 2,
    skus: int = 2,
    on_hand: int = 2,
    reorder_point: int = 10,
    max_stock: int = 40,
    hub_units: int = 1000,
    case_pack: int = 6,
    auto_approve: bool = False,
) -> World:
    """Dark stores at the first Bengaluru pincodes holding `on_hand` of each SKU (below its reorder point),
    restocked by one hub holding `hub_units` of each; the rule is min/max (no forecast exists)."""
    places = pincodes(session)
    hub = create_hub(
        session,
        HubCreate(code=f"H-{places[0].pincode}-{stores}", name="test hub", city="BLR", lat=12.97, lng=77.59),
        get_settings(),
    )
    made = [make_store(session, places[(n * 5) % len(places)]) for n in range(stores)]
    session.execute(
        update(Store)
        .where(Store.id.in_([s.id for s in made]))
        .values(hub_id=hub.id, auto_approve=auto_approve)
    )
    codes = [make_sku(session, case_pack=case_pack) for _ in range(skus)]
    for sku in codes:
        receive(session, hub, sku, hub_units)
        for store in made:
            item = StockItem(store.id, _sku_id(session, sku), store.code, sku)
            set_on_hand(session, item, on_hand, "test count", "test", reorder_point, max_stock)
    session.flush()
    for store in made:
        session.refresh(store)
    return World(hub, made, codes)


def _sku_id(session: Session, sku: str) -> int:
    found = session.scalar(select(Sku.id).where(Sku.sku == sku))
    assert found is not None
    return found


def sku_ids_of(session: Session, skus: list[str]) -> dict[str, int]:
    return {sku: sku_id for sku, sku_id in session.execute(select(Sku.sku, Sku.id).where(Sku.sku.in_(skus)))}


def forecast(session: Session, world: World, daily: float) -> None:
    """A finished forecast run saying each SKU sells `daily` units on the planning day and the next."""
    run = ForecastRun(status="done", model="auto", horizon_days=2, history_days=28, finished_at=utcnow())
    session.add(run)
    session.flush()
    sku_ids = sku_ids_of(session, world.skus)
    session.execute(
        insert(ForecastPoint),
        [
            {
                "run_id": run.id,
                "store_id": store.id,
                "sku_id": sku_ids[sku],
                "day": PLANNING_AT.date() + timedelta(days=d),
                "yhat": daily,
                "yhat_lower_80": daily,
                "yhat_upper_80": daily,
                "yhat_lower_95": daily,
                "yhat_upper_95": daily,
            }
            for store in world.stores
            for sku in world.skus
            for d in (0, 1)
        ],
    )
    session.execute(
        insert(ForecastSeries),
        [
            {
                "run_id": run.id,
                "store_id": store.id,
                "sku_id": sku_ids[sku],
                "model": "naive",
                "reason": "test",
            }
            for store in world.stores
            for sku in world.skus
        ],
    )
