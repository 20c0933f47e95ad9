"""API shapes of forecast runs, their accuracy and their series."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

SeriesSort = Literal[
    "error", "-error", "wape", "-wape", "mase", "-mase", "units", "-units", "sku", "-sku", "store", "-store"
]


class RunPublic(BaseModel):
    id: int
    created_at: datetime
    finished_at: datetime | None
    status: str = Field(description="running, done, failed or cancelled")
    model: str = Field(description="the model asked for: auto or one model")
    horizon_days: int
    history_days: int
    series: int = Field(description="store × SKU series of the run (0 until it knows)")
    series_done: int
    error: str | None


class AccuracyRow(BaseModel):
    series: int
    wape: float | None = Field(description="sum |error| / sum(actual) over all the series' backtest units")
    wape_median: float | None = Field(description="the middle series' own WAPE")
    mase_mean: float | None
    units: float | None = Field(description="actual units in the backtest windows of these series")


class Accuracy(BaseModel):
    run: RunPublic
    metric: str
    overall: AccuracyRow
    models: dict[str, AccuracyRow] = Field(description="per model the run used, most series first")
    not_backtested: dict[str, int] = Field(description="series without a backtest, by reason")


class SeriesRow(BaseModel):
    """One store × SKU of a run: the model it used, why, and that model's backtest accuracy."""

    store: str
    sku: str
    name: str
    category: str
    model: str
    reason: str
    wape: float | None
    mase: float | None
    backtest_units: float | None = Field(description="actual units in the backtest windows")
    error_units: float | None = Field(
        description="units the backtest missed by, summed over its days (wape × backtest_units)"
    )
