"""The planner: every (store, SKU) of the stores asked for, read set-wise, turned into restock lines by the
rules and constraints of `policy.py`, written as one draft plan per store and wave.

It is idempotent: a re-run from the same state makes the same lines and updates the store's open draft for
the wave; a plan past draft is never touched, and units approved or on the way count in the position, so
nothing is ordered twice (nor again when a receipt is late). Each store's plan is written in a transaction
of its own under the store's row lock: a run killed half-way leaves whole plans or none, concurrent runs
wait for each other, and the next run completes the rest.

Demand. The latest forecast run gives each series' daily mean (from its point and bands) and spread; a
series it does not cover is planned by its min/max levels with the recent daily rate for what it sells
meanwhile. Daily demand is split into hours by the city's hourly profile (weekday and weekend), so a window
of hours gets its share; the days of a window are independent negative binomials (var = mean + c·mean²).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from time import perf_counter
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt
from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from fastcommerce.config import Settings
from fastcommerce.db import copy_rows, read_columns, utcnow
from fastcommerce.forecasting.service import latest_run
from fastcommerce.replenishment import lifecycle
from fastcommerce.replenishment.demand import BAND_MEAN_SQL, HOURS, hour_shares
from fastcommerce.replenishment.models import PlanStatus, RestockPlan, RestockPlanLine, RulePolicy
from fastcommerce.replenishment.policy import (
    DemandDistribution,
    IntArray,
    LineInputs,
    LinePlan,
    order_up_to,
    plan_lines,
)
from fastcommerce.replenishment.rules import RULE_COLUMNS, RULE_JOINS, rule_defaults
from fastcommerce.replenishment.waves import WaveWindow, wave_window
from fastcommerce.stores.models import Store, StoreKind

PROFILE_DAYS = 28
PLANNER_ACTOR = "planner"
_QUANTILE_CHUNK = 20_000
_QUANTILE_CELLS = 4_000_000  # rows × columns of one chunk's probability table
_TABLE_SDS = 12.0  # policy.py's probability tables reach about this many standard deviations past the mean
_Z80 = 2 * 1.2815515655446004  # width of an 80% normal band in standard deviations

LINE_COLUMNS = (
    ("plan_id", "int4"),
    ("sku_id", "int4"),
    ("qty", "int4"),
    ("rule", "varchar"),
    ("rule_source", "varchar"),
    ("reason", "varchar"),
    ("on_hand", "int4"),
    ("in_transit", "int4"),
    ("reorder_point", "int4"),
    ("order_up_to", "int4"),
    ("demand_to_delivery", "float8"),
    ("demand_protection", "float8"),
    ("dispatched", "int4"),
    ("received", "int4"),
    ("written_off", "int4"),
    ("back_ordered", "int4"),
)

# Sources of a rule, as RULE_COLUMNS names them; the state is read with codes for them and for the policies.
_SOURCES = ("sku", "category", "store", "default")
_POLICIES = tuple(p.value for p in RulePolicy)

# Every column is NOT NULL and of a fixed width, so the rows are read with a binary COPY straight into arrays.
_STATE = text(
    f"""
    WITH planned AS (
        SELECT id, hub_id, capacity_units FROM store
        WHERE kind = 'dark_store' AND hub_id IS NOT NULL AND id = ANY(:store_ids)
    ),
    moving AS (
        SELECT p.store_id, l.sku_id, SUM(l.qty - l.received - l.written_off - l.back_ordered) AS units
        FROM restock_plan p JOIN restock_plan_line l ON l.plan_id = p.id
        WHERE p.status IN ('approved', 'dispatched', 'partially_received')
          AND p.store_id IN (SELECT id FROM planned)
        GROUP BY p.store_id, l.sku_id
    )
    SELECT store_id::int4, sku_id::int4, hub_id::int4, capacity_units::int4, shelf_id::int4,
           shelf_units::int4, on_hand::int4, in_transit::int8,
           reorder_point::int4, max_stock::int4, case_pack::int4, shelf_life_days::int4,
           array_position(CAST(:policies AS text[]), policy::text)::int4 AS policy,
           service_level::float8, moq::int4,
           array_position(CAST(:sources AS text[]), source::text)::int4 AS source
    FROM (
        SELECT l.store_id, l.sku_id, st.hub_id, st.capacity_units, COALESCE(cc.id, -1) AS shelf_id,
               COALESCE(cc.capacity_units, 0) AS shelf_units, l.on_hand,
               COALESCE(m.units, 0) AS in_transit, COALESCE(l.reorder_point, -1) AS reorder_point,
               COALESCE(l.max_stock, -1) AS max_stock,
               k.case_pack, k.shelf_life_days, {RULE_COLUMNS}
        FROM stock_level l
        JOIN planned st ON st.id = l.store_id
        JOIN sku k ON k.id = l.sku_id
        LEFT JOIN moving m ON m.store_id = l.store_id AND m.sku_id = l.sku_id
        LEFT JOIN store_category_capacity cc ON cc.store_id = l.store_id AND cc.category = k.category
        {RULE_JOINS}
    ) state
    ORDER BY store_id, sku_id
    """
)
_STATE_TYPES = (
    ("store_id", "int4"),
    ("sku_id", "int4"),
    ("hub_id", "int4"),
    ("capacity", "int4"),
    ("shelf_id", "int4"),  # store_category_capacity.id, -1: the category has no limit of its own there
    ("shelf_units", "int4"),
    ("on_hand", "int4"),
    ("in_transit", "int8"),
    ("reorder_point", "int4"),
    ("max_stock", "int4"),
    ("case_pack", "int4"),
    ("shelf_life_days", "int4"),
    ("policy", "int4"),
    ("service_level", "float8"),
    ("moq", "int4"),
    ("source", "int4"),
)

_HUB_AVAILABLE = text(
    """
    SELECT l.store_id, l.sku_id, l.on_hand - COALESCE(c.units, 0)
    FROM stock_level l
    LEFT JOIN (
        SELECT p.hub_id, pl.sku_id, SUM(pl.qty) AS units
        FROM restock_plan p JOIN restock_plan_line pl ON pl.plan_id = p.id
        WHERE p.status = 'approved' AND p.hub_id = ANY(:hub_ids)
        GROUP BY p.hub_id, pl.sku_id
    ) c ON c.hub_id = l.store_id AND c.sku_id = l.sku_id
    WHERE l.store_id = ANY(:hub_ids)
    """
)

_FORECAST = text(
    """
    SELECT p.store_id::int4, p.sku_id::int4, (p.day - CAST(:first AS date))::int4 AS day,
           {mean}::float8, p.yhat_lower_80::float8, p.yhat_upper_80::float8
    FROM forecast_point p
    WHERE p.run_id = :run_id AND p.store_id = ANY(:store_ids) AND p.day BETWEEN :first AND :last
    """.format(mean=BAND_MEAN_SQL.format(p="p"))
)
_FORECAST_TYPES = (
    ("store_id", "int4"),
    ("sku_id", "int4"),
    ("day", "int4"),
    ("mean", "float8"),
    ("lo80", "float8"),
    ("hi80", "float8"),
)

_RECENT_RATE = text(
    """
    SELECT store_id::int4, sku_id::int4, (SUM(units)::float8 / :days)::float8 AS rate
    FROM demand_store_sku_hour WHERE store_id = ANY(:store_ids) AND hour_at >= :since AND hour_at < :until
    GROUP BY store_id, sku_id
    """
)
_RECENT_RATE_TYPES = (("store_id", "int4"), ("sku_id", "int4"), ("rate", "float8"))

_CITY_PROFILE = text(
    """
    SELECT (EXTRACT(ISODOW FROM d.hour_at AT TIME ZONE :zone) >= 6)::int,
           EXTRACT(HOUR FROM d.hour_at AT TIME ZONE :zone)::int, SUM(d.units)
    FROM demand_pincode_hour d JOIN pincode p ON p.pincode = d.pincode
    WHERE p.city = :city AND d.hour_at >= :since AND d.hour_at < :until
    GROUP BY 1, 2
    """
)


@dataclass
class StorePlanResult:
    store_code: str
    plan_id: int | None
    outcome: str  # created, updated, unchanged, removed, skipped (the plan is past draft), nothing
    lines: int = 0
    units: int = 0


@dataclass
class RunResult:
    wave_at: dict[str, datetime] = field(default_factory=dict)  # per city
    stores: list[StorePlanResult] = field(default_factory=list)
    lines_considered: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def plan_ids(self) -> list[int]:
        return [s.plan_id for s in self.stores if s.plan_id is not None]


@dataclass(frozen=True)
class _State:
    store_id: IntArray
    sku_id: IntArray
    hub_id: IntArray
    capacity: IntArray
    shelf_id: IntArray  # -1: the SKU's category has no room of its own at the store
    shelf_units: IntArray
    on_hand: IntArray
    in_transit: IntArray
    reorder_point: IntArray  # -1: none
    max_stock: IntArray  # -1: none
    case_pack: IntArray
    shelf_life_days: IntArray
    policy: npt.NDArray[np.str_]
    service_level: npt.NDArray[np.float64]
    moq: IntArray
    source: npt.NDArray[np.str_]

    def __len__(self) -> int:
        return int(self.store_id.size)


def _read_state(session: Session, store_ids: Sequence[int], settings: Settings) -> _State:
    params = {"store_ids": list(store_ids), "policies": list(_POLICIES), "sources": list(_SOURCES)}
    c = read_columns(session, _STATE, params | rule_defaults(settings), _STATE_TYPES)
    return _State(
        store_id=c["store_id"],
        sku_id=c["sku_id"],
        hub_id=c["hub_id"],
        capacity=c["capacity"],
        shelf_id=c["shelf_id"],
        shelf_units=c["shelf_units"],
        on_hand=c["on_hand"],
        in_transit=c["in_transit"],
        reorder_point=c["reorder_point"],
        max_stock=c["max_stock"],
        case_pack=c["case_pack"],
        shelf_life_days=c["shelf_life_days"],
        policy=np.asarray(_POLICIES)[c["policy"] - 1],
        service_level=c["service_level"],
        moq=c["moq"],
        source=np.asarray(_SOURCES)[c["source"] - 1],
    )


def _lines_of(state: _State, store_id: IntArray, sku_id: IntArray) -> IntArray:
    """The state's line of each (store, SKU), -1 where it has none (the state is in (store, SKU) order)."""
    keys = state.store_id * (1 << 32) + state.sku_id
    wanted = store_id * (1 << 32) + sku_id
    at = np.minimum(np.searchsorted(keys, wanted), max(len(state) - 1, 0))
    found = (keys[at] == wanted) if len(state) else np.zeros(wanted.size, dtype=bool)
    return np.where(found, at, -1)


