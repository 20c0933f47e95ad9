"""Restocking planner and alerts at scale: `run_planner` and `evaluate_alerts` over every store × SKU of
N dark stores × M SKUs (one store × SKU restock rule each), beside one plain SQL pass over the same rows.

    uv run python -m bench.replenishment [--scales 50x2000 1000x4000] [--runs 2] [--forecast all|first|none]

The world is seeded in bulk with COPY (never through the services): the cities' pincodes, one mother hub per
city, the dark stores spread over the cities (each restocked by its city's hub), the SKUs, a stock row per
store × SKU (most healthy, 15% below the reorder point, 4% out of stock), the hubs' stock (2% of SKUs
scarce, so the planner shares them out) and a store × SKU rule for every stock row (min/max or forecast,
service levels 0.9-0.99, some minimum order quantities). No demand history exists, so a forecast rule
without a forecast falls back to its min/max levels and alerts judge stock by the reorder point. Then a
finished forecast run (today and tomorrow for every store × SKU) is added and everything is measured again:
the forecast rules take the forecast path (quantiles of demand over the protection interval, shelf-life
caps) and alerts project demand until the next delivery.

Each timed step waits (up to a budget) for the machine's 1-minute load to fall to 1.5 or below and notes the
load it started at. Between timed planner runs the plans are truncated, so every run creates all plans;
a re-run over the drafts it made (the scheduler's case before a cut-off) is timed on its own.
"""

import argparse
import ctypes
import gc
import os
import resource
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from sqlalchemy import text
from sqlalchemy.orm import Session

from bench.common import fresh_database, machine, record
from fastcommerce.config import Settings, get_settings
from fastcommerce.db import copy_rows, read_columns, session_factory
from fastcommerce.geo.service import load_pincodes
from fastcommerce.replenishment import alerts, planner
from fastcommerce.replenishment.alerts import evaluate_alerts
from fastcommerce.replenishment.rules import rule_defaults

IST = ZoneInfo("Asia/Kolkata")
# 12:40 IST: before the 15:00 wave's 13:00 cut-off; the protection interval runs to 06:00 tomorrow, so a
# forecast's today and tomorrow both count (and the alerts' next delivery is at 15:00).
NOW = datetime(2026, 12, 2, 12, 40, tzinfo=IST)
SEEDED_AT = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)
CATEGORIES = [
    "dairy",
    "bakery",
    "fruits",
    "vegetables",
    "snacks",
    "beverages",
    "staples",
    "frozen",
    "personal care",
    "household",
    "baby care",
    "meat",
    "breakfast",
    "instant food",
    "sweets",
    "pet care",
]
CASE_PACKS = np.array([1, 2, 4, 6, 12, 24])
SERVICE_LEVELS = np.array([0.9, 0.95, 0.98, 0.99])
UNITS_PER_STORE_DAY = 4_000  # ~1,000 orders of ~4 units a store a day
OUT_OF_STOCK = 0.04
BELOW_REORDER = 0.15
SCARCE_AT_HUB = 0.02
LOAD_LIMIT = 1.5


# --- the machine ---------------------------------------------------------------------------------------


class Quiet:
    """Waits, before each timed step, for the 1-minute load to reach LOAD_LIMIT (30 s at a time, at most
    `per_wait` seconds and `budget` seconds in all) and remembers the load each step started at."""

    def __init__(self, per_wait: float, budget: float) -> None:
        self.per_wait, self.budget = per_wait, budget
        self.loads: list[float] = []

    def wait(self, what: str) -> float:
        waited = 0.0
        load = _load()
        while load > LOAD_LIMIT and waited < self.per_wait and self.budget > 0:
            print(f"  load {load:.2f} > {LOAD_LIMIT}: waiting 30 s before {what}", flush=True)
            time.sleep(30)
            waited += 30
            self.budget -= 30
            load = _load()
        self.loads.append(load)
        return load

    def summary(self) -> str:
        if not self.loads:
            return "no timed steps"
        over = sum(1 for load in self.loads if load > LOAD_LIMIT)
        return (
            f"1-minute load at the start of the {len(self.loads)} timed steps: {min(self.loads):.2f} to "
            f"{max(self.loads):.2f} (median {statistics.median(self.loads):.2f}; {over} above {LOAD_LIMIT})"
        )


