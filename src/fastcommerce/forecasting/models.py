"""Forecast runs and what they produced: the model and backtest accuracy per store × SKU, and the points."""

from datetime import date, datetime

from sqlalchemy import Date, Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from fastcommerce.db import Base, utcnow


class ForecastRun(Base):
    """One forecast of every store × SKU series (nightly, or `fastcommerce forecast run`)."""

    __tablename__ = "forecast_run"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(16), default="running")  # running, done, failed, cancelled
    model: Mapped[str] = mapped_column(String(32), comment="asked for: auto or one model")
    horizon_days: Mapped[int] = mapped_column(Integer)
    history_days: Mapped[int] = mapped_column(Integer)
    series: Mapped[int] = mapped_column(Integer, default=0)
    series_done: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(String(2000))


class ForecastSeries(Base):
    """The model a run used for a store × SKU, why, and its backtest accuracy (None when not backtested)."""

    __tablename__ = "forecast_series"

    run_id: Mapped[int] = mapped_column(ForeignKey("forecast_run.id", ondelete="CASCADE"), primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id", ondelete="CASCADE"), primary_key=True)
    sku_id: Mapped[int] = mapped_column(ForeignKey("sku.id", ondelete="CASCADE"), primary_key=True)
    model: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(String(64))
    wape: Mapped[float | None] = mapped_column(Float)
    mase: Mapped[float | None] = mapped_column(Float)
    backtest_units: Mapped[float | None] = mapped_column(
        Float, comment="actual units in the backtest windows"
    )


class ForecastPoint(Base):
    """Forecast demand (fulfilled + lost units) of a store × SKU on one local day: the point (yhat), 80 and
    95% bands, the expected demand (mean) and quantiles, and the same of the demand from the run's first day
    through this one (`lead_*`: a lead time of that many days). Runs from before 2026-12-03 have no mean or
    quantiles."""

    __tablename__ = "forecast_point"

    run_id: Mapped[int] = mapped_column(ForeignKey("forecast_run.id", ondelete="CASCADE"), primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id", ondelete="CASCADE"), primary_key=True)
    sku_id: Mapped[int] = mapped_column(ForeignKey("sku.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    yhat: Mapped[float] = mapped_column(Float)
    yhat_lower_80: Mapped[float] = mapped_column(Float)
    yhat_upper_80: Mapped[float] = mapped_column(Float)
    yhat_lower_95: Mapped[float] = mapped_column(Float)
    yhat_upper_95: Mapped[float] = mapped_column(Float)
    mean: Mapped[float | None] = mapped_column(Float)
    q50: Mapped[float | None] = mapped_column(Float)
    q90: Mapped[float | None] = mapped_column(Float)
    q98: Mapped[float | None] = mapped_column(Float)
    lead_mean: Mapped[float | None] = mapped_column(Float)
    lead_q50: Mapped[float | None] = mapped_column(Float)
    lead_q90: Mapped[float | None] = mapped_column(Float)
    lead_q98: Mapped[float | None] = mapped_column(Float)