def _day_fractions(
    days: list[date], shares: npt.NDArray[np.float64], zone: ZoneInfo, start: datetime, end: datetime
) -> npt.NDArray[np.float64]:
    """The share of each day's demand that falls in [start, end): the hours' shares (of its day type),
    part hours pro rata."""
    fractions = np.zeros(len(days))
    index = {d: i for i, d in enumerate(days)}
    hour = start.astimezone(zone).replace(minute=0, second=0, microsecond=0)
    while hour < end:
        following = hour + timedelta(hours=1)
        covered = (min(following, end) - max(hour, start)) / timedelta(hours=1)
        local = hour.astimezone(zone)
        if local.date() in index and covered > 0:
            fractions[index[local.date()]] += shares[int(local.weekday() >= 5), local.hour] * covered
        hour = following
    return fractions


def city_hour_shares(session: Session, city: str, zone: ZoneInfo, now: datetime) -> npt.NDArray[np.float64]:
    """[day type (0 weekday, 1 weekend), hour] shares of a day's demand in the city over the last weeks."""
    units = np.zeros((2, HOURS, 1))
    for weekend, hour, n in session.execute(
        _CITY_PROFILE,
        {"zone": zone.key, "city": city, "since": now - timedelta(days=PROFILE_DAYS), "until": now},
    ):
        units[weekend, hour, 0] = float(n)
    shares: npt.NDArray[np.float64] = hour_shares(units, [False, True])[:, :, 0]
    return shares


