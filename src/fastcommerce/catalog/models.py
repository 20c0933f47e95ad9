from datetime import datetime

from sqlalchemy import CheckConstraint, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from fastcommerce.db import Base, utcnow


class Sku(Base):
    """A sellable item. Prices are integer paise (1 rupee = 100 paise)."""

    __tablename__ = "sku"
    __table_args__ = (
        CheckConstraint("case_pack >= 1", name="case_pack_positive"),
        CheckConstraint("shelf_life_days >= 1", name="shelf_life_positive"),
        CheckConstraint("price_paise >= 0", name="price_not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sku: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    category: Mapped[str] = mapped_column(String(60), index=True)
    case_pack: Mapped[int] = mapped_column(Integer)
    shelf_life_days: Mapped[int] = mapped_column(Integer)
    price_paise: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
