"""The simulation's outside world of restocking, which the product does not run: suppliers and trucks.

- Every night at SUPPLY_HOUR local time the suppliers refill each hub: whatever fell to its reorder point is
  received up to max stock in whole case packs.
- Before each wave's cut-off the planner runs (in simulated history; live, the scheduler runs it), at the
  cut-off the hub dispatches the wave's approved plans, and at the wave each store receives them in full.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from fastcommerce.config import Settings
from fastcommerce.db import copy_rows
from fastcommerce.inventory.models import MovementKind
from fastcommerce.inventory.service import MOVEMENT_COLUMNS
from fastcommerce.replenishment import lifecycle
from fastcommerce.replenishment.models import PlanStatus, RestockPlan
from fastcommerce.replenishment.planner import run_planner
from fastcommerce.replenishment.waves import waves_after
from fastcommerce.stores.models import Store, StoreKind

SUPPLY_HOUR = 3
FLEET_ACTOR = "simulated fleet"

Action = Literal["supply", "plan", "dispatch", "receive"]

_RECEIVE_UP_TO_MAX = text(
    """
    WITH due AS (
        SELECT l.store_id, l.sku_id, ((l.max_stock - l.on_hand) / s.case_pack) * s.case_pack AS qty
        FROM stock_level l JOIN sku s ON s.id = l.sku_id
        WHERE l.store_id = ANY(:store_ids) AND l.on_hand <= l.reorder_point AND l.max_stock IS NOT NULL
        ORDER BY l.store_id, l.sku_id
        FOR UPDATE OF l
    )
    UPDATE stock_level AS l SET on_hand = l.on_hand + due.qty, updated_at = now()
    FROM due WHERE l.store_id = due.store_id AND l.sku_id = due.sku_id AND due.qty > 0
    RETURNING l.store_id, l.sku_id, due.qty
    """
)


def receive_up_to_max(session: Session, store_ids: Sequence[int], reference: str, at: datetime) -> int:
    """Receive whole case packs up to max stock for every SKU at or below its reorder point; returns the
    units received."""
    received = session.execute(_RECEIVE_UP_TO_MAX, {"store_ids": list(store_ids)}).all()
    copy_rows(
        session,
        "stock_movement",
        MOVEMENT_COLUMNS,
        (
            (store_id, sku_id, MovementKind.RECEIPT.value, qty, reference, "simulation", at)
            for store_id, sku_id, qty in received
        ),
    )
    return sum(qty for _, _, qty in received)


@dataclass(frozen=True)
class RestockEvent:
    at: datetime
    action: Action
    wave: datetime | None = None


def restock_events(
    settings: Settings, zone: ZoneInfo, start: datetime, end: datetime, plan: bool
) -> list[RestockEvent]:
    """The events in [start, end), in time order: the nightly supply, and for each wave its planning (if
    `plan`), dispatch and receipt."""
    cutoff = timedelta(minutes=settings.restock_cutoff_minutes)
    ahead = timedelta(minutes=settings.restock_plan_minutes_before_cutoff)
    events = []
    day = start.astimezone(zone).replace(hour=SUPPLY_HOUR, minute=0, second=0, microsecond=0)
    for days in range(-1, (end - start).days + 2):
        events.append(RestockEvent((day + timedelta(days=days)).astimezone(zone), "supply"))
    for wave in waves_after(start - cutoff - ahead, settings.wave_times(), zone):
        if plan:
            events.append(RestockEvent(wave - cutoff - ahead, "plan", wave))
        events += [RestockEvent(wave - cutoff, "dispatch", wave), RestockEvent(wave, "receive", wave)]
    order = {"supply": 0, "receive": 1, "dispatch": 2, "plan": 3}
    return sorted((e for e in events if start <= e.at < end), key=lambda e: (e.at, order[e.action]))


def run_restock_event(session: Session, settings: Settings, city: str, event: RestockEvent) -> int:
    """Carry out one event for a city's hubs and stores; returns the units it moved (planned, for a
    planning). A planning commits each store's plan on its own."""
    if event.action == "supply":
        hubs = session.scalars(select(Store.id).where(Store.city == city, Store.kind == StoreKind.HUB)).all()
        return receive_up_to_max(session, hubs, "simulated supplier delivery", event.at)
    if event.action == "plan":
        codes = session.scalars(
            select(Store.code).where(Store.city == city, Store.kind == StoreKind.DARK_STORE)
        ).all()
        return sum(p.units for p in run_planner(session, settings, codes, now=event.at).stores)
    status = PlanStatus.APPROVED if event.action == "dispatch" else PlanStatus.DISPATCHED
    plans = session.scalars(
        select(RestockPlan)
        .join(Store, Store.id == RestockPlan.store_id)
        .where(Store.city == city, RestockPlan.wave_at == event.wave, RestockPlan.status == status)
        .order_by(RestockPlan.id)
        .with_for_update(of=RestockPlan)
    ).all()
    moved = 0
    fleet = lifecycle.Actor(FLEET_ACTOR, event.at)
    for plan in plans:
        if event.action == "dispatch":
            lifecycle.dispatch(session, plan, fleet)
            moved += lifecycle.plan_units(session, plan)
        else:
            moved += lifecycle.receive_everything(session, plan, fleet)
    return moved