@dataclass(frozen=True)
class _Demand:
    daily_mean: npt.NDArray[np.float64]  # [line, day]
    daily_c: npt.NDArray[np.float64]  # [line, day]: var = mean + c·mean²
    forecast: npt.NDArray[np.bool_]  # the series has a forecast for every day
    known: npt.NDArray[np.bool_]  # a forecast, or a store with demand in the recent days (its rate is real)

    def window(self, fractions: npt.NDArray[np.float64]) -> DemandDistribution:
        part = self.daily_mean * fractions[None, :]
        return DemandDistribution.of(part.sum(axis=1), (part + self.daily_c * part * part).sum(axis=1))


def _read_demand(
    session: Session, state: _State, days: list[date], settings: Settings, now: datetime
) -> _Demand:
    n, k = len(state), len(days)
    mean = np.zeros((n, k))
    c = np.full((n, k), settings.restock_dispersion)
    covered = np.zeros((n, k), dtype=bool)
    store_ids = np.unique(state.store_id).tolist()
    run = latest_run(session)
    if run is not None and n:
        f = read_columns(
            session,
            _FORECAST,
            {"run_id": run.id, "store_ids": store_ids, "first": days[0], "last": days[-1]},
            _FORECAST_TYPES,
        )
        if f["store_id"].size:
            lo80, hi80 = f["lo80"], f["hi80"]
            line = _lines_of(state, f["store_id"], f["sku_id"])
            col = f["day"]
            keep = line >= 0
            daily = np.maximum(f["mean"], 0.0)
            sd = (hi80 - lo80) / _Z80
            with np.errstate(divide="ignore", invalid="ignore"):
                dispersion = np.where(daily > 0, np.maximum(sd * sd - daily, 0.0) / (daily * daily), 0.0)
            mean[line[keep], col[keep]] = daily[keep]
            c[line[keep], col[keep]] = dispersion[keep]
            covered[line[keep], col[keep]] = True
    has_forecast = np.asarray(covered.all(axis=1) if k else np.zeros(n), dtype=bool)
    missing = ~has_forecast
    if missing.any():
        since = now - timedelta(days=settings.restock_demand_days)
        rate = np.zeros(n)
        r = read_columns(
            session,
            _RECENT_RATE,
            {"store_ids": store_ids, "since": since, "until": now, "days": settings.restock_demand_days},
            _RECENT_RATE_TYPES,
        )
        line = _lines_of(state, r["store_id"], r["sku_id"])
        rate[line[line >= 0]] = r["rate"][line >= 0]
        mean[missing] = rate[missing, None]
        c[missing] = settings.restock_dispersion
        known = has_forecast | np.isin(state.store_id, r["store_id"])
    else:
        known = has_forecast
    return _Demand(mean, c, has_forecast, known)


