"""Alerts, evaluated set-wise for every dark store of a city at once:

- low stock: projected to run out before the next delivery (expected demand until the next wave, from the
  latest forecast or else the recent daily rate, exceeds what is on hand), with the estimated time of
  stock-out from the city's hourly profile; at a store with no recent demand at all, on hand at or below
  the reorder point;
- out of stock with demand still arriving: nothing on hand and units lost in the last hours;
- overstock: on hand above `alert_overstock_factor` times the max stock;
- demand anomaly: a store's units in the last hour against the same hour of the weeks before (z-score).

At most one alert per (kind, store, SKU) is open or acknowledged; a re-evaluation updates its numbers,
resolves the ones whose condition cleared, and announces new and resolved alerts on the live stream.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt
from sqlalchemy import BigInteger, Select, any_, bindparam, select, text, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from fastcommerce.catalog.models import Sku
from fastcommerce.config import Settings
from fastcommerce.db import copy_rows, count_rows, read_columns, utcnow
from fastcommerce.demand.service import anomaly
from fastcommerce.errors import IllegalTransition, NotFound
from fastcommerce.forecasting.service import latest_run
from fastcommerce.live.events import announce_alerts
from fastcommerce.replenishment.demand import BAND_MEAN_SQL
from fastcommerce.replenishment.models import Alert, AlertKind, AlertStatus, AlertSweep
from fastcommerce.replenishment.planner import city_hour_shares
from fastcommerce.replenishment.schemas import AlertPublic
from fastcommerce.replenishment.waves import waves_after
from fastcommerce.stores.models import Store

LOST_LOOKBACK = timedelta(hours=2)
ANOMALY_WEEKS = 4

_STOCK = """
    SELECT l.store_id::int4, l.sku_id::int4, l.on_hand::int4, COALESCE(l.reorder_point, -1)::int4,
           COALESCE(l.max_stock, -1)::int4, (f0.run_id IS NOT NULL AND f1.run_id IS NOT NULL)::int4,
           COALESCE({mean0}, 0)::float8, COALESCE({mean1}, 0)::float8,
           COALESCE(r.rate, 0)::float8, (k.store_id IS NOT NULL)::int4
    FROM stock_level l
    JOIN store s ON s.id = l.store_id AND s.kind = 'dark_store' AND s.city = :city
    {keys}
    LEFT JOIN forecast_point f0 ON f0.run_id = :run_id AND f0.store_id = l.store_id AND f0.sku_id = l.sku_id
                               AND f0.day = :today
    LEFT JOIN forecast_point f1 ON f1.run_id = :run_id AND f1.store_id = l.store_id AND f1.sku_id = l.sku_id
                               AND f1.day = :tomorrow
    LEFT JOIN (
        SELECT d.store_id, d.sku_id, SUM(d.units)::float8 / :rate_days AS rate FROM demand_store_sku_hour d
        {rate_keys}
        WHERE d.hour_at >= :since AND d.hour_at < :now GROUP BY d.store_id, d.sku_id
    ) r ON r.store_id = l.store_id AND r.sku_id = l.sku_id
    LEFT JOIN (
        SELECT DISTINCT store_id FROM demand_store_sku_hour WHERE hour_at >= :since AND hour_at < :now
    ) k ON k.store_id = l.store_id
    """
_MEANS = {"mean0": BAND_MEAN_SQL.format(p="f0"), "mean1": BAND_MEAN_SQL.format(p="f1")}
# Every stock row of the city, or only those in alert_key (a minute's evaluation).
_STOCK_ALL = text(_STOCK.format(keys="", rate_keys="", **_MEANS))
_STOCK_CHANGED = text(
    _STOCK.format(
        keys="JOIN alert_key ch ON ch.store_id = l.store_id AND ch.sku_id = l.sku_id",
        rate_keys="JOIN alert_key ch ON ch.store_id = d.store_id AND ch.sku_id = d.sku_id",
        **_MEANS,
    )
)
_STOCK_TYPES = (  # read with a binary COPY straight into arrays (db.read_columns)
    ("store_id", "int4"),
    ("sku_id", "int4"),
    ("on_hand", "int4"),
    ("reorder_point", "int4"),  # -1: none
    ("max_stock", "int4"),  # -1: none
    ("forecast", "int4"),
    ("mean0", "float8"),
    ("mean1", "float8"),
    ("rate", "float8"),
    ("known", "int4"),
)

# The rows a minute's evaluation judges: stock changed since the last one (sales, receipts, new levels),
# open alerts that change as the hours pass (a projected stock-out, lost units in a sliding window), and
# rows with units lost lately. Every other row's conditions hold as they were judged.
_CHANGED_KEYS = text(
    """
    INSERT INTO alert_key (store_id, sku_id)
    SELECT l.store_id, l.sku_id FROM stock_level l
    JOIN store s ON s.id = l.store_id AND s.kind = 'dark_store' AND s.city = :city
    WHERE l.updated_at >= :changed_since
    UNION
    SELECT a.store_id, a.sku_id FROM alert a JOIN store s ON s.id = a.store_id AND s.city = :city
    WHERE a.status <> 'resolved' AND a.sku_id IS NOT NULL
      AND (a.kind = 'out_of_stock' OR (a.kind = 'low_stock' AND a.stockout_at IS NOT NULL))
    UNION
    SELECT r.store_id, r.sku_id FROM demand_store_sku_hour r
    JOIN store s ON s.id = r.store_id AND s.city = :city
    WHERE r.hour_at >= :lost_since AND r.lost_units > 0
    """
)

_LOST = text(
    """
    SELECT r.store_id, r.sku_id, SUM(r.lost_units)
    FROM demand_store_sku_hour r JOIN store s ON s.id = r.store_id AND s.city = :city
    WHERE r.hour_at >= :since AND r.lost_units > 0
    GROUP BY r.store_id, r.sku_id
    """
)

_STORE_HOURS = text(
    """
    SELECT r.store_id, r.hour_at, SUM(r.units)
    FROM demand_store_sku_hour r JOIN store s ON s.id = r.store_id AND s.city = :city
    WHERE r.hour_at = ANY(:hours)
    GROUP BY r.store_id, r.hour_at
    """
)

_CONDITION_COLUMNS = (
    ("kind", "varchar"),
    ("store_id", "int4"),
    ("sku_id", "int4"),
    ("message", "varchar"),
    ("value", "float8"),
    ("stockout_at", "timestamptz"),
)


@dataclass(frozen=True)
class Condition:
    kind: AlertKind
    store_id: int
    sku_id: int | None
    message: str
    value: float
    stockout_at: datetime | None = None


@dataclass(frozen=True)
class CityStock:
    """Every dark-store stock row of a city (arrays by row), what it is expected to sell before the next
    delivery, and the units each low row is expected to miss before it (store_id, sku_id) → units."""

    store_id: npt.NDArray[np.int64]
    sku_id: npt.NDArray[np.int64]
    on_hand: npt.NDArray[np.int64]
    max_stock: npt.NDArray[np.int64]  # -1: none
    until_wave: npt.NDArray[np.float64]
    shortfall: dict[tuple[int, int], float]


@dataclass(frozen=True)
class EvaluationSummary:
    conditions: int  # holding among the rows judged
    opened: int
    resolved: int
    judged: int  # stock rows judged (all of them in a full evaluation)
    full_cities: int


def _hourly_fractions(
    shares: npt.NDArray[np.float64], zone: ZoneInfo, now: datetime, until: datetime, days: list[date]
) -> tuple[list[datetime], npt.NDArray[np.float64]]:
    """The hours from now until `until` and, per day of `days`, the cumulative share of its demand by the
    end of each hour ([hour, day])."""
    hours, steps = [], []
    hour = now.astimezone(zone).replace(minute=0, second=0, microsecond=0)
    while hour < until:
        following = hour + timedelta(hours=1)
        covered = (min(following, until) - max(hour, now)) / timedelta(hours=1)
        local = hour.astimezone(zone)
        row = np.zeros(len(days))
        if local.date() in days:
            row[days.index(local.date())] = shares[int(local.weekday() >= 5), local.hour] * covered
        hours.append(min(following, until))
        steps.append(row)
        hour = following
    return hours, np.cumsum(np.array(steps).reshape(-1, len(days)), axis=0)


def _collect_changed(session: Session, city: str, changed_since: datetime, now: datetime) -> None:
    """The keys of the rows a minute's evaluation judges, into the temporary table alert_key."""
    session.execute(
        text(
            "CREATE TEMPORARY TABLE IF NOT EXISTS alert_key (store_id int, sku_id int,"
            " PRIMARY KEY (store_id, sku_id)) ON COMMIT DROP"
        )
    )
    session.execute(text("TRUNCATE alert_key"))
    session.execute(
        _CHANGED_KEYS, {"city": city, "changed_since": changed_since, "lost_since": now - LOST_LOOKBACK}
    )
    session.execute(text("ANALYZE alert_key"))  # so the stock query looks its few rows up by index


