"""Demand queries: the heatmap (per pincode area or H3 cell over a window, with change and anomaly), the
timeseries of one pincode, H3 cell or store (for playback and charts), and a pincode's detail."""

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from fastcommerce.catalog.service import require_category, require_sku_id
from fastcommerce.config import Settings
from fastcommerce.db import utcnow
from fastcommerce.demand.rollups import (
    BUCKET_SECONDS,
    ceil_to,
    five_minute_bucket,
    five_minute_bucket_sql,
    floor_to,
    local_hour,
    local_hour_sql,
)
from fastcommerce.demand.schemas import (
    WINDOWS,
    FeatureCollection,
    HeatmapQuery,
    LineFilter,
    TimeRange,
    Timeseries,
    TimeseriesPoint,
    TimeseriesQuery,
    span_problem,
)
from fastcommerce.demand.windows import ZERO, DemandFilter, Measures, Metric, Span, sums_by_pincode
from fastcommerce.errors import InvalidReference, NotFound
from fastcommerce.geo.cities import require_city, require_city_zone
from fastcommerce.geo.h3cells import cell_polygon
from fastcommerce.geo.models import Pincode
from fastcommerce.stores.models import ServiceArea, Store
from fastcommerce.stores.service import require_store, with_serving_store

BASELINE_WEEKS = 4
Totaller = Callable[[str, list["Place"]], Measures]
WEEK = timedelta(days=7)


def resolve_span(query: TimeRange, window: str, now: datetime | None = None) -> Span:
    """The window asked for; with no `to`, it ends at the end of the current 5-minute bucket (nothing can
    lie beyond now), so that live windows are read from whole buckets."""
    end = query.to or five_minute_bucket(now or utcnow()) + timedelta(seconds=BUCKET_SECONDS)
    start = query.from_ or end - WINDOWS[window]
    if problem := span_problem(start, end):
        raise InvalidReference(problem, loc=("query", "from"), value=start.isoformat())
    return Span(start, end)


def query_zone(settings: Settings, city: str | None) -> ZoneInfo | None:
    """The one time zone of the cities asked about, or None when they differ."""
    if city is not None:
        return require_city_zone(settings, city, ("query", "city"))
    distinct = {z.key for z in settings.city_zones().values()}
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
    query = with_serving_store(Pincode.pincode, Pincode.name, Pincode.area, cell_column, city=city)
    return [Place(*row) for row in session.execute(query)]


def _filter(session: Session, q: LineFilter, city: str | None = None) -> DemandFilter:
    sku_id = require_sku_id(session, q.sku, ("query", "sku")) if q.sku else None
    if q.category:
        require_category(session, q.category, ("query", "category"))
    return DemandFilter(city=city, sku_id=sku_id, category=q.category)


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
    sums = sums_by_pincode(session, spans, _filter(session, q, q.city), zone)
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


STEPS = {"5m": timedelta(minutes=5), "1h": timedelta(hours=1)}
MAX_POINTS = 5_000
TOP_SKUS = 10


def _align(span: Span, step: str, zone: ZoneInfo) -> Span:
    """Widen the span to whole steps (local hours for 1h), so every point is a whole bucket."""
    if step == "1h":
        start = local_hour(span.start, zone)
        end = local_hour(span.end, zone)
        return Span(start, end if end == span.end else end + STEPS[step])
    seconds = int(STEPS[step].total_seconds())
    return Span(floor_to(span.start, seconds), ceil_to(span.end, seconds))


def _target(session: Session, q: TimeseriesQuery, settings: Settings) -> tuple[dict[str, Any], str, Any, str]:
    """(description, SQL condition on order_line x, its parameter, city) of what the series is about."""
    if q.city is not None:
        require_city(settings, q.city, ("query", "city"))
        return (
            {"city": q.city},
            "x.pincode IN (SELECT pincode FROM pincode WHERE city = :target)",
            q.city,
            q.city,
        )
    if q.store is not None:
        store = require_store(session, q.store, ("query", "store"))
        return {"store": store.code}, "x.store_id = :target", store.id, store.city
    if q.pincode is not None:
        city = session.scalar(select(Pincode.city).where(Pincode.pincode == q.pincode))
        if city is None:
            raise InvalidReference(f"unknown pincode {q.pincode}", loc=("query", "pincode"), value=q.pincode)
        return {"pincode": q.pincode}, "x.pincode = ANY(:target)", [q.pincode], city
    assert q.h3 is not None
    rows = session.execute(
        select(Pincode.pincode, Pincode.city).where(
            (Pincode.h3_r7 == q.h3) | (Pincode.h3_r8 == q.h3) | (Pincode.h3_r9 == q.h3)
        )
    ).all()
    if not rows:
        raise InvalidReference(f"no known pincode lies in H3 cell {q.h3!r}", loc=("query", "h3"), value=q.h3)
    pincodes = [pincode for pincode, _ in rows]
    return {"h3": q.h3, "pincodes": pincodes}, "x.pincode = ANY(:target)", pincodes, rows[0][1]