def _quantiles(dist: DemandDistribution, levels: npt.NDArray[np.float64]) -> IntArray:
    """Each position's quantile at its own level, computed in chunks of similar table widths: the
    probability table of a chunk is as wide as its widest row needs (about mean + 12 sd), so a chunk holds
    at most _QUANTILE_CHUNK rows and _QUANTILE_CELLS cells (a few fast movers would otherwise widen the
    table of thousands of slow ones)."""
    out = np.zeros(len(dist), dtype=np.int64)
    width = dist.mean + _TABLE_SDS * np.sqrt(dist.variance) + 11
    for level in np.unique(levels).tolist():
        rows = np.flatnonzero(levels == level)
        rows = rows[np.argsort(width[rows], kind="stable")]
        start = 0
        while start < rows.size:
            ahead = rows[start : start + _QUANTILE_CHUNK]
            cells = np.arange(1, ahead.size + 1) * width[ahead]  # non-decreasing
            size = max(int(np.searchsorted(cells, _QUANTILE_CELLS, side="right")), 1)
            out[ahead[:size]] = dist.take(ahead[:size]).quantile(level)
            start += size
    return out


@dataclass(frozen=True)
class _CityPlan:
    window: WaveWindow
    state: _State
    plan: LinePlan
    use_forecast: npt.NDArray[np.bool_]
    to_delivery: npt.NDArray[np.float64]


