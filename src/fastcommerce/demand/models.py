"""Demand rollups, kept up to date in the same transaction as the order lines they sum.

units = requested units (true demand: fulfilled + lost); revenue = fulfilled units x price.
"""

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from fastcommerce.db import Base


class DemandMeasures:
    units: Mapped[int] = mapped_column(Integer)
    orders: Mapped[int] = mapped_column(Integer)
    lost_units: Mapped[int] = mapped_column(Integer)
    revenue_paise: Mapped[int] = mapped_column(BigInteger)


class PincodeDemand5m(DemandMeasures, Base):
    """Demand per pincode and 5-minute bucket (what the heatmap reads)."""

    __tablename__ = "demand_pincode_5m"

    pincode: Mapped[int] = mapped_column(ForeignKey("pincode.pincode"), primary_key=True)
    bucket_at: Mapped[datetime] = mapped_column(primary_key=True, index=True)


class PincodeDemandHour(DemandMeasures, Base):
    """Demand per pincode and local hour of its city (what long heatmap windows read)."""

    __tablename__ = "demand_pincode_hour"

    pincode: Mapped[int] = mapped_column(ForeignKey("pincode.pincode"), primary_key=True)
    hour_at: Mapped[datetime] = mapped_column(primary_key=True, index=True)


class StoreSkuDemandHour(DemandMeasures, Base):
    """Demand per store, SKU and local hour (what forecasts and store views read)."""

    __tablename__ = "demand_store_sku_hour"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id", ondelete="CASCADE"), primary_key=True)
    sku_id: Mapped[int] = mapped_column(ForeignKey("sku.id", ondelete="CASCADE"), primary_key=True)
    hour_at: Mapped[datetime] = mapped_column(primary_key=True, index=True)
