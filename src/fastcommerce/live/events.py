"""Change notifications for the live stream, sent with PostgreSQL NOTIFY in the writing transaction, so
that listeners hear of a change exactly when (and only if) it commits, from any process that writes."""

import json
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from sqlalchemy.orm import Session

from fastcommerce.db import run
from fastcommerce.orders.events import DemandSum, OrdersPlaced, StockTaken

CHANNEL = "fastcommerce_events"
MAX_PAYLOAD_BYTES = 7_000  # PostgreSQL's limit is 8,000
_NOTIFY = (
    "SELECT pg_notify(:channel, payload)"
    " FROM unnest(CAST(:payloads AS text[])) WITH ORDINALITY AS p(payload, n) ORDER BY n"
)


def stock_alert(change: StockTaken) -> dict[str, Any] | None:
    """The alert a stock change crosses into: out of stock, or down to its reorder point."""
    if change.after == 0 < change.before:
        kind = "out_of_stock"
    elif change.reorder_point is not None and change.after <= change.reorder_point < change.before:
        kind = "low_stock"
    else:
        return None
    return {
        "kind": kind,
        "store_code": change.store_code,
        "sku": change.sku,
        "on_hand": change.after,
        "reorder_point": change.reorder_point,
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


def notify_placed(session: Session, event: OrdersPlaced) -> None:
    """Announce the demand deltas per pincode ([pincode, units, orders, lost_units, revenue_paise]), the new
    stock levels and the alerts they cross into."""
    demand: dict[int, DemandSum] = defaultdict(DemandSum)
    for line in event.lines:
        demand[line.pincode].add(line)
    payloads = [
        *_chunks("demand", [[pincode, *sums.row()] for pincode, sums in sorted(demand.items())]),
        *_chunks("stock", [[c.store_code, c.sku, c.after] for c in event.stock]),
        *_chunks("alert", [alert for c in event.stock if (alert := stock_alert(c))]),
    ]
    _notify(session, payloads)


def announce_alerts(session: Session, alerts: list[dict[str, Any]]) -> None:
    """Announce alerts opened or resolved (each as the API shows it) on the live stream."""
    _notify(session, list(_chunks("alert", alerts)))


def _notify(session: Session, payloads: list[str]) -> None:
    """Send the payloads, in their order, in one statement."""
    if payloads:
        run(session, _NOTIFY, {"channel": CHANNEL, "payloads": payloads})
