"""The simulation's nightly supply: until restock plans do that job, whatever fell to its reorder point is
received up to max stock in whole case packs."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from fastcommerce.db import copy_rows
from fastcommerce.inventory.models import MovementKind
from fastcommerce.inventory.service import MOVEMENT_COLUMNS

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
