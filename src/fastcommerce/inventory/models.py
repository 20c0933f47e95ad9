import enum
from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from fastcommerce.db import Base, utcnow


class MovementKind(enum.StrEnum):
    RECEIPT = "receipt"
    SALE = "sale"
    TRANSFER_IN = "transfer_in"
    TRANSFER_OUT = "transfer_out"
    WASTAGE = "wastage"
    ADJUSTMENT = "adjustment"


INBOUND_KINDS = (MovementKind.RECEIPT, MovementKind.TRANSFER_IN)
OUTBOUND_KINDS = (MovementKind.SALE, MovementKind.TRANSFER_OUT, MovementKind.WASTAGE)


def _quoted(kinds: tuple[MovementKind, ...]) -> str:
    return ", ".join(f"'{k.value}'" for k in kinds)


class StockLevel(Base):
    """On-hand units of a SKU at a store; changed only in the same transaction as a stock_movement."""

    __tablename__ = "stock_level"
    __table_args__ = (
        CheckConstraint("on_hand >= 0", name="on_hand_not_negative"),
        CheckConstraint("reorder_point IS NULL OR reorder_point >= 0", name="reorder_point_not_negative"),
        CheckConstraint("max_stock IS NULL OR max_stock >= 0", name="max_stock_not_negative"),
        CheckConstraint(
            "reorder_point IS NULL OR max_stock IS NULL OR reorder_point <= max_stock",
            name="reorder_point_within_max",
        ),
    )

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id", ondelete="CASCADE"), primary_key=True)
    sku_id: Mapped[int] = mapped_column(
        ForeignKey("sku.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    on_hand: Mapped[int] = mapped_column(Integer, default=0)
    reorder_point: Mapped[int | None] = mapped_column(Integer)
    max_stock: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class StockMovement(Base):
    """The ledger: every change of on-hand, signed (+ in, - out)."""

    __tablename__ = "stock_movement"
    __table_args__ = (
        CheckConstraint(
            f"kind IN ({_quoted(tuple(MovementKind))})",
            name="kind_known",
        ),
        CheckConstraint(
            f"(kind IN ({_quoted(INBOUND_KINDS)}) AND qty > 0)"
            f" OR (kind IN ({_quoted(OUTBOUND_KINDS)}) AND qty < 0)"
            " OR (kind = 'adjustment' AND qty <> 0)",
            name="qty_sign_matches_kind",
        ),
        Index("ix_stock_movement_store_sku_id", "store_id", "sku_id", "id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id", ondelete="CASCADE"))
    sku_id: Mapped[int] = mapped_column(ForeignKey("sku.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    qty: Mapped[int] = mapped_column(Integer)
    reference: Mapped[str] = mapped_column(String(120), default="")
    actor: Mapped[str] = mapped_column(String(80), default="system")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
