from datetime import datetime

from sqlalchemy import CheckConstraint, Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from fastcommerce.db import Base, utcnow


class Store(Base):
    """A dark store: a small warehouse that delivers to the pincodes around it."""

    __tablename__ = "store"
    __table_args__ = (
        CheckConstraint("radius_m > 0", name="radius_positive"),
        CheckConstraint("capacity_units > 0", name="capacity_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    city: Mapped[str] = mapped_column(String(16), index=True)
    lat: Mapped[float] = mapped_column(Float)
    lng: Mapped[float] = mapped_column(Float)
    radius_m: Mapped[int] = mapped_column(Integer)
    capacity_units: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ServiceArea(Base):
    """Which store serves a pincode: the nearest store whose radius reaches the pincode's centroid."""

    __tablename__ = "service_area"

    pincode: Mapped[int] = mapped_column(ForeignKey("pincode.pincode", ondelete="CASCADE"), primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id", ondelete="CASCADE"), index=True)
    distance_m: Mapped[int] = mapped_column(Integer)