def timeseries(
    session: Session, q: TimeseriesQuery, settings: Settings, now: datetime | None = None
) -> Timeseries:
    description, condition, target, city = _target(session, q, settings)
    zone = settings.city_zones()[city]
    span = _align(resolve_span(q, q.window, now), q.step, zone)
    step = STEPS[q.step]
    if (span.end - span.start) / step > MAX_POINTS:
        raise InvalidReference(
            f"{q.step} steps over this range give more than {MAX_POINTS} points; use a longer step",
            loc=("query", "step"),
            value=q.step,
        )
    bucket = (
        local_hour_sql("x.created_at", ":zone") if q.step == "1h" else five_minute_bucket_sql("x.created_at")
    )
    lines = _filter(session, q)
    condition = " AND ".join([condition, *lines.line_conditions()])
    rows = session.execute(
        text(
            f"SELECT {bucket} AS at, SUM(x.requested), COUNT(DISTINCT x.order_id), SUM(x.lost),"
            f" SUM(x.revenue_paise) FROM order_line x"
            f" WHERE {condition} AND x.created_at >= :start AND x.created_at < :end GROUP BY 1"
        ),
        {
            "zone": zone.key,
            "target": target,
            "start": span.start,
            "end": span.end,
            "sku_id": lines.sku_id,
            "category": lines.category,
        },
    )
    found = {at.astimezone(UTC): Measures(int(u), int(o), int(lo), int(r)) for at, u, o, lo, r in rows}
    points = []
    at = span.start
    while at < span.end:
        m = found.get(at, ZERO)
        points.append(TimeseriesPoint(at=at, **m.as_dict()))
        at = local_hour(at + step + timedelta(minutes=1), zone) if q.step == "1h" else at + step
    return Timeseries(
        target=description | {"sku": q.sku, "category": q.category},
        step=q.step,
        from_=span.start,
        to=span.end,
        totals=sum(found.values(), ZERO).as_dict(),
        points=points,
    )


def pincode_detail(
    session: Session, pincode: int, settings: Settings, now: datetime | None = None
) -> dict[str, Any]:
    """A pincode's serving store, its trend (last 24 h against the 24 h before) and top SKUs (7 days)."""
    place = session.get(Pincode, pincode)
    if place is None:
        raise NotFound(
            f"pincode {pincode} is not in any configured city", loc=("path", "pincode"), value=pincode
        )
    store = session.execute(
        select(Store.code, Store.name, ServiceArea.distance_m)
        .join(ServiceArea, ServiceArea.store_id == Store.id)
        .where(ServiceArea.pincode == pincode)
    ).first()
    end = now or utcnow()
    day = Span(end - timedelta(hours=24), end)
    zone = settings.city_zones()[place.city]
    sums = sums_by_pincode(
        session,
        {"last_24h": day, "previous_24h": day.shifted(-day.length)},
        DemandFilter(pincodes=[pincode]),
        zone,
    )
    hourly = timeseries(
        session, TimeseriesQuery(pincode=pincode, to=end, window="24h", step="1h"), settings, end
    )
    top = session.execute(
        text(
            "SELECT s.sku, s.name, s.category, SUM(x.requested) AS units, SUM(x.lost) AS lost_units,"
            " SUM(x.revenue_paise) AS revenue FROM order_line x JOIN sku s ON s.id = x.sku_id"
            " WHERE x.pincode = :pincode AND x.created_at >= :start AND x.created_at < :end"
            " GROUP BY s.sku, s.name, s.category ORDER BY units DESC, s.sku LIMIT :top"
        ),
        {"pincode": pincode, "start": end - timedelta(days=7), "end": end, "top": TOP_SKUS},
    ).mappings()
    return {
        "pincode": place.pincode,
        "name": place.name,
        "city": place.city,
        "district": place.district,
        "lat": place.lat,
        "lng": place.lng,
        "h3": {7: place.h3_r7, 8: place.h3_r8, 9: place.h3_r9},
        "served_by": dict(store._mapping) if store else None,
        "trend": {
            "last_24h": sums["last_24h"].get(pincode, ZERO).as_dict(),
            "previous_24h": sums["previous_24h"].get(pincode, ZERO).as_dict(),
            "hourly": [p.model_dump() for p in hourly.points],
        },
        "top_skus_7d": [dict(row) for row in top],
    }
