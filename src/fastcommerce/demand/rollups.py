"""Keep the demand rollups: add a batch of order lines incrementally, or rebuild them from all lines.

Time is stored in UTC. 5-minute buckets are the same in UTC and in India's +05:30; hours are the local
hours of the pincode's city, so "7-9 pm" means what a store manager means.
"""

import json
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import CursorResult, text
from sqlalchemy.orm import Session

from fastcommerce.config import Settings
from fastcommerce.db import row_source, run
from fastcommerce.orders.events import DemandSum, LinePlaced, OrdersPlaced, OrdersPlacedListener

BUCKET_SECONDS = 300
MEASURES = ("units", "orders", "lost_units", "revenue_paise")


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def floor_to(at: datetime, seconds: int) -> datetime:
    """The start (UTC) of the `seconds`-long bucket, counted from the epoch, that holds `at` (exact: no
    float on the way)."""
    return (at - (at - _EPOCH) % timedelta(seconds=seconds)).astimezone(UTC)


def ceil_to(at: datetime, seconds: int) -> datetime:
    """The first bucket boundary (UTC) at or after `at`."""
    start = floor_to(at, seconds)
    return start if start == at else start + timedelta(seconds=seconds)


def five_minute_bucket(at: datetime) -> datetime:
    return floor_to(at, BUCKET_SECONDS)


def local_hour(at: datetime, zone: ZoneInfo) -> datetime:
    return at.astimezone(zone).replace(minute=0, second=0, microsecond=0).astimezone(UTC)


@dataclass(frozen=True)
class LineFact:
    """A placed order line with its order's 5-minute bucket and local hour: what it adds to demand."""

    line: LinePlaced
    bucket_at: datetime
    hour_at: datetime


Key = tuple[Any, ...]


def five_minute_bucket_sql(column: str) -> str:
    """five_minute_bucket in SQL, of a timestamptz column."""
    return f"date_bin('5 minutes', {column}, TIMESTAMPTZ '2000-01-01 00:00+00')"


def local_hour_sql(column: str, zone: str) -> str:
    """local_hour in SQL, of a timestamptz column in the time zone named by the SQL expression `zone`."""
    return f"date_trunc('hour', {column} AT TIME ZONE {zone}) AT TIME ZONE {zone}"


_FIVE_MINUTES_SQL = five_minute_bucket_sql("l.created_at")
_LOCAL_HOUR_SQL = local_hour_sql("l.created_at", "z.zone")


@dataclass(frozen=True)
class Rollup:
    table: str
    keys: tuple[tuple[str, str, str], ...]  # (column, SQL type, SQL over order_line l and zone z)
    key_of: Callable[[LineFact], Key | None]


ROLLUPS = (
    Rollup(
        "demand_pincode_5m",
        (("pincode", "int4", "l.pincode"), ("bucket_at", "timestamptz", _FIVE_MINUTES_SQL)),
        lambda f: (f.line.pincode, f.bucket_at),
    ),
    Rollup(
        "demand_pincode_hour",
        (("pincode", "int4", "l.pincode"), ("hour_at", "timestamptz", _LOCAL_HOUR_SQL)),
        lambda f: (f.line.pincode, f.hour_at),
    ),
    Rollup(
        "demand_store_sku_hour",
        (
            ("store_id", "int4", "l.store_id"),
            ("sku_id", "int4", "l.sku_id"),
            ("hour_at", "timestamptz", _LOCAL_HOUR_SQL),
        ),
        lambda f: (f.line.store_id, f.line.sku_id, f.hour_at) if f.line.store_id is not None else None,
    ),
)


MEASURE_TYPES = (("units", "int4"), ("orders", "int4"), ("lost_units", "int4"), ("revenue_paise", "int8"))


def _upsert_sql(rollup: Rollup, source: str) -> str:
    key_list = ", ".join(name for name, _, _ in rollup.keys)
    columns = f"{key_list}, {', '.join(MEASURES)}"
    updates = ", ".join(f"{m} = d.{m} + excluded.{m}" for m in MEASURES)
    return (
        f"INSERT INTO {rollup.table} AS d ({columns}) SELECT {columns} FROM {source} ORDER BY {key_list} "
        f"ON CONFLICT ({key_list}) DO UPDATE SET {updates}"
    )


def add_lines(session: Session, facts: Sequence[LineFact]) -> None:
    """Add order lines to every rollup, in one statement. Keys are written in sorted order so that
    concurrent batches lock rollup rows in the same order."""
    upserts: list[tuple[str, str]] = []  # (table, its upsert)
    params: dict[str, Any] = {}
    for rollup in ROLLUPS:
        sums: dict[Key, DemandSum] = defaultdict(DemandSum)
        for fact in facts:
            key = rollup.key_of(fact)
            if key is not None:
                sums[key].add(fact.line)
        if not sums:
            continue
        columns = [(name, pg_type) for name, pg_type, _ in rollup.keys] + list(MEASURE_TYPES)
        rows = [(*key, *totals.row()) for key, totals in sums.items()]
        source, source_params = row_source(session, rollup.table, columns, rows)
        upserts.append((rollup.table, _upsert_sql(rollup, source)))
        params.update(source_params)
    if upserts:
        *before, (_, last) = upserts
        ctes = ", ".join(f"{table}_added AS ({upsert})" for table, upsert in before)
        run(session, f"WITH {ctes} {last}" if ctes else last, params)


def rollup_listener(zones: Mapping[str, ZoneInfo]) -> OrdersPlacedListener:
    """Keeps the rollups as orders are placed; `zones` are the cities' time zones (for local hours)."""

    def add_placed(session: Session, event: OrdersPlaced) -> None:
        add_lines(
            session,
            [
                LineFact(
                    line, five_minute_bucket(line.created_at), local_hour(line.created_at, zones[line.city])
                )
                for line in event.lines
            ],
        )

    return add_placed


def rebuild(session: Session, settings: Settings) -> dict[str, int]:
    """Recompute every rollup from the order lines; returns the rows written per rollup."""
    zones = json.dumps([{"city": c.code, "zone": c.timezone} for c in settings.cities])
    counts = {}
    for rollup in ROLLUPS:
        session.execute(text(f"TRUNCATE {rollup.table}"))
        keys = ", ".join(expression for _, _, expression in rollup.keys)
        where = " AND ".join(f"{expression} IS NOT NULL" for _, _, expression in rollup.keys)
        columns = [name for name, _, _ in rollup.keys] + list(MEASURES)
        statement = text(
            f"""
            INSERT INTO {rollup.table} ({", ".join(columns)})
            SELECT {keys}, SUM(l.requested), COUNT(DISTINCT l.order_id), SUM(l.lost), SUM(l.revenue_paise)
            FROM order_line l
            JOIN pincode p ON p.pincode = l.pincode
            JOIN jsonb_to_recordset(CAST(:zones AS jsonb)) AS z(city text, zone text) ON z.city = p.city
            WHERE {where}
            GROUP BY {", ".join(str(i + 1) for i in range(len(rollup.keys)))}
            """
        )
        result = session.execute(statement, {"zones": zones})
        assert isinstance(result, CursorResult)
        counts[rollup.table] = int(result.rowcount)
    return counts