@dataclass(frozen=True)
class Outlook:
    """What a city's stock is judged against at a moment: the next delivery wave, the local day and the one
    after (the forecast days read), and the latest forecast run (-1: none)."""

    next_wave: datetime
    days: tuple[date, date]
    run_id: int

    @property
    def key(self) -> str:
        return f"wave {self.next_wave.isoformat()} day {self.days[0].isoformat()} run {self.run_id}"


def city_outlook(session: Session, settings: Settings, city: str, now: datetime) -> Outlook:
    zone = settings.city_zones()[city]
    today = now.astimezone(zone).date()
    run = latest_run(session)
    return Outlook(
        next_wave=next(w for w in waves_after(now, settings.wave_times(), zone) if w > now),
        days=(today, today + timedelta(days=1)),
        run_id=run.id if run else -1,
    )


def city_conditions(
    session: Session,
    settings: Settings,
    city: str,
    now: datetime,
    outlook: Outlook | None = None,
    changed_since: datetime | None = None,
) -> tuple[list[Condition], CityStock]:
    """The alert conditions that hold now in a city, and its stock as they saw it: every stock row, or with
    `changed_since` only the rows a minute's evaluation judges (see _CHANGED_KEYS)."""
    zone = settings.city_zones()[city]
    outlook = outlook or city_outlook(session, settings, city, now)
    next_wave, days = outlook.next_wave, list(outlook.days)
    if changed_since is not None:
        _collect_changed(session, city, changed_since, now)
    c = read_columns(
        session,
        _STOCK_ALL if changed_since is None else _STOCK_CHANGED,
        {
            "city": city,
            "run_id": outlook.run_id,
            "today": days[0],
            "tomorrow": days[1],
            "since": now - timedelta(days=settings.restock_demand_days),
            "now": now,
            "rate_days": settings.restock_demand_days,
        },
        _STOCK_TYPES,
    )
    conditions: list[Condition] = []
    shortfalls: dict[tuple[int, int], float] = {}
    empty = np.zeros(0, dtype=np.int64)
    stock = CityStock(empty, empty, empty, empty, np.zeros(0), shortfalls)
    if c["store_id"].size:
        store, sku, on_hand = c["store_id"], c["sku_id"], c["on_hand"]
        reorder_point, ceiling = c["reorder_point"], c["max_stock"]
        forecast = c["forecast"].astype(bool)
        # else: a store with no recent demand, judged by levels
        projected = forecast | c["known"].astype(bool)
        daily = np.where(forecast[:, None], np.stack([c["mean0"], c["mean1"]], axis=1), c["rate"][:, None])
        hours, cumulative = _hourly_fractions(
            city_hour_shares(session, city, zone, now), zone, now, next_wave, days
        )
        # Expected units until the wave, and for the low rows by the end of each hour (the same sums).
        until_wave = (daily * cumulative[-1]).sum(axis=1) if hours else np.zeros(store.size)
        low = np.where(
            projected, (on_hand > 0) & (until_wave > on_hand), (on_hand > 0) & (on_hand <= reorder_point)
        )
        rows = np.flatnonzero(low)
        runs_out = np.full(rows.size, len(hours))  # whole hours served before it runs out
        timed = rows[projected[rows]]
        if hours and timed.size:
            expected = (daily[timed, None, :] * cumulative[None, :, :]).sum(axis=2)
            runs_out[projected[rows]] = (expected < on_hand[timed, None]).sum(axis=1)  # cumulative: sorted
        wave_at = f"{next_wave.astimezone(zone):%H:%M}"
        for store_id, sku_id, units, until, level, by_rate, by_forecast, out_at in zip(
            store[rows].tolist(),
            sku[rows].tolist(),
            on_hand[rows].tolist(),
            until_wave[rows].tolist(),
            reorder_point[rows].tolist(),
            projected[rows].tolist(),
            forecast[rows].tolist(),
            runs_out.tolist(),
            strict=True,
        ):
            at = hours[out_at] if out_at < len(hours) else None
            missed = until - units if by_rate else level + 1 - units
            shortfalls[(store_id, sku_id)] = float(missed)
            if by_rate:
                source = "forecast" if by_forecast else f"the last {settings.restock_demand_days} days' rate"
                message = (
                    f"{units} on hand, {until:.1f} expected to sell before the next delivery at {wave_at}"
                    f" ({source})"
                )
            else:
                message = f"{units} on hand, at or below the reorder point {level} (no recent demand)"
            conditions.append(Condition(AlertKind.LOW_STOCK, store_id, sku_id, message, float(units), at))
        over = (ceiling > 0) & (on_hand > settings.alert_overstock_factor * ceiling)
        conditions += [
            Condition(
                AlertKind.OVERSTOCK,
                int(store[i]),
                int(sku[i]),
                f"{on_hand[i]} on hand, more than {settings.alert_overstock_factor:g}× the max stock"
                f" {ceiling[i]}",
                float(on_hand[i]),
            )
            for i in np.flatnonzero(over).tolist()
        ]
        lost = {
            (s, k): int(n) for s, k, n in session.execute(_LOST, {"city": city, "since": now - LOST_LOOKBACK})
        }
        conditions += [
            Condition(
                AlertKind.OUT_OF_STOCK,
                int(store[i]),
                int(sku[i]),
                f"out of stock; {lost[key]} unit{'' if lost[key] == 1 else 's'} asked for and lost in the"
                f" last {LOST_LOOKBACK.seconds // 3600} h",
                float(lost[key]),
            )
            for i in np.flatnonzero(on_hand == 0).tolist()
            if (key := (int(store[i]), int(sku[i]))) in lost
        ]
        stock = CityStock(store, sku, on_hand, ceiling, until_wave, shortfalls)
    conditions += _anomalies(session, settings, city, now)
    return conditions, stock


