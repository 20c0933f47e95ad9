"""Run the order simulator against the database: weeks of history, or a live trickle. These are jobs: they
open and commit their own transactions, an hour (or a tick) at a time.

Orders go through the same ingestion engine as the API, so stock is consumed and lost demand happens.
Stores are restocked by restock plans, with the simulated suppliers and trucks of `supply.py` around them:
in history the simulation also runs the planner before each wave's cut-off (live, the scheduler does).
"""

import hashlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from fastcommerce.catalog.models import Sku
from fastcommerce.config import Settings
from fastcommerce.db import utcnow
from fastcommerce.geo.cities import require_city_zone
from fastcommerce.geo.models import Pincode
from fastcommerce.orders.service import PlacedOrder, ingest
from fastcommerce.simulation.models import SimulatedHour
from fastcommerce.simulation.simulator import OrderSimulator, SimConfig, SimPincode, SimSku
from fastcommerce.simulation.supply import RestockEvent, restock_events, run_restock_event
from fastcommerce.stores.models import ServiceArea, Store, StoreKind

log = logging.getLogger(__name__)


@dataclass
class SimulationTotals:
    orders: int = 0
    units: int = 0
    lost_units: int = 0
    restocked_units: int = 0  # received by stores from restock plans
    hours_skipped: int = 0

    def restock(self, session: Session, settings: Settings, city: str, events: list[RestockEvent]) -> None:
        for event in events:
            moved = run_restock_event(session, settings, city, event)
            if event.action == "receive":
                self.restocked_units += moved

    def add(self, placed: list[PlacedOrder]) -> None:
        self.orders += len(placed)
        self.units += sum(line.requested for p in placed for line in p.lines)
        self.lost_units += sum(line.lost for p in placed for line in p.lines)


@dataclass(frozen=True)
class CitySimulation:
    city: str
    zone: ZoneInfo
    store_ids: list[int]
    simulator: OrderSimulator


def city_simulation(
    session: Session,
    settings: Settings,
    city: str,
    seed: int,
    orders_per_day: float | None,
    rate_factor: float = 1.0,
) -> CitySimulation:
    """A city's simulation. At rate_factor 1 live orders are exactly the orders history would hold for the
    same time (so a re-run fills gaps without counting anything twice); a faster one gets its own ids."""
    zone = require_city_zone(settings, city, ("city",))
    store_ids = list(
        session.scalars(
            select(Store.id).where(Store.city == city, Store.kind == StoreKind.DARK_STORE).order_by(Store.id)
        )
    )
    served = set(session.scalars(select(ServiceArea.pincode)))
    pincodes = [
        SimPincode(pincode, pincode in served)
        for pincode in session.scalars(
            select(Pincode.pincode).where(Pincode.city == city).order_by(Pincode.pincode)
        )
    ]
    skus = [
        SimSku(sku, category)
        for sku, category in session.execute(select(Sku.sku, Sku.category).order_by(Sku.id))
    ]
    rate = (orders_per_day or settings.demo_orders_per_store_day * max(len(store_ids), 1)) * rate_factor
    prefix = "SIM" if rate_factor == 1 else f"SIMx{rate_factor:g}"
    config = SimConfig(
        orders_per_day=rate, seed=seed, order_id_prefix=f"{prefix}{seed}-{city}", timezone=zone.key
    )
    return CitySimulation(city, zone, store_ids, OrderSimulator(pincodes, skus, config))


def history_start(zone: ZoneInfo, days: int, now: datetime) -> datetime:
    """Local midnight `days` days before today: where simulated history begins."""
    today = now.astimezone(zone).replace(hour=0, minute=0, second=0, microsecond=0)
    return today - timedelta(days=days)


def _hour_marker(sim: CitySimulation, hour: datetime) -> str:
    config = sim.simulator.config
    key = f"{sim.city}:{config.seed}:{config.orders_per_day}:{hour.isoformat()}"
    return hashlib.sha256(key.encode()).hexdigest()


def simulate_history(
    factory: sessionmaker[Session],
    settings: Settings,
    sim: CitySimulation,
    days: int,
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
    stop: threading.Event | None = None,
) -> SimulationTotals:
    """Simulate the `days` whole local days before today and today up to now, an hour per transaction
    (until `stop` is set), with the restocking of each hour (planning included) before its orders. Whole
    hours done before are skipped, so a second run adds nothing twice."""
    end = now or utcnow()
    hour = history_start(sim.zone, days, end)
    totals = SimulationTotals()
    while hour < end and not (stop and stop.is_set()):
        until = min(hour + timedelta(hours=1), end)
        marker = _hour_marker(sim, hour) if until == hour + timedelta(hours=1) else None
        with factory() as session:
            if marker and session.get(SimulatedHour, marker):
                totals.hours_skipped += 1
            else:
                totals.restock(
                    session, settings, sim.city, restock_events(settings, sim.zone, hour, until, True)
                )
                orders = list(sim.simulator.orders(hour, until))
                totals.add([o for o in ingest(session, orders) if isinstance(o, PlacedOrder) and o.created])
                if marker:
                    session.add(SimulatedHour(marker=marker, city=sim.city, hour_at=hour, orders=len(orders)))
                session.commit()
        if progress and (until.astimezone(sim.zone).hour == 0 or until == end):
            progress(1, days + 1)
        hour = until
    if totals.orders:
        refresh_statistics(factory)
    return totals


def refresh_statistics(factory: sessionmaker[Session]) -> None:
    """Let the planner see a bulk load at once: before autovacuum came by, a category-filtered heatmap over
    four fresh weeks took 7.9 s instead of 48 ms (a plan for a near-empty order_line)."""
    with factory() as session:
        session.execute(text("ANALYZE order_line, customer_order, demand_pincode_5m, demand_pincode_hour"))
        session.commit()


def simulate_live(
    factory: sessionmaker[Session],
    settings: Settings,
    sims: list[CitySimulation],
    stop: threading.Event,
    tick_seconds: float = 1.0,
    on_tick: Callable[[SimulationTotals], None] | None = None,
) -> SimulationTotals:
    """Place the simulators' orders as their time comes, stamped with the real time, until `stop` is set,
    with the suppliers' and trucks' part of restocking (the scheduler plans). A simulator's rate
    (orders_per_day) sets how busy the trickle is."""
    totals = SimulationTotals()
    last = utcnow()
    while not stop.wait(tick_seconds):
        now = utcnow()
        try:
            with factory() as session:
                for sim in sims:
                    totals.restock(
                        session, settings, sim.city, restock_events(settings, sim.zone, last, now, False)
                    )
                    orders = list(sim.simulator.orders(last, now))
                    if orders:
                        totals.add(
                            [o for o in ingest(session, orders) if isinstance(o, PlacedOrder) and o.created]
                        )
                session.commit()
        except OperationalError as outage:  # the same window again at the next tick, once it is back
            log.warning("live orders wait for the database: %s", outage)
            continue
        last = now
        if on_tick:
            on_tick(totals)
    return totals
