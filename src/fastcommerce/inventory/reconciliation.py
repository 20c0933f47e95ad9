"""Recompute stock from the ledger and compare it with what the fast path keeps."""

from sqlalchemy import text
from sqlalchemy.orm import Session

from fastcommerce.inventory.schemas import LedgerMismatch

_ON_HAND_VS_LEDGER = text(
    """
    SELECT st.code, sk.sku, COALESCE(m.total, 0) AS expected, COALESCE(l.on_hand, 0) AS actual
    FROM stock_level l
    FULL OUTER JOIN (
        SELECT store_id, sku_id, SUM(qty) AS total FROM stock_movement GROUP BY store_id, sku_id
    ) m ON m.store_id = l.store_id AND m.sku_id = l.sku_id
    JOIN store st ON st.id = COALESCE(l.store_id, m.store_id)
    JOIN sku sk ON sk.id = COALESCE(l.sku_id, m.sku_id)
    WHERE COALESCE(m.total, 0) <> COALESCE(l.on_hand, 0)
    ORDER BY st.code, sk.sku
    """
)

_SALES_VS_ORDERS = text(
    """
    SELECT st.code, sk.sku, COALESCE(o.fulfilled, 0) AS expected, COALESCE(s.sold, 0) AS actual
    FROM (
        SELECT store_id, sku_id, -SUM(qty) AS sold FROM stock_movement WHERE kind = 'sale'
        GROUP BY store_id, sku_id
    ) s
    FULL OUTER JOIN (
        SELECT co.store_id, ol.sku_id, SUM(ol.fulfilled) AS fulfilled
        FROM order_line ol JOIN customer_order co ON co.id = ol.order_id
        WHERE co.store_id IS NOT NULL
        GROUP BY co.store_id, ol.sku_id
        HAVING SUM(ol.fulfilled) > 0
    ) o ON o.store_id = s.store_id AND o.sku_id = s.sku_id
    JOIN store st ON st.id = COALESCE(s.store_id, o.store_id)
    JOIN sku sk ON sk.id = COALESCE(s.sku_id, o.sku_id)
    WHERE COALESCE(o.fulfilled, 0) <> COALESCE(s.sold, 0)
    ORDER BY st.code, sk.sku
    """
)


def check_ledger(session: Session) -> list[LedgerMismatch]:
    """Every (store, SKU) whose on-hand differs from the sum of its movements, or whose sale movements
    differ from the units its orders fulfilled. An empty list means the books balance."""
    mismatches = []
    for check, query in (("on_hand_vs_ledger", _ON_HAND_VS_LEDGER), ("sales_vs_orders", _SALES_VS_ORDERS)):
        for store_code, sku, expected, actual in session.execute(query):
            mismatches.append(
                LedgerMismatch(check=check, store_code=store_code, sku=sku, expected=expected, actual=actual)
            )
    return mismatches
