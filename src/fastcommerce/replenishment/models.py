"""Restocking: rules, restock plans (one per store and delivery wave) with their lines and history, alerts."""

import enum
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from fastcommerce.db import Base, utcnow


class RulePolicy(enum.StrEnum):
    MINMAX = "minmax"
    FORECAST = "forecast"


class PlanStatus(enum.StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    DISPATCHED = "dispatched"
    PARTIALLY_RECEIVED = "partially_received"
    CLOSED = "closed"
    CANCELLED = "cancelled"


OPEN_PLAN_STATUSES = (
    PlanStatus.DRAFT,
    PlanStatus.APPROVED,
    PlanStatus.DISPATCHED,
    PlanStatus.PARTIALLY_RECEIVED,
)


class AlertKind(enum.StrEnum):
    LOW_STOCK = "low_stock"
    OUT_OF_STOCK = "out_of_stock"
    OVERSTOCK = "overstock"
    DEMAND_ANOMALY = "demand_anomaly"


class AlertStatus(enum.StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"


def _in(column: str, values: type[enum.StrEnum]) -> str:
    return f"{column} IN ({', '.join(repr(v.value) for v in values)})"


class RestockRule(Base):
    """How a store restocks a SKU. A rule names a SKU, a category, or neither (the default); and a store,
    or none (every store). The planner uses the most specific one: store × SKU, store × category, category,
    store, then the settings. Min/max levels of a store × SKU live on its stock row (reorder_point,
    max_stock)."""

    __tablename__ = "restock_rule"
    __table_args__ = (
        CheckConstraint("sku_id IS NULL OR category IS NULL", name="sku_or_category"),
        CheckConstraint("sku_id IS NULL OR store_id IS NOT NULL", name="sku_rule_has_store"),
        CheckConstraint(_in("policy", RulePolicy), name="policy_known"),
        CheckConstraint("service_level > 0.5 AND service_level < 1", name="service_level_range"),
        CheckConstraint("moq >= 1", name="moq_positive"),
        Index(
            "uq_restock_rule_scope",
            func.coalesce(text("store_id"), 0),
            func.coalesce(text("sku_id"), 0),
            func.coalesce(text("category"), ""),
            unique=True,
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[int | None] = mapped_column(ForeignKey("store.id", ondelete="CASCADE"))
    sku_id: Mapped[int | None] = mapped_column(ForeignKey("sku.id", ondelete="CASCADE"))
    category: Mapped[str | None] = mapped_column(String(60))
    policy: Mapped[str] = mapped_column(String(16))
    service_level: Mapped[float] = mapped_column(Float)
    moq: Mapped[int] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(80))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class RestockPlan(Base):
    """What a hub sends a dark store at one delivery wave. One plan per store and wave, ever: the planner
    updates its draft and never touches it once approved."""

    __tablename__ = "restock_plan"
    __table_args__ = (
        UniqueConstraint("store_id", "wave_at", name="uq_restock_plan_store_wave"),
        CheckConstraint(_in("status", PlanStatus), name="status_known"),
        Index("ix_restock_plan_status", "status", "wave_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id", ondelete="CASCADE"))
    hub_id: Mapped[int] = mapped_column(ForeignKey("store.id", ondelete="CASCADE"), index=True)
    wave_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(24))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class RestockPlanLine(Base):
    """One SKU of a plan: the quantity, the rule and the reason, the numbers behind them, and what became of
    the units (dispatched, received, written off, back-ordered)."""

    __tablename__ = "restock_plan_line"
    __table_args__ = (
        CheckConstraint("qty >= 0", name="qty_not_negative"),
        CheckConstraint(
            "received + written_off + back_ordered <= dispatched AND dispatched <= qty", name="units_add_up"
        ),
    )

    plan_id: Mapped[int] = mapped_column(ForeignKey("restock_plan.id", ondelete="CASCADE"), primary_key=True)
    sku_id: Mapped[int] = mapped_column(ForeignKey("sku.id", ondelete="CASCADE"), primary_key=True)
    qty: Mapped[int] = mapped_column(Integer)
    rule: Mapped[str] = mapped_column(String(16))
    rule_source: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(1000))
    on_hand: Mapped[int] = mapped_column(Integer)
    in_transit: Mapped[int] = mapped_column(Integer, comment="approved or on the way, not yet received")
    reorder_point: Mapped[int] = mapped_column(Integer)
    order_up_to: Mapped[int] = mapped_column(Integer)
    demand_to_delivery: Mapped[float] = mapped_column(Float, comment="expected units until the delivery")
    demand_protection: Mapped[float] = mapped_column(
        Float, comment="expected units until the next wave after"
    )
    dispatched: Mapped[int] = mapped_column(Integer, default=0)
    received: Mapped[int] = mapped_column(Integer, default=0)
    written_off: Mapped[int] = mapped_column(Integer, default=0)
    back_ordered: Mapped[int] = mapped_column(Integer, default=0)


class RestockPlanEvent(Base):
    """Every transition of a plan: to which status, who, when."""

    __tablename__ = "restock_plan_event"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("restock_plan.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(24))
    actor: Mapped[str] = mapped_column(String(80))
    note: Mapped[str] = mapped_column(String(200), default="")
    at: Mapped[datetime] = mapped_column(default=utcnow)


class Alert(Base):
    """A condition at a store (for a SKU, or the store's area for demand anomalies). At most one alert per
    (kind, store, SKU) is not resolved; it resolves by itself when the condition clears."""

    __tablename__ = "alert"
    __table_args__ = (
        CheckConstraint(_in("kind", AlertKind), name="kind_known"),
        CheckConstraint(_in("status", AlertStatus), name="status_known"),
        Index(
            "uq_alert_open",
            "kind",
            "store_id",
            func.coalesce(text("sku_id"), 0),
            unique=True,
            postgresql_where=text("status <> 'resolved'"),
        ),
        Index("ix_alert_status_kind", "status", "kind"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id", ondelete="CASCADE"), index=True)
    sku_id: Mapped[int | None] = mapped_column(ForeignKey("sku.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16))
    message: Mapped[str] = mapped_column(String(300))
    value: Mapped[float] = mapped_column(Float, comment="on hand, lost units or the anomaly score")
    stockout_at: Mapped[datetime | None] = mapped_column(comment="low stock: when it is expected to run out")
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    acknowledged_at: Mapped[datetime | None]
    acknowledged_by: Mapped[str | None] = mapped_column(String(80))
    resolved_at: Mapped[datetime | None]


class AlertSweep(Base):
    """How a city's alerts were last evaluated: the outlook they were judged against (next delivery wave,
    local day, forecast run), when every stock row was last judged, and the database time of the last
    evaluation (stock rows changed since then are judged again at the next one)."""

    __tablename__ = "alert_sweep"

    city: Mapped[str] = mapped_column(String(16), primary_key=True)
    outlook: Mapped[str] = mapped_column(String(120))
    full_at: Mapped[datetime] = mapped_column(comment="the evaluation time of the last full one")
    seen_at: Mapped[datetime] = mapped_column(comment="database clock when the last evaluation began")
