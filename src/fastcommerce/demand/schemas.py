from datetime import datetime, timedelta
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from fastcommerce.bounds import Pincode, Timestamp
from fastcommerce.db import utcnow
from fastcommerce.demand.windows import Metric

WINDOWS = {
    "15m": timedelta(minutes=15),
    "1h": timedelta(hours=1),
    "24h": timedelta(hours=24),
    "7d": timedelta(days=7),
}
MAX_SPAN = timedelta(days=31)


def span_problem(start: datetime, end: datetime) -> str | None:
    """What is wrong with the window [start, end), if anything: the one check of every window asked for."""
    if start >= end:
        return "'from' must be before 'to'"
    if end - start > MAX_SPAN:
        return f"the range may span at most {MAX_SPAN.days} days"
    return None


class TimeRange(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="forbid")

    from_: Timestamp | None = Field(default=None, alias="from", description="ISO-8601 with offset")
    to: Timestamp | None = Field(default=None, description="ISO-8601 with offset; default now")

    @model_validator(mode="after")
    def ordered(self) -> Self:
        if self.from_ and (problem := span_problem(self.from_, self.to or utcnow())):
            raise ValueError(problem)
        return self


class LineFilter(TimeRange):
    """Which order lines count: one SKU, or one category (both: that SKU if it is in the category)."""

    sku: str | None = Field(default=None, max_length=40, description="SKU code, e.g. DAI-0001")
    category: str | None = Field(default=None, max_length=40, description="category, e.g. Dairy")


class HeatmapQuery(LineFilter):
    level: Literal["pincode", "h3"] = "pincode"
    resolution: int = Field(default=8, ge=7, le=9, description="H3 resolution, with level=h3")
    window: Literal["15m", "1h", "24h", "7d"] = Field(
        default="1h", description="used when 'from' is not given"
    )
    city: str | None = Field(default=None, description="city code, e.g. BLR; default every city")
    metric: Metric = Field(default="units", description="what intensity, change and anomaly measure")


class TimeseriesQuery(LineFilter):
    pincode: Pincode | None = None
    h3: str | None = None
    store: str | None = None
    city: str | None = Field(default=None, description="city code: the whole city's demand")
    step: Literal["5m", "1h"] = "1h"
    window: Literal["15m", "1h", "24h", "7d"] = Field(
        default="24h", description="used when 'from' is not given"
    )

    @model_validator(mode="after")
    def one_target(self) -> Self:
        if sum(x is not None for x in (self.pincode, self.h3, self.store, self.city)) != 1:
            raise ValueError("give exactly one of pincode, h3, store or city")
        return self


class FeatureCollection(BaseModel):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    metadata: dict[str, Any]
    features: list[dict[str, Any]]

    def as_geojson(self) -> dict[str, Any]:
        return {"type": "FeatureCollection", "metadata": self.metadata, "features": self.features}


class TimeseriesPoint(BaseModel):
    at: datetime
    units: int
    orders: int
    lost_units: int
    revenue: int


class Timeseries(BaseModel):
    target: dict[str, Any]
    step: str
    from_: datetime = Field(serialization_alias="from")
    to: datetime
    totals: dict[str, int]
    points: list[TimeseriesPoint]
