from typing import Any

from sqlalchemy import Float, Integer, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from fastcommerce.db import Base


class Pincode(Base):
    """A pincode of a configured city: its centroid, H3 cells and approximate area."""

    __tablename__ = "pincode"

    pincode: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    city: Mapped[str] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(String(120))
    district: Mapped[str] = mapped_column(String(120))
    lat: Mapped[float] = mapped_column(Float)
    lng: Mapped[float] = mapped_column(Float)
    h3_r7: Mapped[str] = mapped_column(String(16), index=True)
    h3_r8: Mapped[str] = mapped_column(String(16), index=True)
    h3_r9: Mapped[str] = mapped_column(String(16), index=True)
    area: Mapped[dict[str, Any]] = mapped_column(JSONB, comment="approximate area: GeoJSON Polygon")