def _load() -> float:
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def _status_kb(key: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def _release_memory() -> None:
    gc.collect()
    with suppress(OSError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


PEAKS: list[float] = []  # every peak seen before a reset (MB): resetting VmHWM resets ru_maxrss too


@contextmanager
def peak_rss() -> Iterator[dict[str, float]]:
    """The process's resident memory before a step and its peak during it (MB; /proc/self/status VmHWM,
    reset through /proc/self/clear_refs)."""
    PEAKS.append(_status_kb("VmHWM") / 1024)
    _release_memory()
    out: dict[str, float] = {"before": _status_kb("VmRSS") / 1024}
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass
    yield out
    out["peak"] = _status_kb("VmHWM") / 1024
    PEAKS.append(out["peak"])


STOCK_COLUMNS = (
    ("store_id", "int4"),
    ("sku_id", "int4"),
    ("on_hand", "int4"),
    ("reorder_point", "int4"),
    ("max_stock", "int4"),
    ("updated_at", "timestamptz"),
)
# --- the world -----------------------------------------------------------------------------------------


@dataclass
class World:
    stores: int
    skus: int
    store_ids: list[int]
    stock_rows: int
    rules: int
    below_reorder: int
    out_of_stock: int
    scarce_skus: int
    seconds: float
    daily: np.ndarray = field(repr=False)  # [store, sku] expected units a day
    sku_ids: np.ndarray = field(repr=False)
    forecast_points: int = 0
    forecast_seconds: float = 0.0


def _copy(session: Session, table: str, columns: tuple[tuple[str, str], ...], data: list[Any]) -> None:
    copy_rows(session, table, columns, zip(*data, strict=True))


def seed(session: Session, settings: Settings, stores: int, skus: int, rng: np.random.Generator) -> World:
    started = time.perf_counter()
    load_pincodes(session, settings)
    session.commit()
    cities = [c.code for c in settings.cities]
    centroids = {
        city: session.execute(text("SELECT lat, lng FROM pincode WHERE city = :c"), {"c": city}).all()
        for city in cities
    }
    at = SEEDED_AT
    store_columns = (
        ("code", "varchar"),
        ("name", "varchar"),
        ("city", "varchar"),
        ("lat", "float8"),
        ("lng", "float8"),
        ("radius_m", "int4"),
        ("capacity_units", "int4"),
        ("kind", "varchar"),
        ("hub_id", "int4"),
        ("auto_approve", "bool"),
        ("created_at", "timestamptz"),
    )
    hub_rows = []
    for city in cities:
        lat, lng = np.mean(np.array(centroids[city]), axis=0).tolist()
        hub_rows.append(
            (f"{city}-HUB", f"{city} mother hub", city, lat, lng, 1, 10_000_000, "hub", None, False, at)
        )
    copy_rows(session, "store", store_columns, hub_rows)
    hubs = dict(session.execute(text("SELECT city, id FROM store WHERE kind = 'hub'")).all())

    # SKUs: Zipf popularity, catalog case packs, 10% perishables.
    popularity = 1 / np.arange(1, skus + 1) ** 0.9
    popularity = rng.permutation(popularity / popularity.sum())
    case_pack = rng.choice(CASE_PACKS, skus, p=[0.15, 0.15, 0.2, 0.25, 0.15, 0.1])
    perishable = rng.random(skus) < 0.10
    shelf_life = np.where(perishable, rng.integers(2, 6, skus), rng.integers(30, 366, skus))
    category = rng.integers(0, len(CATEGORIES), skus)
    price = rng.integers(1_000, 50_000, skus)
    copy_rows(
        session,
        "sku",
        (
            ("sku", "varchar"),
            ("name", "varchar"),
            ("category", "varchar"),
            ("case_pack", "int4"),
            ("shelf_life_days", "int4"),
            ("price_paise", "int4"),
            ("created_at", "timestamptz"),
        ),
        (
            (f"BENCH-{n:05d}", f"bench item {n}", CATEGORIES[c], cp, sl, p, at)
            for n, (c, cp, sl, p) in enumerate(
                zip(category.tolist(), case_pack.tolist(), shelf_life.tolist(), price.tolist(), strict=True)
            )
        ),
    )
    sku_ids = np.array(session.scalars(text("SELECT id FROM sku ORDER BY id")).all(), dtype=np.int64)

    # Demand a store × SKU a day, min/max levels as seed.py sizes them (a day of demand, a day more in
    # whole cases), on hand: most healthy, some below the reorder point, a few out of stock.
    store_scale = rng.lognormal(0, 0.35, stores)
    daily = (
        UNITS_PER_STORE_DAY
        * store_scale[:, None]
        * popularity[None, :]
        * rng.lognormal(0, 0.3, (stores, skus))
    )
    day = np.ceil(daily).astype(np.int64)
    reorder_point = np.maximum(2, day)  # at least a couple on the shelf
    max_stock = np.ceil((reorder_point + day) / case_pack).astype(np.int64) * case_pack
    draw = rng.random((stores, skus))
    healthy = rng.integers(reorder_point + 1, max_stock + 1)  # above the reorder point
    low = np.where(reorder_point > 1, rng.integers(1, np.maximum(reorder_point, 2)), 0)  # below it, not 0
    on_hand = np.where(draw < OUT_OF_STOCK, 0, np.where(draw < OUT_OF_STOCK + BELOW_REORDER, low, healthy))
    capacity = np.maximum(
        settings.default_store_capacity_units, (max_stock.sum(axis=1) * 1.25).astype(np.int64)
    )

    # Dark stores, round robin over the cities, placed near a pincode centroid.
    city_of = [cities[n % len(cities)] for n in range(stores)]
    store_rows = []
    for n, city in enumerate(city_of):
        lat, lng = centroids[city][int(rng.integers(len(centroids[city])))]
        store_rows.append(
            (
                f"{city}-D{n:04d}",
                f"{city} dark store {n}",
                city,
                lat + float(rng.normal(0, 0.003)),
                lng + float(rng.normal(0, 0.003)),
                settings.default_store_radius_m,
                int(capacity[n]),
                "dark_store",
                hubs[city],
                False,
                at,
            )
        )
    copy_rows(session, "store", store_columns, store_rows)
    store_ids = np.array(
        session.scalars(text("SELECT id FROM store WHERE kind = 'dark_store' ORDER BY id")).all(),
        dtype=np.int64,
    )
    session.commit()

    store_col = np.repeat(store_ids, skus).tolist()
    sku_col = np.tile(sku_ids, stores).tolist()
    stamp = [at] * (stores * skus)
    _copy(
        session,
        "stock_level",
        STOCK_COLUMNS,
        [
            store_col,
            sku_col,
            on_hand.ravel().tolist(),
            reorder_point.ravel().tolist(),
            max_stock.ravel().tolist(),
            stamp,
        ],
    )
    session.commit()

    # Hub stock: three times what its stores' max stock adds up to; scarce SKUs a fifth of it.
    hub_of_store = np.array([hubs[c] for c in city_of])
    scarce = rng.random(skus) < SCARCE_AT_HUB
    hub_rows_stock = []
    for city in cities:
        total = max_stock[hub_of_store == hubs[city]].sum(axis=0)
        held = np.where(scarce, total // 5, total * 3)
        for sku_id, units in zip(sku_ids.tolist(), held.tolist(), strict=True):
            hub_rows_stock.append((hubs[city], sku_id, units, units // 3, units, at))
    copy_rows(
        session,
        "stock_level",
        STOCK_COLUMNS,
        hub_rows_stock,
    )
    session.commit()

    # One store × SKU rule per stock row: min/max or forecast, a service level, now and then an MOQ.
    n = stores * skus
    policy = np.where(rng.random(n) < 0.5, "forecast", "minmax").tolist()
    service = rng.choice(SERVICE_LEVELS, n).tolist()
    moq = np.where(rng.random(n) < 0.1, 2 * np.tile(case_pack, stores), 1).tolist()
    _copy(
        session,
        "restock_rule",
        (
            ("store_id", "int4"),
            ("sku_id", "int4"),
            ("policy", "varchar"),
            ("service_level", "float8"),
            ("moq", "int4"),
            ("actor", "varchar"),
            ("updated_at", "timestamptz"),
        ),
        [store_col, sku_col, policy, service, moq, ["bench"] * n, stamp],
    )
    session.commit()
    del store_col, sku_col, stamp, policy, service, moq
    _analyze()
    return World(
        stores=stores,
        skus=skus,
        store_ids=store_ids.tolist(),
        stock_rows=n,
        rules=n,
        below_reorder=int((on_hand < reorder_point).sum()),
        out_of_stock=int((on_hand == 0).sum()),
        scarce_skus=int(scarce.sum()),
        seconds=time.perf_counter() - started,
        daily=daily,
        sku_ids=sku_ids,
    )


def add_forecast(session: Session, settings: Settings, world: World, rng: np.random.Generator) -> int:
    """A finished forecast run with today and tomorrow for every store × SKU (the seeded daily demand,
    bands of a negative binomial with c = 0.3)."""
    run_id = session.scalar(
        text(
            "INSERT INTO forecast_run (created_at, finished_at, status, model, horizon_days, history_days,"
            " series, series_done) VALUES (:at, :at, 'done', 'bench', 2, 28, :n, :n) RETURNING id"
        ),
        {"at": SEEDED_AT, "n": world.stock_rows},
    )
    today = NOW.date()
    rows = 0
    for offset in (0, 1):
        mean = world.daily * rng.lognormal(0, 0.1, world.daily.shape)
        sd = np.sqrt(mean + 0.3 * mean * mean)
        bands = [np.maximum(mean + z * sd, 0.0) for z in (-1.2816, 1.2816, -1.96, 1.96)]
        median = np.maximum(mean - 0.1 * sd, 0.0)
        data = [
            [run_id] * world.stock_rows,
            np.repeat(np.array(world.store_ids), world.skus).tolist(),
            np.tile(world.sku_ids, world.stores).tolist(),
            [today + timedelta(days=offset)] * world.stock_rows,
            median.ravel().tolist(),
            *(b.ravel().tolist() for b in bands),
        ]
        _copy(
            session,
            "forecast_point",
            (
                ("run_id", "int4"),
                ("store_id", "int4"),
                ("sku_id", "int4"),
                ("day", "date"),
                ("yhat", "float8"),
                ("yhat_lower_80", "float8"),
                ("yhat_upper_80", "float8"),
                ("yhat_lower_95", "float8"),
                ("yhat_upper_95", "float8"),
            ),
            data,
        )
        rows += world.stock_rows
    session.commit()
    _analyze()
    return rows


def _analyze() -> None:
    with session_factory()() as session:
        session.connection().exec_driver_sql("ANALYZE")
        session.commit()


def _reset_plans() -> None:
    with session_factory()() as session:
        session.execute(text("TRUNCATE restock_plan_line, restock_plan_event, restock_plan"))
        session.commit()


def _reset_alerts() -> None:
    with session_factory()() as session:
        session.execute(text("TRUNCATE alert, alert_sweep"))
        session.commit()


# --- measurements --------------------------------------------------------------------------------------


class Timers:
    """Wall time of steps, by wrapping functions a module calls by name (each is called once a city or once
    a store, so the wrapping costs nothing measurable); with `keep_plans`, the planner's city plans too."""

    def __init__(self, module: Any, names: tuple[str, ...], keep_plans: bool = False) -> None:
        self.module, self.names, self.keep_plans = module, names, keep_plans
        self.seconds: dict[str, float] = {}
        self.cities: list[Any] = []
        self._saved: dict[str, Callable[..., Any]] = {}

    def __enter__(self) -> "Timers":
        for name in self.names:
            self._saved[name] = original = getattr(self.module, name)
            setattr(self.module, name, self._timed(name, original))
        if self.keep_plans:
            original_plan_city = self._saved["_plan_city"] = self.module._plan_city

            def plan_city(*args: Any, **kwargs: Any) -> Any:
                planned = original_plan_city(*args, **kwargs)
                self.cities.append(planned)
                return planned

            self.module._plan_city = plan_city
        return self

    def __exit__(self, *_: object) -> None:
        for name, original in self._saved.items():
            setattr(self.module, name, original)

    def _timed(self, name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started

        return timed


PLANNER_STEPS = {
    "_read_state": "state query: stock ⋈ SKU ⋈ effective rule, read with a binary COPY into arrays",
    "_read_demand": "demand: forecast points (binary COPY) or the recent rate",
    "city_hour_shares": "city hourly profile (SQL)",
    "_quantiles": "service-level quantiles of the forecast rules (numpy)",
    "_hub_available": "hub stock (SQL + a dict over the hub's SKUs)",
    "plan_lines": "constraints: case pack, MOQ, shelf life, capacity, hub (numpy + allocation loops)",
    "_write_store_plan": "per-store writes: lock, plan row and event, line tuples, COPY of the lines",
    "copy_rows": "… of which the COPY of the lines into restock_plan_line",
    "line rows": "… of which the line tuples with their reason strings (Python; timed again after the run)",
}
ALERT_STEPS = {
    "_collect_changed": "the rows a minute's evaluation judges: stock changed since the last one, open alerts that depend on the hour, lost units",
    "read_columns": "stock ⋈ forecast ⋈ recent rate, read with a binary COPY into arrays",
    "city_hour_shares": "city hourly profile (SQL)",
    "conditions": "conditions in Python (a message per alert) and the rest of city_conditions",
    "copy_rows": "COPY of the conditions into a temporary table",
    "upsert": "upsert of the alerts and resolution of the cleared ones (SQL)",
    "alerts_public": "the opened and resolved alerts read back as the API shows them",
    "announce_alerts": "announced on the live stream (JSON, NOTIFY)",
}


@dataclass
class PlannerRun:
    seconds: float
    plan: float
    write: float
    lines: int
    plans: int
    considered: int
    load: float
    rss_peak: float
    steps: dict[str, float]


def run_planner_once(settings: Settings, quiet: Quiet, what: str, reset: bool = True) -> PlannerRun:
    if reset:
        _reset_plans()
    load = quiet.wait(what)
    timers = Timers(planner, tuple(k for k in PLANNER_STEPS if k != "line rows"), keep_plans=True)
    with timers, peak_rss() as rss, session_factory()() as session:
        started = time.perf_counter()
        result = planner.run_planner(session, settings, now=NOW)
        seconds = time.perf_counter() - started
        # The line tuples and reason strings alone (the Python inside the writes), rebuilt from the plans.
        started = time.perf_counter()
        for planned in timers.cities:
            for i in np.flatnonzero(planned.plan.need > 0).tolist():
                planner._line_row(planned, i)
        line_rows = time.perf_counter() - started
        timers.cities.clear()
    steps = dict(timers.seconds) | {"line rows": line_rows}
    run = PlannerRun(
        seconds=seconds,
        plan=result.seconds.get("plan", 0.0),
        write=result.seconds.get("write", 0.0),
        lines=sum(s.lines for s in result.stores),
        plans=sum(1 for s in result.stores if s.plan_id is not None),
        considered=result.lines_considered,
        load=load,
        rss_peak=rss["peak"],
        steps=steps,
    )
    print(
        f"  {what}: {seconds:.1f} s (plan {run.plan:.1f}, write {run.write:.1f}), {run.lines:,} lines in"
        f" {run.plans:,} plans, load {load:.2f}, peak RSS {rss['peak']:,.0f} MB",
        flush=True,
    )
    return run


_BASELINE = text(
    """
    SELECT count(*), count(*) FILTER (WHERE l.on_hand < l.reorder_point),
           sum(CASE WHEN l.on_hand < l.reorder_point
                    THEN ((l.max_stock - l.on_hand + k.case_pack - 1) / k.case_pack) * k.case_pack ELSE 0 END),
           count(*) FILTER (WHERE r.policy = 'forecast'), avg(r.service_level), max(r.moq)
    FROM stock_level l
    JOIN store s ON s.id = l.store_id AND s.kind = 'dark_store' AND s.hub_id IS NOT NULL
    JOIN sku k ON k.id = l.sku_id
    LEFT JOIN restock_rule r ON r.store_id = l.store_id AND r.sku_id = l.sku_id
    """
)


def baseline_once(quiet: Quiet) -> tuple[float, float]:
    """One plain SQL pass over the same rows: stock ⋈ SKU ⋈ the store × SKU rule, the min/max need in whole
    cases summed, in the server."""
    load = quiet.wait("the SQL baseline")
    with session_factory()() as session:
        started = time.perf_counter()
        row = session.execute(_BASELINE).one()
        seconds = time.perf_counter() - started
    print(f"  baseline: {seconds:.2f} s, {row[0]:,} rows, {row[1]:,} below s, load {load:.2f}", flush=True)
    return seconds, load


@dataclass
class AlertRun:
    seconds: float
    judged: int
    conditions: int
    opened: int
    resolved: int
    load: float
    rss_peak: float
    steps: dict[str, float]


MINUTE_OF_SALES = 7_500  # stock rows a minute of orders changes at 1,000 stores at the dinner peak


def sell_a_minute(rng: np.random.Generator, stock_rows: int) -> int:
    """What a minute of the dinner peak does to the stock rows: ~1,500 orders of ~5 lines at 1,000 stores
    (3× the mean of ~0.7 M orders a day) take a unit from MINUTE_OF_SALES rows, stamped now as sales are."""
    rows = rng.choice(stock_rows, size=min(MINUTE_OF_SALES, stock_rows), replace=False) + 1
    with session_factory()() as session:
        session.execute(
            text(
                "WITH picked AS (SELECT store_id, sku_id, row_number() OVER (ORDER BY store_id, sku_id) AS n"
                " FROM stock_level l JOIN store s ON s.id = l.store_id AND s.kind = 'dark_store')"
                " UPDATE stock_level l SET on_hand = greatest(l.on_hand - 1, 0), updated_at = now()"
                " FROM picked p WHERE p.store_id = l.store_id AND p.sku_id = l.sku_id AND p.n = ANY(:rows)"
            ),
            {"rows": rows.tolist()},
        )
        session.commit()
    return int(rows.size)


def alerts_once(
    settings: Settings, quiet: Quiet, what: str, reset: bool = False, full: bool = False, minutes: int = 0
) -> AlertRun:
    if reset:
        _reset_alerts()
    load = quiet.wait(what)
    names = (
        "_collect_changed",
        "read_columns",
        "city_hour_shares",
        "city_conditions",
        "copy_rows",
        "alerts_public",
        "announce_alerts",
    )
    with Timers(alerts, names) as timers, peak_rss() as rss, session_factory()() as session:
        started = time.perf_counter()
        summary = evaluate_alerts(session, settings, now=NOW + timedelta(minutes=minutes), full=full)
        session.commit()
        seconds = time.perf_counter() - started
    steps = dict(timers.seconds)
    steps["conditions"] = (
        steps.pop("city_conditions", 0.0)
        - steps.get("_collect_changed", 0.0)
        - steps.get("read_columns", 0.0)
        - steps.get("city_hour_shares", 0.0)
    )
    steps["upsert"] = seconds - sum(steps.values())  # the upsert, the resolution and the commit
    print(
        f"  {what}: {seconds:.1f} s, {summary.judged:,} rows judged, {summary.conditions:,} conditions,"
        f" {summary.opened:,} opened, {summary.resolved:,} resolved, load {load:.2f}",
        flush=True,
    )
    return AlertRun(
        seconds,
        summary.judged,
        summary.conditions,
        summary.opened,
        summary.resolved,
        load,
        rss["peak"],
        steps,
    )


def state_split(settings: Settings, quiet: Quiet) -> dict[str, float]:
    """The planner's state query alone, summed over the cities: in the server (count(*) over it, nothing
    sent); fetched as SQLAlchemy rows and turned into arrays (how the planner read it before); read with a
    binary COPY into arrays (how it reads it now)."""
    by_city: dict[str, list[int]] = {}
    with session_factory()() as session:
        for store_id, city in session.execute(
            text("SELECT id, city FROM store WHERE kind = 'dark_store' AND hub_id IS NOT NULL ORDER BY id")
        ):
            by_city.setdefault(city, []).append(store_id)
    counted = text(f"SELECT count(*) FROM ({planner._STATE.text}) q")
    out = {"server": 0.0, "rows": 0.0, "copy": 0.0}
    quiet.wait("the state query")
    with session_factory()() as session:
        for ids in by_city.values():
            params = {
                "store_ids": ids,
                "policies": list(planner._POLICIES),
                "sources": list(planner._SOURCES),
            }
            params |= rule_defaults(settings)
            started = time.perf_counter()
            session.execute(counted, params).scalar()
            out["server"] += time.perf_counter() - started
            started = time.perf_counter()
            rows = session.execute(planner._STATE, params).all()
            columns = [np.asarray(c) for c in zip(*rows, strict=True)]
            out["rows"] += time.perf_counter() - started
            del rows, columns
            started = time.perf_counter()
            read_columns(session, planner._STATE, params, planner._STATE_TYPES)
            out["copy"] += time.perf_counter() - started
    print(
        f"  state query: server {out['server']:.1f} s, SQLAlchemy rows {out['rows']:.1f} s, binary COPY"
        f" {out['copy']:.1f} s",
        flush=True,
    )
    return out


# --- the report ----------------------------------------------------------------------------------------


@dataclass
class Measured:
    name: str
    world: World
    forecast: bool
    planner: list[PlannerRun]
    rerun: PlannerRun
    baseline: list[float]
    alerts_cold: list[AlertRun]
    alerts_full: list[AlertRun]
    alerts_minute: list[AlertRun]
    state: dict[str, float]


def measure(settings: Settings, world: World, quiet: Quiet, runs: int, name: str, forecast: bool) -> Measured:
    label = f"{name}{', forecast' if forecast else ''}"
    planner_runs = [run_planner_once(settings, quiet, f"{label}: planner run {n + 1}") for n in range(runs)]
    rerun = run_planner_once(settings, quiet, f"{label}: planner re-run over its drafts", reset=False)
    baseline = [] if forecast else [baseline_once(quiet)[0] for _ in range(runs)]
    cold, full, minute = [], [], []
    rng = np.random.default_rng(13)
    for n in range(runs):
        cold.append(alerts_once(settings, quiet, f"{label}: alerts run {n + 1}, none open", reset=True))
        full.append(alerts_once(settings, quiet, f"{label}: alerts judged in full again", full=True))
        sold = sell_a_minute(rng, world.stock_rows)
        minute.append(
            alerts_once(settings, quiet, f"{label}: the next minute, {sold:,} rows sold", minutes=1)
        )
    state = {} if forecast else state_split(settings, quiet)
    return Measured(name, world, forecast, planner_runs, rerun, baseline, cold, full, minute, state)


def _med(values: list[float]) -> float:
    return statistics.median(values)


def _both(values: list[float], fmt: str = ".1f") -> str:
    return " / ".join(format(v, fmt) for v in values)


def _label(m: Measured) -> str:
    return f"{m.name}, {'forecast run' if m.forecast else 'no forecast'}"


def planner_table(results: list[Measured]) -> str:
    out = [
        "| scale | run | planner s: median (runs) | plan s | write s | lines | plans | peak RSS MB | baseline SQL s: median (runs) | load at start |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for m in results:
        runs = m.planner
        baseline = f"{_med(m.baseline):.2f} ({_both(m.baseline, '.2f')})" if m.baseline else "(same rows)"
        out.append(
            f"| {_label(m)} | fresh plans | **{_med([p.seconds for p in runs]):.1f}** ({_both([p.seconds for p in runs])})"
            f" | {_med([p.plan for p in runs]):.1f} | {_med([p.write for p in runs]):.1f} | {runs[0].lines:,} |"
            f" {runs[0].plans:,} | {max(p.rss_peak for p in runs):,.0f} | {baseline} | {_both([p.load for p in runs], '.2f')} |"
        )
        p = m.rerun
        out.append(
            f"| {_label(m)} | re-run over its drafts | {p.seconds:.1f} | {p.plan:.1f} | {p.write:.1f} | {p.lines:,} |"
            f" {p.plans:,} | {p.rss_peak:,.0f} | | {p.load:.2f} |"
        )
    return "\n".join(out)


def _alert_runs(m: Measured) -> tuple[tuple[str, list[AlertRun]], ...]:
    return (
        ("in full, none open yet", m.alerts_cold),
        ("in full again, all open", m.alerts_full),
        (f"a minute later, {MINUTE_OF_SALES:,} rows sold", m.alerts_minute),
    )


def alerts_table(results: list[Measured]) -> str:
    out = [
        "| scale | evaluation | seconds: median (runs) | rows judged | conditions | opened | resolved | peak RSS MB | load at start |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for m in results:
        for what, runs in _alert_runs(m):
            out.append(
                f"| {_label(m)} | {what} | **{_med([a.seconds for a in runs]):.1f}** ({_both([a.seconds for a in runs])}) |"
                f" {runs[0].judged:,} | {runs[0].conditions:,} | {runs[0].opened:,} | {runs[0].resolved:,} |"
                f" {max(a.rss_peak for a in runs):,.0f} | {_both([a.load for a in runs], '.2f')} |"
            )
    return "\n".join(out)


def steps_table(total: float, steps: dict[str, float], names: dict[str, str]) -> str:
    out = ["| step | seconds | share |", "|---|---|---|"]
    for key, label in names.items():
        if key in steps:
            out.append(f"| {label} | {steps[key]:.1f} | {steps[key] / total:.0%} |")
    counted = sum(v for k, v in steps.items() if k in names and not names[k].startswith("…"))
    rest = total - counted
    if rest > 0.05 * total:
        out.append(f"| the rest (commits, per-city setup) | {rest:.1f} | {rest / total:.0%} |")
    return "\n".join(out)


def where_the_time_goes(results: list[Measured]) -> str:
    largest = max(m.world.stock_rows for m in results)
    parts = []
    for m in results:
        if m.world.stock_rows != largest:
            continue
        slowest = max(m.planner, key=lambda p: p.seconds)
        parts.append(
            f"\n**Planner, {_label(m)}**: the slowest fresh run ({slowest.seconds:.1f} s), by step.\n"
        )
        parts.append(steps_table(slowest.seconds, slowest.steps, PLANNER_STEPS))
        if m.state:
            parts.append(
                f"\nThe state query on its own, over the three cities: {m.state['server']:.1f} s in the server"
                f" (count(*) over it, nothing sent); fetched as SQLAlchemy rows and turned into arrays (the planner's"
                f" read before this bench) {m.state['rows']:.1f} s; read with a binary COPY into arrays (now)"
                f" {m.state['copy']:.1f} s."
            )
        for what, runs in _alert_runs(m):
            slow = max(runs, key=lambda a: a.seconds)
            parts.append(
                f"\n**Alerts, {_label(m)}, {what}** ({slow.seconds:.1f} s, {slow.conditions:,} conditions):\n"
            )
            parts.append(steps_table(slow.seconds, slow.steps, ALERT_STEPS))
    return "\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", nargs="+", default=["50x2000", "1000x4000"], help="STORESxSKUS")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument(
        "--forecast",
        choices=["all", "first", "none"],
        default="all",
        help="at which scales to add a forecast run",
    )
    parser.add_argument(
        "--wait", type=float, default=600, help="most seconds to wait for a quiet machine per step"
    )
    parser.add_argument("--wait-budget", type=float, default=1800, help="most seconds of waiting in all")
    args = parser.parse_args()
    settings = get_settings()
    quiet = Quiet(args.wait, args.wait_budget)
    results: list[Measured] = []
    started = time.perf_counter()
    where = ""
    admin = os.environ.get("DATABASE_URL")
    for n, scale in enumerate(args.scales):
        stores, skus = (int(x) for x in scale.lower().split("x"))
        name = f"{stores:,} × {skus:,}"
        with fresh_database():
            where = machine()
            print(f"{name}: seeding", flush=True)
            with session_factory()() as session:
                world = seed(session, settings, stores, skus, np.random.default_rng(7 + n))
            print(
                f"  seeded {world.stock_rows:,} stock rows and rules in {world.seconds:.0f} s"
                f" ({world.below_reorder:,} below the reorder point, {world.out_of_stock:,} out of stock)",
                flush=True,
            )
            results.append(measure(settings, world, quiet, args.runs, name, forecast=False))
            if args.forecast == "all" or (args.forecast == "first" and n == 0):
                started_forecast = time.perf_counter()
                with session_factory()() as session:
                    world.forecast_points = add_forecast(session, settings, world, np.random.default_rng(11))
                world.forecast_seconds = time.perf_counter() - started_forecast
                print(f"  forecast run with {world.forecast_points:,} points", flush=True)
                results.append(measure(settings, world, quiet, args.runs, name, forecast=True))
            world.daily = np.zeros(0)
            _release_memory()
        # fresh_database points DATABASE_URL at the database it made: the next one is made beside it.
        if admin is None:
            os.environ.pop("DATABASE_URL", None)
        else:
            os.environ["DATABASE_URL"] = admin
    total = time.perf_counter() - started
    maxrss = max(
        [*PEAKS, _status_kb("VmHWM") / 1024, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]
    )
    report(results, quiet, args, where, total, maxrss)


def report(
    results: list[Measured], quiet: Quiet, args: argparse.Namespace, where: str, total: float, maxrss: float
) -> None:
    worlds = []
    for m in results:
        if m.forecast:
            continue
        w = m.world
        worlds.append(
            f"- {m.name}: {w.stock_rows:,} stock rows and as many store × SKU rules"
            f" ({w.stores:,} dark stores, {w.skus:,} SKUs), {w.below_reorder:,} below the reorder point"
            f" ({w.below_reorder / w.stock_rows:.0%}, out of stock included), {w.out_of_stock:,} out of stock"
            f" ({w.out_of_stock / w.stock_rows:.0%}), {w.scarce_skus} SKUs scarce at the hubs; seeded with COPY in"
            f" {w.seconds:.0f} s"
            + (
                f"; a forecast run of {w.forecast_points:,} points added with COPY in {w.forecast_seconds:.0f} s"
                if w.forecast_points
                else ""
            )
        )
    worlds_text = "\n".join(worlds)
    body = f"""
## Restocking planner and alerts

`uv run python -m bench.replenishment --scales {" ".join(args.scales)} --runs {args.runs} --forecast {args.forecast}`
({total / 60:.0f} min in all). Three cities (BLR, DEL, BOM), a mother hub each, the dark stores spread over them
round robin; a stock row and a store × SKU restock rule (min/max or forecast, half each; service level 0.9 to
0.99; a tenth with a minimum order of two cases) for every dark store × SKU; demand a store × SKU a day from a
Zipf popularity (about 4,000 units a store a day), min/max levels sized as the demo sizes them (the reorder
point a day of demand and at least 2, the max a day more in whole cases); no demand history, so a rule
without a forecast plans by its min/max levels and alerts judge stock by the reorder point.

{worlds_text}

The planner is `run_planner(session, settings, now=12:40 IST)` (the 15:00 wave; its protection interval runs
to 06:00 the next day): every dark store × SKU read set-wise with its effective rule, lines computed with numpy
(`policy.py`), one draft plan per store written in its own transaction; "plan" and "write" are its own
`result.seconds`. Plans are truncated before each fresh run; the re-run finds its drafts and rewrites them
unchanged. With a forecast run (today and tomorrow for every store × SKU) the forecast rules plan by
quantiles of demand over the protection interval. The baseline is one plain SQL pass over the same rows:
stock ⋈ SKU ⋈ the store × SKU rule, the min/max need in whole cases summed in the server. Alerts are
`evaluate_alerts(session, settings)` for every city: in full with no alert open (every condition opens and is
announced; a full evaluation also runs at each new wave, day or forecast run and at least hourly), in full
again with them open, then the scheduler's every-minute case: a minute later, after a minute of the dinner
peak has sold a unit from {MINUTE_OF_SALES:,} random stock rows, only the rows that changed and the open
alerts that depend on the hour are judged (tested to give the same alerts as a full evaluation). Peak RSS is the process's resident peak during the step
(VmHWM, reset before it); the whole bench process peaked at {maxrss:,.0f} MB, seeding included. {quiet.summary()}.

{planner_table(results)}

{alerts_table(results)}

### Where the time goes at {max(results, key=lambda m: m.world.stock_rows).name}

{where_the_time_goes(results)}
"""
    record("replenishment", body, where)
    for m in results:
        print(
            f"{_label(m)}: planner {_med([p.seconds for p in m.planner]):.1f} s"
            + (f", baseline {_med(m.baseline):.2f} s" if m.baseline else "")
            + ", alerts "
            + " / ".join(f"{_med([a.seconds for a in runs]):.1f}" for _, runs in _alert_runs(m))
            + " s"
        )


if __name__ == "__main__":
    main()