def _plan_city(
    session: Session, settings: Settings, city: str, store_ids: Sequence[int], now: datetime
) -> _CityPlan:
    zone = settings.city_zones()[city]
    window = wave_window(now, settings.wave_times(), zone, timedelta(minutes=settings.restock_cutoff_minutes))
    state = _read_state(session, store_ids, settings)
    first, last = now.astimezone(zone).date(), window.next_wave.astimezone(zone).date()
    days = [first + timedelta(days=d) for d in range((last - first).days + 1)]
    demand = _read_demand(session, state, days, settings, now)
    shares = city_hour_shares(session, city, zone, now)
    to_delivery = demand.window(_day_fractions(days, shares, zone, now, window.wave))
    protection = demand.window(_day_fractions(days, shares, zone, now, window.next_wave))
    review_mean = demand.window(_day_fractions(days, shares, zone, window.wave, window.next_wave)).mean

    use_forecast = (state.policy == RulePolicy.FORECAST) & demand.forecast
    s_forecast = np.zeros(len(state), dtype=np.int64)
    chosen = np.flatnonzero(use_forecast)
    s_forecast[chosen] = _quantiles(protection.take(chosen), state.service_level[chosen])
    s = np.where(use_forecast, s_forecast, np.maximum(state.reorder_point, 0))
    big_s = np.where(
        use_forecast,
        order_up_to(s_forecast, review_mean),
        np.maximum(state.max_stock, 0),
    )
    no_levels = ~use_forecast & ((state.reorder_point < 0) | (state.max_stock < 0))
    s, big_s = np.where(no_levels, 0, s), np.where(no_levels, 0, big_s)

    position = state.on_hand + state.in_transit
    stores, store_index = np.unique(state.store_id, return_inverse=True)
    pairs = state.hub_id * (1 << 32) + state.sku_id
    pair_keys, pair_index = np.unique(pairs, return_inverse=True)
    daily_rate = demand.daily_mean.mean(axis=1) if demand.daily_mean.size else np.zeros(len(state))
    limited = state.shelf_id >= 0  # lines whose category has room of its own at their store
    shelves, inverse = np.unique(state.shelf_id[limited], return_inverse=True)
    shelf_index = np.full(len(state), -1, dtype=np.int64)
    shelf_index[limited] = inverse
    lines = LineInputs(
        store=store_index,
        sku=pair_index,
        position=position,
        stock_at_delivery=position - to_delivery.mean,
        s=s,
        big_s=big_s,
        case_pack=state.case_pack,
        moq=state.moq,
        sellable=np.where(demand.known, daily_rate * state.shelf_life_days, np.inf),
        protection=protection,
        shelf=shelf_index,
    )
    hub_available = _hub_available(session, pair_keys)
    plan = plan_lines(
        lines,
        _free_room(store_index, state.capacity, position, stores.size),
        hub_available,
        _free_room(shelf_index, state.shelf_units, position, shelves.size),
    )

    return _CityPlan(window, state, plan, use_forecast, to_delivery.mean)


def _free_room(group: IntArray, limit: IntArray, position: IntArray, groups: int) -> IntArray:
    """Units free in each of `groups` groups: its limit (every line of a group carries it) less the
    positions of its lines; lines of group -1 count nowhere."""
    member = group >= 0
    room = np.zeros(groups, dtype=np.int64)
    room[group[member]] = limit[member]
    used = np.bincount(group[member], weights=position[member], minlength=groups)
    return room - used.astype(np.int64)


def _rule_prefix(planned: _CityPlan, i: int) -> str:
    if planned.use_forecast[i]:
        return (
            f"forecast rule at service level {planned.state.service_level[i]:g}: demand until the wave after "
            f"is {planned.plan.inputs.protection.mean[i]:.1f} on average"
        )
    if planned.state.policy[i] == RulePolicy.FORECAST:
        return "no forecast for this series yet: min/max levels"
    return "min/max rule"


def _hub_available(session: Session, pair_keys: IntArray) -> IntArray:
    hubs = np.unique(pair_keys >> 32).tolist()
    available = np.zeros(pair_keys.size, dtype=np.int64)
    if not hubs:
        return available
    where = {int(k): i for i, k in enumerate(pair_keys.tolist())}
    for hub_id, sku_id, units in session.execute(_HUB_AVAILABLE, {"hub_ids": hubs}):
        i = where.get(hub_id * (1 << 32) + sku_id)
        if i is not None:
            available[i] = max(int(units), 0)
    return available


