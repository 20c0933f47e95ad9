from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from fastcommerce.db import Base, utcnow


class CustomerOrder(Base):
    """An order as received. `store_id` is null when no store serves the pincode: all of it is lost demand."""

    __tablename__ = "customer_order"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    order_id: Mapped[str] = mapped_column(String(64), unique=True)
    pincode: Mapped[int] = mapped_column(ForeignKey("pincode.pincode"), index=True)
    store_id: Mapped[int | None] = mapped_column(ForeignKey("store.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(index=True)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    request_hash: Mapped[str] = mapped_column(
        String(64), comment="sha256 of the request, for idempotent retries"
    )


class OrderLine(Base):
    """One SKU of an order: what was asked for, what the store gave, and the lost rest.

    The order's time, pincode and store are repeated here so that demand queries read one table.
    """

    __tablename__ = "order_line"
    __table_args__ = (
        CheckConstraint("requested >= 1", name="requested_positive"),
        CheckConstraint("fulfilled >= 0 AND lost >= 0", name="not_negative"),
        CheckConstraint("fulfilled + lost = requested", name="fulfilled_plus_lost_is_requested"),
        CheckConstraint("revenue_paise >= 0", name="revenue_not_negative"),
        Index("ix_order_line_sku_id_created_at", "sku_id", "created_at"),
        Index("ix_order_line_pincode_created_at", "pincode", "created_at"),
        Index("ix_order_line_store_id_created_at", "store_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("customer_order.id", ondelete="CASCADE"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    sku_id: Mapped[int] = mapped_column(ForeignKey("sku.id"))
    requested: Mapped[int] = mapped_column(Integer)
    fulfilled: Mapped[int] = mapped_column(Integer)
    lost: Mapped[int] = mapped_column(Integer)
    revenue_paise: Mapped[int] = mapped_column(BigInteger, comment="fulfilled units x price at order time")
    created_at: Mapped[datetime] = mapped_column(index=True)
    # Copies of the order's pincode and store, kept by the ingestion engine (no foreign keys: the order has
    # them, and checking them again per line halves bulk ingest speed).
    pincode: Mapped[int] = mapped_column(Integer)
    store_id: Mapped[int | None] = mapped_column(Integer)
