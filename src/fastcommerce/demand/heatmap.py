"""The demand heatmap: demand per pincode area or H3 cell over a window, with change and anomaly."""

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from fastcommerce.catalog.models import Sku
from fastcommerce.catalog.service import require_sku_id
from fastcommerce.config import Settings
from fastcommerce.db import utcnow
from fastcommerce.demand.rollups import BUCKET_SECONDS, five_minute_bucket
from fastcommerce.demand.schemas import WINDOWS, FeatureCollection, HeatmapQuery, TimeRange
from fastcommerce.demand.windows import ZERO, DemandFilter, Measures, Metric, Span, sums_by_pincode
from fastcommerce.errors import InvalidReference
from fastcommerce.geo.h3cells import cell_polygon
from fastcommerce.geo.models import Pincode
from fastcommerce.stores.models import ServiceArea, Store

BASELINE_WEEKS = 4
Totaller = Callable[[str, list["Place"]], Measures]
WEEK = timedelta(days=7)


def resolve_span(query: TimeRange, window: str, now: datetime | None = None) -> Span:
    """The window asked for; with no `to`, it ends at the end of the current 5-minute bucket (nothing can
    lie beyond now), so that live windows are read from whole buckets."""
    end = query.to or five_minute_bucket(now or utcnow()) + timedelta(seconds=BUCKET_SECONDS)
    start = query.from_ or end - WINDOWS[window]
    if start >= end:
        raise InvalidReference("'from' must be before 'to'", loc=("query", "from"), value=start.isoformat())
    return Span(start, end)


def query_zone(settings: Settings, city: str | None) -> ZoneInfo | None:
    """The one time zone of the cities asked about, or None when they differ."""
    zones = settings.city_zones()
    if city is not None:
        if city not in zones:
            raise InvalidReference(f"unknown city {city!r}", loc=("query", "city"), value=city)
        return zones[city]
    distinct = {z.key for z in zones.values()}
    return ZoneInfo(distinct.pop()) if len(distinct) == 1 else None


@dataclass(frozen=True)
class Place:
    pincode: int
    name: str
    area: dict[str, Any]
    cell: str
    store_code: str | None


def _places(session: Session, city: str | None, resolution: int) -> list[Place]:
    cell_column = {7: Pincode.h3_r7, 8: Pincode.h3_r8, 9: Pincode.h3_r9}[resolution]
    query = (
        select(Pincode.pincode, Pincode.name, Pincode.area, cell_column, Store.code)
        .outerjoin(ServiceArea, ServiceArea.pincode == Pincode.pincode)
        .outerjoin(Store, Store.id == ServiceArea.store_id)
        .order_by(Pincode.pincode)
    )
    if city:
        query = query.where(Pincode.city == city)
    return [Place(*row) for row in session.execute(query)]


def _filter(session: Session, q: HeatmapQuery) -> DemandFilter:
    sku_id = require_sku_id(session, q.sku, ("query", "sku")) if q.sku else None
    if q.category and session.scalar(select(Sku.id).where(Sku.category == q.category).limit(1)) is None:
        raise InvalidReference(
            f"unknown category {q.category!r}", loc=("query", "category"), value=q.category
        )
    return DemandFilter(city=q.city, sku_id=sku_id, category=q.category)


def anomaly(current: int, earlier: list[int]) -> float | None:
    """z-score of `current` against the same window in earlier weeks; None when they do not vary."""
    if len(earlier) < 2:
        return None
    mean = sum(earlier) / len(earlier)
    spread = math.sqrt(sum((x - mean) ** 2 for x in earlier) / (len(earlier) - 1))  # sample deviation
    return round((current - mean) / spread, 2) if spread else None


def heatmap(
    session: Session, q: HeatmapQuery, settings: Settings, now: datetime | None = None
) -> FeatureCollection:
    zone = query_zone(settings, q.city)
    span = resolve_span(q, q.window, now)
    spans = {"current": span, "previous": span.shifted(-span.length)}
    spans |= {f"week{k}": span.shifted(-k * WEEK) for k in range(1, BASELINE_WEEKS + 1)}
    sums = sums_by_pincode(session, spans, _filter(session, q), zone)
    places = _places(session, q.city, q.resolution)

    groups: dict[str, list[Place]] = defaultdict(list)
    for place in places:
        groups[str(place.pincode) if q.level == "pincode" else place.cell].append(place)

    def total(label: str, members: list[Place]) -> Measures:
        return sum((sums[label].get(p.pincode, ZERO) for p in members), ZERO)

    current = {key: total("current", members) for key, members in groups.items()}
    peak = max((m.metric(q.metric) for m in current.values()), default=0)
    features = [
        _feature(q.level, q.metric, key, members, current[key], total, peak)
        for key, members in groups.items()
    ]
    totals = sum(current.values(), ZERO)
    # Every part is typed already; built without validating hundreds of polygons again.
    return FeatureCollection.model_construct(
        metadata={
            "level": q.level,
            "resolution": q.resolution if q.level == "h3" else None,
            "city": q.city,
            "sku": q.sku,
            "category": q.category,
            "metric": q.metric,
            "from": span.start.isoformat(),
            "to": span.end.isoformat(),
            "previous": {
                "from": spans["previous"].start.isoformat(),
                "to": spans["previous"].end.isoformat(),
            },
            "intensity_scale": {"type": "linear", "metric": q.metric, "min": 0, "max": peak},
            "anomaly_baseline": f"same window in the {BASELINE_WEEKS} previous weeks (z-score)",
            "areas": "approximate pincode areas (Voronoi of India Post centroids)"
            if q.level == "pincode"
            else f"H3 cells at resolution {q.resolution} holding a pincode centroid",
            "totals": totals.as_dict(),
        },
        features=features,
    )


def _feature(
    level: str, metric: Metric, key: str, members: list[Place], current: Measures, total: Totaller, peak: int
) -> dict[str, Any]:
    previous = total("previous", members).metric(metric)
    earlier = [total(f"week{k}", members).metric(metric) for k in range(1, BASELINE_WEEKS + 1)]
    value = current.metric(metric)
    unserved = [p for p in members if p.store_code is None]
    properties: dict[str, Any] = {
        "id": key,
        **current.as_dict(),
        "intensity": round(value / peak, 4) if peak else 0.0,
        "previous": previous,
        "change": value - previous,
        "change_pct": round(100 * (value - previous) / previous, 1) if previous else None,
        "anomaly": anomaly(value, earlier),
        "served": not unserved,
        "unserved_units": total("current", unserved).units if unserved else 0,
    }
    if level == "pincode":
        place = members[0]
        properties |= {"name": place.name, "store_code": place.store_code}
        geometry = place.area
    else:
        properties |= {"pincodes": [p.pincode for p in members]}
        geometry = cell_polygon(key)
    return {"type": "Feature", "id": key, "geometry": geometry, "properties": properties}
