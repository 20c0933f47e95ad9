import enum
from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from fastcommerce.db import Base, utcnow


class StoreKind(enum.StrEnum):
    DARK_STORE = "dark_store"
    HUB = "hub"


class Store(Base):
    """A place that holds stock in the ledger: a dark store (a small warehouse that delivers to the pincodes
    around it) or a mother hub (a city warehouse that restocks its dark stores and serves no pincode)."""

    __tablename__ = "store"
    __table_args__ = (
        CheckConstraint("radius_m > 0", name="radius_positive"),
        CheckConstraint("capacity_units > 0", name="capacity_positive"),
        CheckConstraint("kind IN ('dark_store', 'hub')", name="kind_known"),
        CheckConstraint("kind = 'dark_store' OR hub_id IS NULL", name="hub_has_no_hub"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    city: Mapped[str] = mapped_column(String(16), index=True)
    lat: Mapped[float] = mapped_column(Float)
    lng: Mapped[float] = mapped_column(Float)
    radius_m: Mapped[int] = mapped_column(Integer)
    capacity_units: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16), default=StoreKind.DARK_STORE, server_default="dark_store")
    hub_id: Mapped[int | None] = mapped_column(
        ForeignKey("store.id", ondelete="SET NULL"), comment="the hub that restocks this dark store"
    )
    auto_approve: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default="false", comment="the planner approves this store's plans"
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class StoreCategoryCapacity(Base):
    """The room a dark store has for one category of SKUs (its freezer, its chiller), in units, within its
    total capacity; a category with no row has no limit of its own."""

    __tablename__ = "store_category_capacity"
    __table_args__ = (
        CheckConstraint("capacity_units > 0", name="capacity_positive"),
        UniqueConstraint("store_id", "category"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id", ondelete="CASCADE"))
    category: Mapped[str] = mapped_column(String(60))
    capacity_units: Mapped[int] = mapped_column(Integer)


class ServiceArea(Base):
    """Which store serves a pincode: the nearest store whose radius reaches the pincode's centroid."""

    __tablename__ = "service_area"

    pincode: Mapped[int] = mapped_column(ForeignKey("pincode.pincode", ondelete="CASCADE"), primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id", ondelete="CASCADE"), index=True)
    distance_m: Mapped[int] = mapped_column(Integer)
