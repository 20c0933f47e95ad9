"""Keep the demand rollups: add a batch of order lines incrementally, or rebuild from all lines.

Time is stored in UTC. 5-minute buckets are the same in UTC and in India's +05:30; hours are the local
hours of the store's city, so "7-9 pm" means what a store manager means.
"""

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import CursorResult, TextClause, text
from sqlalchemy.orm import Session

from fastcommerce.config import Settings

BUCKET_SECONDS = 300
Key = TypeVar("Key", tuple[int, datetime], tuple[int, int, datetime])


@dataclass(frozen=True)
class LineFact:
    """What an order line adds to demand."""

    order_key: int
    created_at: datetime
    pincode: int
    store_id: int | None
    sku_id: int
    requested: int
    lost: int
    revenue_paise: int


def five_minute_bucket(at: datetime) -> datetime:
    epoch = int(at.timestamp())
    return datetime.fromtimestamp(epoch - epoch % BUCKET_SECONDS, UTC)


def local_hour(at: datetime, zone: ZoneInfo) -> datetime:
    return at.astimezone(zone).replace(minute=0, second=0, microsecond=0).astimezone(UTC)


class _Sums:
    __slots__ = ("lost", "orders", "revenue", "units")

    def __init__(self) -> None:
        self.units = self.lost = self.revenue = 0
        self.orders: set[int] = set()

    def add(self, fact: LineFact) -> None:
        self.units += fact.requested
        self.lost += fact.lost
        self.revenue += fact.revenue_paise
        self.orders.add(fact.order_key)


_UPSERT_PINCODE = text(
    """
    INSERT INTO demand_pincode_5m AS d (pincode, bucket_at, units, orders, lost_units, revenue_paise)
    SELECT * FROM unnest(CAST(:pincode AS int[]), CAST(:bucket AS timestamptz[]), CAST(:units AS int[]),
                         CAST(:orders AS int[]), CAST(:lost AS int[]), CAST(:revenue AS bigint[]))
    ON CONFLICT (pincode, bucket_at) DO UPDATE SET
        units = d.units + excluded.units, orders = d.orders + excluded.orders,
        lost_units = d.lost_units + excluded.lost_units,
        revenue_paise = d.revenue_paise + excluded.revenue_paise
    """
)

_UPSERT_STORE_SKU = text(
    """
    INSERT INTO demand_store_sku_hour AS d
        (store_id, sku_id, hour_at, units, orders, lost_units, revenue_paise)
    SELECT * FROM unnest(CAST(:store AS int[]), CAST(:sku AS int[]), CAST(:hour AS timestamptz[]),
                         CAST(:units AS int[]), CAST(:orders AS int[]), CAST(:lost AS int[]),
                         CAST(:revenue AS bigint[]))
    ON CONFLICT (store_id, sku_id, hour_at) DO UPDATE SET
        units = d.units + excluded.units, orders = d.orders + excluded.orders,
        lost_units = d.lost_units + excluded.lost_units,
        revenue_paise = d.revenue_paise + excluded.revenue_paise
    """
)


def add_lines(session: Session, facts: Sequence[LineFact], store_zones: Mapping[int, ZoneInfo]) -> None:
    """Add order lines to both rollups. Keys are written in sorted order so that concurrent batches
    lock rollup rows in the same order."""
    by_pincode: dict[tuple[int, datetime], _Sums] = defaultdict(_Sums)
    by_store_sku: dict[tuple[int, int, datetime], _Sums] = defaultdict(_Sums)
    for fact in facts:
        by_pincode[(fact.pincode, five_minute_bucket(fact.created_at))].add(fact)
        if fact.store_id is not None:
            hour = local_hour(fact.created_at, store_zones[fact.store_id])
            by_store_sku[(fact.store_id, fact.sku_id, hour)].add(fact)
    if by_pincode:
        keys = sorted(by_pincode)
        session.execute(
            _UPSERT_PINCODE,
            {"pincode": [k[0] for k in keys], "bucket": [k[1] for k in keys], **_columns(by_pincode, keys)},
        )
    if by_store_sku:
        keys3 = sorted(by_store_sku)
        session.execute(
            _UPSERT_STORE_SKU,
            {
                "store": [k[0] for k in keys3],
                "sku": [k[1] for k in keys3],
                "hour": [k[2] for k in keys3],
                **_columns(by_store_sku, keys3),
            },
        )


def _columns(sums: Mapping[Key, _Sums], keys: Sequence[Key]) -> dict[str, list[int]]:
    return {
        "units": [sums[k].units for k in keys],
        "orders": [len(sums[k].orders) for k in keys],
        "lost": [sums[k].lost for k in keys],
        "revenue": [sums[k].revenue for k in keys],
    }


def rebuild(session: Session, settings: Settings) -> dict[str, int]:
    """Recompute both rollups from the order lines; returns the rows written per rollup."""
    session.execute(text("TRUNCATE demand_pincode_5m, demand_store_sku_hour"))
    pincode_rows = _rowcount(
        session,
        text(
            """
            INSERT INTO demand_pincode_5m (pincode, bucket_at, units, orders, lost_units, revenue_paise)
            SELECT pincode, date_bin('5 minutes', created_at, TIMESTAMPTZ '2000-01-01 00:00+00'),
                   SUM(requested), COUNT(DISTINCT order_id), SUM(lost), SUM(revenue_paise)
            FROM order_line GROUP BY 1, 2
            """
        ),
    )
    zones = [{"city": c.code, "zone": c.timezone} for c in settings.cities]
    store_rows = _rowcount(
        session,
        text(
            """
            INSERT INTO demand_store_sku_hour
                (store_id, sku_id, hour_at, units, orders, lost_units, revenue_paise)
            SELECT l.store_id, l.sku_id,
                   date_trunc('hour', l.created_at AT TIME ZONE z.zone) AT TIME ZONE z.zone,
                   SUM(l.requested), COUNT(DISTINCT l.order_id), SUM(l.lost), SUM(l.revenue_paise)
            FROM order_line l
            JOIN store s ON s.id = l.store_id
            JOIN jsonb_to_recordset(CAST(:zones AS jsonb)) AS z(city text, zone text) ON z.city = s.city
            GROUP BY 1, 2, 3
            """
        ),
        {"zones": json.dumps(zones)},
    )
    return {"demand_pincode_5m": pincode_rows, "demand_store_sku_hour": store_rows}


def _rowcount(session: Session, statement: TextClause, params: Mapping[str, Any] | None = None) -> int:
    result = session.execute(statement, params)
    assert isinstance(result, CursorResult)
    return int(result.rowcount)