def _anomalies(session: Session, settings: Settings, city: str, now: datetime) -> list[Condition]:
    """A store's units in the last whole hour against the same hour of the weeks before."""
    last_hour = now.replace(minute=0, second=0, microsecond=0) - timedelta(hours=1)
    hours = [last_hour - timedelta(weeks=k) for k in range(ANOMALY_WEEKS + 1)]
    units: dict[int, dict[datetime, int]] = {}
    for store_id, hour_at, n in session.execute(_STORE_HOURS, {"city": city, "hours": hours}):
        units.setdefault(store_id, {})[hour_at] = int(n)
    found = []
    for store_id, by_hour in units.items():
        current = by_hour.get(hours[0], 0)
        z = anomaly(current, [by_hour.get(h, 0) for h in hours[1:]])
        if z is not None and abs(z) >= settings.alert_anomaly_z:
            word = "above" if z > 0 else "below"
            found.append(
                Condition(
                    AlertKind.DEMAND_ANOMALY,
                    store_id,
                    None,
                    f"{current} units in the hour from {last_hour:%H:%M} UTC, {abs(z):.1f} sd {word}"
                    f" the same hour of the last {ANOMALY_WEEKS} weeks",
                    z,
                )
            )
    return found


_UPSERT = text(
    """
    INSERT INTO alert (kind, store_id, sku_id, status, message, value, stockout_at, opened_at, updated_at)
    SELECT c.kind, c.store_id, c.sku_id, 'open', c.message, c.value, c.stockout_at, :now, :now
    FROM alert_condition c
    ON CONFLICT (kind, store_id, COALESCE(sku_id, 0)) WHERE status <> 'resolved'
    DO UPDATE SET message = EXCLUDED.message, value = EXCLUDED.value, stockout_at = EXCLUDED.stockout_at,
                  updated_at = EXCLUDED.updated_at
    WHERE (alert.message, alert.value, alert.stockout_at)
          IS DISTINCT FROM (EXCLUDED.message, EXCLUDED.value, EXCLUDED.stockout_at)
    RETURNING id, (xmax = 0) AS inserted
    """
)

