"""Demand over time for one pincode, H3 cell or store, step by step (for playback and charts)."""

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from fastcommerce.config import Settings
from fastcommerce.db import utcnow
from fastcommerce.demand.heatmap import resolve_span
from fastcommerce.demand.rollups import local_hour
from fastcommerce.demand.schemas import Timeseries, TimeseriesPoint, TimeseriesQuery
from fastcommerce.demand.windows import ZERO, DemandFilter, Measures, Span, sums_by_pincode
from fastcommerce.errors import InvalidReference, NotFound
from fastcommerce.geo.models import Pincode
from fastcommerce.stores.models import ServiceArea, Store
from fastcommerce.stores.service import require_store

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
    start_epoch, end_epoch = int(span.start.timestamp()), -int(-span.end.timestamp() // 1)
    return Span(
        datetime.fromtimestamp(start_epoch - start_epoch % seconds, UTC),
        datetime.fromtimestamp(end_epoch + (-end_epoch % seconds), UTC),
    )


def _target(session: Session, q: TimeseriesQuery, settings: Settings) -> tuple[dict[str, Any], str, Any, str]:
    """(description, SQL condition on order_line x, its parameter, city) of what the series is about."""
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
        "date_trunc('hour', x.created_at AT TIME ZONE :zone) AT TIME ZONE :zone"
        if q.step == "1h"
        else "date_bin('5 minutes', x.created_at, TIMESTAMPTZ '2000-01-01 00:00+00')"
    )
    rows = session.execute(
        text(
            f"SELECT {bucket} AS at, SUM(x.requested), COUNT(DISTINCT x.order_id), SUM(x.lost),"
            f" SUM(x.revenue_paise) FROM order_line x"
            f" WHERE {condition} AND x.created_at >= :start AND x.created_at < :end GROUP BY 1"
        ),
        {"zone": zone.key, "target": target, "start": span.start, "end": span.end},
    )
    found = {at.astimezone(UTC): Measures(int(u), int(o), int(lo), int(r)) for at, u, o, lo, r in rows}
    points = []
    at = span.start
    while at < span.end:
        m = found.get(at, ZERO)
        points.append(TimeseriesPoint(at=at, **m.as_dict()))
        at = local_hour(at + step + timedelta(minutes=1), zone) if q.step == "1h" else at + step
    return Timeseries(
        target=description,
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
