"""Change notifications for the live stream, sent with PostgreSQL NOTIFY in the writing transaction, so
that listeners hear of a change exactly when (and only if) it commits, from any process that writes."""

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

CHANNEL = "fastcommerce_events"
MAX_PAYLOAD_BYTES = 7_000  # PostgreSQL's limit is 8,000
_NOTIFY = text("SELECT pg_notify(:channel, :payload)")


@dataclass(frozen=True)
class StockChange:
    store_code: str
    sku: str
    before: int
    after: int
    reorder_point: int | None

    def alert(self) -> dict[str, Any] | None:
        if self.after == 0 < self.before:
            kind = "out_of_stock"
        elif self.reorder_point is not None and self.after <= self.reorder_point < self.before:
            kind = "low_stock"
        else:
            return None
        return {
            "kind": kind,
            "store_code": self.store_code,
            "sku": self.sku,
            "on_hand": self.after,
            "reorder_point": self.reorder_point,
        }


def _chunks(kind: str, items: list[Any]) -> Iterator[str]:
    """JSON payloads of at most MAX_PAYLOAD_BYTES, each {"kind": kind, "items": [...]}."""
    batch: list[Any] = []
    size = 0
    for item in items:
        encoded = len(json.dumps(item, separators=(",", ":"))) + 1
        if batch and size + encoded > MAX_PAYLOAD_BYTES:
            yield json.dumps({"kind": kind, "items": batch}, separators=(",", ":"))
            batch, size = [], 0
        batch.append(item)
        size += encoded
    if batch:
        yield json.dumps({"kind": kind, "items": batch}, separators=(",", ":"))


def notify_changes(
    session: Session, demand: Mapping[int, tuple[int, int, int, int]], stock: Iterable[StockChange]
) -> None:
    """Announce demand deltas per pincode ((units, orders, lost_units, revenue_paise)), stock levels and
    the alerts they cross into."""
    changes = list(stock)
    payloads = [
        *_chunks("demand", [[pincode, *values] for pincode, values in sorted(demand.items())]),
        *_chunks("stock", [[c.store_code, c.sku, c.after] for c in changes]),
        *_chunks("alert", [alert for c in changes if (alert := c.alert())]),
    ]
    for payload in payloads:
        session.execute(
            text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": payload}
        )