_RESOLVE = """
    UPDATE alert a SET status = 'resolved', resolved_at = :now, updated_at = :now
    FROM store s
    WHERE s.id = a.store_id AND s.city = :city AND a.status <> 'resolved' {judged}
      AND NOT EXISTS (SELECT 1 FROM alert_condition c WHERE c.kind = a.kind AND c.store_id = a.store_id
                      AND COALESCE(c.sku_id, 0) = COALESCE(a.sku_id, 0))
    RETURNING a.id
    """
_RESOLVE_ALL = text(_RESOLVE.format(judged=""))
_RESOLVE_CHANGED = text(  # of the alerts a minute's evaluation judged: its rows and the store-wide ones
    _RESOLVE.format(
        judged="AND (a.sku_id IS NULL OR EXISTS (SELECT 1 FROM alert_key ch"
        " WHERE ch.store_id = a.store_id AND ch.sku_id = a.sku_id))"
    )
)


def _locked_sweep(session: Session, city: str, seen_at: datetime) -> AlertSweep:
    """The city's alert_sweep row (made on its first evaluation, which is then full), locked until the
    evaluation commits: a city's evaluations take turns."""
    session.execute(
        pg_insert(AlertSweep)
        .values(city=city, outlook="", full_at=seen_at, seen_at=seen_at)
        .on_conflict_do_nothing()
    )
    return session.scalars(
        select(AlertSweep)
        .where(AlertSweep.city == city)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def _changed_since(settings: Settings, sweep: AlertSweep, outlook: Outlook, now: datetime) -> datetime | None:
    """Where a minute's evaluation may judge only the rows changed since the last one: the database time
    to look back to; None where every row must be judged (first evaluation, a new wave, day or forecast run,
    the last full one `alert_full_minutes` ago, or the clock going back)."""
    if sweep.outlook != outlook.key or not (
        timedelta(0) <= now - sweep.full_at < timedelta(minutes=settings.alert_full_minutes)
    ):
        return None
    return sweep.seen_at - timedelta(minutes=settings.alert_change_margin_minutes)


def evaluate_alerts(
    session: Session, settings: Settings, now: datetime | None = None, full: bool = False
) -> EvaluationSummary:
    """Open, update and resolve the alerts of every city; announce the opened and resolved ones. A city's
    evaluations take turns (its alert_sweep row is locked). Every stock row is judged when `full`, or when
    the outlook changed or the last full evaluation is `alert_full_minutes` old; otherwise only the rows
    that can have changed since the last evaluation (their stock moved, their levels changed, an open alert
    of theirs depends on the hour, units were lost), which gives the same alerts as judging them all."""
    now = now or utcnow()
    seen_at = session.scalar(text("SELECT now()"))  # the clock stock rows' updated_at are stamped with
    total = opened = resolved = judged = full_cities = 0
    session.execute(
        text(
            "CREATE TEMPORARY TABLE IF NOT EXISTS alert_condition "
            "(kind varchar, store_id int, sku_id int, message varchar, value float8, "
            "stockout_at timestamptz) ON COMMIT DROP"
        )
    )
    changed: list[int] = []
    for city in settings.city_zones():
        sweep = _locked_sweep(session, city, seen_at)
        outlook = city_outlook(session, settings, city, now)
        since = None if full else _changed_since(settings, sweep, outlook, now)
        conditions, stock = city_conditions(session, settings, city, now, outlook, since)
        session.execute(text("TRUNCATE alert_condition"))
        copy_rows(
            session,
            "alert_condition",
            _CONDITION_COLUMNS,
            (
                (c.kind.value, c.store_id, c.sku_id, c.message[:300], c.value, c.stockout_at)
                for c in conditions
            ),
        )
        upserted = session.execute(_UPSERT, {"now": now}).all()
        resolve = _RESOLVE_ALL if since is None else _RESOLVE_CHANGED
        gone_ids = list(session.scalars(resolve, {"now": now, "city": city}))
        sweep.outlook, sweep.seen_at = outlook.key, seen_at
        if since is None:
            sweep.full_at = now
        total += len(conditions)
        judged += stock.on_hand.size
        full_cities += since is None
        opened += sum(1 for _, inserted in upserted if inserted)
        resolved += len(gone_ids)
        changed += [alert_id for alert_id, inserted in upserted if inserted] + gone_ids
    if changed:
        announce_alerts(session, [a.model_dump(mode="json") for a in alerts_public(session, changed)])
    return EvaluationSummary(total, opened, resolved, judged, full_cities)


def _public_query() -> Select[Alert, str, str]:
    return (
        select(Alert, Store.code, Sku.sku)
        .join(Store, Store.id == Alert.store_id)
        .outerjoin(Sku, Sku.id == Alert.sku_id)
    )


def _public(row: tuple[Alert, str, str | None]) -> AlertPublic:
    alert, store_code, sku = row
    return AlertPublic.model_validate(
        {c.key: getattr(alert, c.key) for c in Alert.__table__.columns}
        | {"store_code": store_code, "sku": sku}
    )


def alerts_public(session: Session, ids: list[int]) -> list[AlertPublic]:
    wanted = Alert.id == any_(bindparam("ids", ids, type_=ARRAY(BigInteger)))  # one parameter, any count
    return [_public(row) for row in session.execute(_public_query().where(wanted).order_by(Alert.id))]


def list_alerts(
    session: Session,
    status: AlertStatus | None,
    kind: AlertKind | None,
    store: Store | None,
    limit: int,
    offset: int,
) -> tuple[list[AlertPublic], int]:
    """Newest first; a page and how many match."""
    query = _public_query()
    if status:
        query = query.where(Alert.status == status)
    if kind:
        query = query.where(Alert.kind == kind)
    if store:
        query = query.where(Alert.store_id == store.id)
    total = count_rows(session, query)
    rows = session.execute(
        query.order_by(Alert.opened_at.desc(), Alert.id.desc()).limit(limit).offset(offset)
    )
    return [_public(row) for row in rows], total


def alert_store_code(session: Session, alert_id: int) -> str:
    code = session.scalar(
        select(Store.code).join(Alert, Alert.store_id == Store.id).where(Alert.id == alert_id)
    )
    if code is None:
        raise NotFound(f"alert {alert_id} not found", loc=("path", "id"), value=alert_id)
    return code


def acknowledge(session: Session, alert_id: int, actor: str) -> AlertPublic:
    """open → acknowledged (acknowledging again changes nothing; a resolved alert cannot be)."""
    alert = session.scalar(select(Alert).where(Alert.id == alert_id).with_for_update())
    if alert is None:
        raise NotFound(f"alert {alert_id} not found", loc=("path", "id"), value=alert_id)
    if alert.status == AlertStatus.RESOLVED:
        raise IllegalTransition("alert", alert_id, alert.status, "acknowledged", [AlertStatus.OPEN.value])
    if alert.status == AlertStatus.OPEN:
        session.execute(
            update(Alert)
            .where(Alert.id == alert_id)
            .values(
                status=AlertStatus.ACKNOWLEDGED,
                acknowledged_at=utcnow(),
                acknowledged_by=actor,
                updated_at=utcnow(),
            )
        )
    return alerts_public(session, [alert_id])[0]