def run_planner(
    session: Session,
    settings: Settings,
    store_codes: Sequence[str] | None = None,
    now: datetime | None = None,
    actor: str = PLANNER_ACTOR,
) -> RunResult:
    """Plan the next wave of every dark store with a hub (or of `store_codes`), a city at a time. This
    commits: each store's plan on its own."""
    now = now or utcnow()
    result = RunResult()
    query = select(Store.id, Store.code, Store.city).where(
        Store.kind == StoreKind.DARK_STORE, Store.hub_id.is_not(None)
    )
    if store_codes is not None:
        query = query.where(Store.code.in_(list(store_codes)))
    by_city: dict[str, list[tuple[int, str]]] = {}
    for store_id, code, city in session.execute(query.order_by(Store.id)):
        by_city.setdefault(city, []).append((store_id, code))
    session.commit()
    for city, stores in by_city.items():
        started = perf_counter()
        planned = _plan_city(session, settings, city, [s for s, _ in stores], now)
        session.commit()
        result.seconds["plan"] = result.seconds.get("plan", 0.0) + perf_counter() - started
        result.wave_at[city] = planned.window.wave
        result.lines_considered += len(planned.state)
        started = perf_counter()
        for store_id, code in stores:
            result.stores.append(_write_store_plan(session, planned, store_id, code, actor))
            session.commit()
        result.seconds["write"] = result.seconds.get("write", 0.0) + perf_counter() - started
    return result


def _write_store_plan(
    session: Session, planned: _CityPlan, store_id: int, code: str, actor: str
) -> StorePlanResult:
    store = session.execute(select(Store).where(Store.id == store_id).with_for_update()).scalar_one()
    wave = planned.window.wave
    existing = session.scalar(
        select(RestockPlan).where(RestockPlan.store_id == store_id, RestockPlan.wave_at == wave)
    )
    if existing is not None and existing.status != PlanStatus.DRAFT:
        return StorePlanResult(code, existing.id, "skipped")
    first, end = np.searchsorted(planned.state.store_id, [store_id, store_id + 1])  # in store order
    mine = first + np.flatnonzero(planned.plan.need[first:end] > 0)
    rows = [_line_row(planned, int(i)) for i in mine]
    units = sum(r[1] for r in rows)
    if units == 0:
        if existing is None:
            return StorePlanResult(code, None, "nothing")
        session.delete(existing)
        return StorePlanResult(code, None, "removed")
    if existing is None:
        assert store.hub_id is not None
        existing = RestockPlan(
            store_id=store_id,
            hub_id=store.hub_id,
            wave_at=wave,
            status=PlanStatus.DRAFT,
            created_at=planned.window.now,
        )
        session.add(existing)
        session.flush()
        lifecycle.record(
            session, existing, PlanStatus.DRAFT, lifecycle.Actor(actor, planned.window.now), "planned"
        )
        outcome = "created"
    else:
        before = session.execute(
            select(RestockPlanLine.sku_id, RestockPlanLine.qty, RestockPlanLine.reason)
            .where(RestockPlanLine.plan_id == existing.id)
            .order_by(RestockPlanLine.sku_id)
        ).all()
        if [tuple(b) for b in before] == [(r[0], r[1], r[4]) for r in rows]:
            outcome = "unchanged"
        else:
            outcome = "updated"
        session.execute(delete(RestockPlanLine).where(RestockPlanLine.plan_id == existing.id))
    copy_rows(session, "restock_plan_line", LINE_COLUMNS, ((existing.id, *r, 0, 0, 0, 0) for r in rows))
    if outcome == "updated":
        existing.updated_at = planned.window.now
    if store.auto_approve:
        lifecycle.try_auto_approve(session, existing, planned.window.now)
    return StorePlanResult(code, existing.id, outcome, len(rows), units)


def _line_row(planned: _CityPlan, i: int) -> tuple[Any, ...]:
    state, plan = planned.state, planned.plan
    return (
        int(state.sku_id[i]),
        int(plan.qty[i]),
        RulePolicy.FORECAST.value if planned.use_forecast[i] else RulePolicy.MINMAX.value,
        str(state.source[i]),
        f"{_rule_prefix(planned, i)}; {plan.reason(i)}"[:1000],
        int(state.on_hand[i]),
        int(state.in_transit[i]),
        int(plan.inputs.s[i]),
        int(plan.inputs.big_s[i]),
        round(float(planned.to_delivery[i]), 3),
        round(float(plan.inputs.protection.mean[i]), 3),
    )
