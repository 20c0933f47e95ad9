from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from fastcommerce.db import Base, utcnow


class SimulatedHour(Base):
    """An hour of simulated history already placed, so that a second run adds nothing twice. `marker` is
    the sha256 of the city, seed, rate and hour (one city's simulations at another seed or rate differ)."""

    __tablename__ = "simulated_hour"

    marker: Mapped[str] = mapped_column(String(64), primary_key=True)
    city: Mapped[str] = mapped_column(String(16))
    hour_at: Mapped[datetime]
    orders: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
