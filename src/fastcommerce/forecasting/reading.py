"""What the API reads from forecast runs: one store × SKU with actuals and the hours ahead, accuracy, and the
list of series to find the ones worth a look."""

from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, case, func, or_, select, text
from sqlalchemy.orm import QueryableAttribute, Session

from fastcommerce.catalog.models import Sku
from fastcommerce.catalog.service import require_sku_id
from fastcommerce.config import Settings
from fastcommerce.db import count_rows, sort_order, utcnow
from fastcommerce.errors import NotFound, UnknownModel
from fastcommerce.forecasting.choices import SERIES_MODEL_NAMES
from fastcommerce.forecasting.engine import STORED_QUANTILES, distribution_columns
from fastcommerce.forecasting.models import ForecastPoint, ForecastRun, ForecastSeries
from fastcommerce.forecasting.schemas import SeriesRow
from fastcommerce.forecasting.service import describe_run, latest_run
from fastcommerce.inventory.models import StockLevel
from fastcommerce.stores.models import Store
from fastcommerce.stores.service import require_store

ACTUAL_DAYS = 28
PROFILE_DAYS = 28
DISTRIBUTION_COLUMNS = distribution_columns(STORED_QUANTILES)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _require_run(session: Session) -> ForecastRun:
    run = latest_run(session)
    if run is None:
        raise NotFound(
            "no forecast run has finished yet: run `fastcommerce forecast run` or wait for the scheduler"
        )
    return run


def hour_profile(
    session: Session, store_id: int, category: str, zone: ZoneInfo, now: datetime
) -> list[list[float]]:
    """Share of a day's units in each local hour, per weekday (Monday 0), for the SKU's category at the
    store over the last weeks; a uniform day where there is no demand yet."""
    rows = session.execute(
        text(
            "SELECT EXTRACT(ISODOW FROM r.hour_at AT TIME ZONE :zone)::int - 1,"
            " EXTRACT(HOUR FROM r.hour_at AT TIME ZONE :zone)::int, SUM(r.units)"
            " FROM demand_store_sku_hour r JOIN sku k ON k.id = r.sku_id"
            " WHERE r.store_id = :store AND k.category = :category AND r.hour_at >= :since"
            " GROUP BY 1, 2"
        ),
        {
            "zone": zone.key,
            "store": store_id,
            "category": category,
            "since": now - timedelta(days=PROFILE_DAYS),
        },
    ).all()
    units = [[0.0] * 24 for _ in range(7)]
    for weekday, hour, n in rows:
        units[weekday][hour] = float(n)
    return [[u / sum(day) for u in day] if sum(day) else [1 / 24] * 24 for day in units]


def series_forecast(
    session: Session,
    settings: Settings,
    store_code: str,
    sku: str,
    horizon: int | None,
    now: datetime | None = None,
) -> dict[str, Any]:
    store = require_store(session, store_code, ("query", "store"))
    sku_id = require_sku_id(session, sku, ("query", "sku"))
    run = _require_run(session)
    zone = settings.city_zones()[store.city]
    now = now or utcnow()
    chosen = session.get(ForecastSeries, (run.id, store.id, sku_id))
    if chosen is None:
        raise NotFound(
            f"forecast run {run.id} has no series for {store_code} × {sku}"
            " (not stocked there, or no demand there yet)",
            loc=("query", "sku"),
            value=sku,
        )
    points = list(
        session.scalars(
            select(ForecastPoint)
            .where(
                ForecastPoint.run_id == run.id,
                ForecastPoint.store_id == store.id,
                ForecastPoint.sku_id == sku_id,
            )
            .order_by(ForecastPoint.day)
            .limit(horizon or run.horizon_days)
        )
    )
    today = now.astimezone(zone).date()
    actual_rows = session.execute(
        text(
            "SELECT (hour_at AT TIME ZONE :zone)::date AS day, SUM(units), SUM(lost_units)"
            " FROM demand_store_sku_hour WHERE store_id = :store AND sku_id = :sku"
            " AND hour_at >= (CAST(:first AS timestamp) AT TIME ZONE :zone) GROUP BY day ORDER BY day"
        ),
        {"zone": zone.key, "store": store.id, "sku": sku_id, "first": today - timedelta(days=ACTUAL_DAYS)},
    ).all()
    actuals = {day: (int(units), int(lost)) for day, units, lost in actual_rows}
    category = session.scalar(select(Sku.category).where(Sku.id == sku_id))
    profile = hour_profile(session, store.id, category or "", zone, now)
    daily = {p.day: p.yhat if p.mean is None else p.mean for p in points}
    on_hand = session.scalar(
        select(StockLevel.on_hand).where(StockLevel.store_id == store.id, StockLevel.sku_id == sku_id)
    )
    hours = _hours_ahead(daily, profile, zone, now)
    return {
        "store": store.code,
        "sku": sku,
        "run": describe_run(run),
        "model": chosen.model,
        "reason": chosen.reason,
        "backtest": {"wape": chosen.wape, "mase": chosen.mase},
        "unit": "units a local day: true demand (fulfilled + lost)",
        "points": [
            {
                "day": p.day,
                "yhat": round(p.yhat, 3),
                "yhat_lower_80": round(p.yhat_lower_80, 3),
                "yhat_upper_80": round(p.yhat_upper_80, 3),
                "yhat_lower_95": round(p.yhat_lower_95, 3),
                "yhat_upper_95": round(p.yhat_upper_95, 3),
                **{name: _rounded(getattr(p, name)) for name in DISTRIBUTION_COLUMNS},
            }
            for p in points
        ],
        "actuals": [
            {"day": day, "units": units, "lost_units": lost}
            for day in (today - timedelta(days=back) for back in range(ACTUAL_DAYS, -1, -1))
            for units, lost in [actuals.get(day, (0, 0))]
        ],
        "next_hours": [{"at": at, "yhat": round(y, 3)} for at, y in hours[:24]],
        "on_hand": on_hand,
        "runs_out_at": _runs_out_at(on_hand, hours, now),
    }


def _hours_ahead(
    daily: dict[Any, float], profile: list[list[float]], zone: ZoneInfo, now: datetime
) -> list[tuple[datetime, float]]:
    """Expected units in each local hour from the current one to the end of the forecast, the daily
    forecast spread over the hours by the profile (the current hour only for what is left of it)."""
    if not daily:
        return []
    end = datetime.combine(max(daily) + timedelta(days=1), time(), tzinfo=zone)
    hour = now.astimezone(zone).replace(minute=0, second=0, microsecond=0)
    left_of_this_hour = 1 - (now - hour) / timedelta(hours=1)
    hours: list[tuple[datetime, float]] = []
    while hour < end:
        share = profile[hour.weekday()][hour.hour] * daily.get(hour.date(), 0.0)
        hours.append((hour, share * (left_of_this_hour if not hours else 1)))
        hour = (hour + timedelta(hours=1)).astimezone(zone)
    return hours


def _runs_out_at(on_hand: int | None, hours: list[tuple[datetime, float]], now: datetime) -> datetime | None:
    """When expected demand from now on first reaches the units on hand (now if none are left)."""
    if on_hand is None:
        return None
    if on_hand == 0:
        return now
    total = 0.0
    for at, expected in hours:
        total += expected
        if total >= on_hand:
            return at
    return None


def accuracy(session: Session) -> dict[str, Any]:
    """Backtest accuracy of the latest run, per model it used and overall (series with a backtest)."""
    run = _require_run(session)
    series = ForecastSeries
    measures = (
        func.count(),
        func.sum(series.backtest_units),
        # WAPE over all units, as the benchmarks report it: per-series WAPEs weighted by their units
        func.sum(series.wape * series.backtest_units) / func.nullif(func.sum(series.backtest_units), 0),
        func.percentile_cont(0.5).within_group(series.wape),
        func.avg(series.mase),
    )
    tested = (series.run_id == run.id, series.wape.is_not(None))
    per_model = session.execute(
        select(series.model, *measures).where(*tested).group_by(series.model).order_by(func.count().desc())
    ).all()
    overall = session.execute(select(*measures).where(*tested)).one()
    untested = session.execute(
        select(series.reason, func.count())
        .where(series.run_id == run.id, series.wape.is_(None))
        .group_by(series.reason)
    ).all()

    def row(
        count: int, units: float | None, wape: float | None, median: float | None, mase: float | None
    ) -> dict[str, Any]:
        return {
            "series": count,
            "units": units,
            "wape": None if wape is None else round(wape, 4),
            "wape_median": None if median is None else round(median, 4),
            "mase_mean": None if mase is None else round(mase, 4),
        }

    return {
        "run": describe_run(run),
        "metric": "rolling-origin backtest over 2 windows of min(horizon, 7) days: wape = sum|error| /"
        " sum(actual) over all units; wape_median = the middle series' own WAPE; MASE = mean|error| /"
        " in-sample seasonal naive error",
        "overall": row(*overall),
        "models": {model: row(*values) for model, *values in per_model},
        "not_backtested": {reason: count for reason, count in untested},
    }


def _missed_units() -> ColumnElement[float]:
    """Units a series' backtest missed by (sum of absolute errors): WAPE × units, or the WAPE itself where
    the backtest windows had no units (the engine's WAPE is then the error's sum)."""
    series = ForecastSeries
    return case((series.backtest_units > 0, series.wape * series.backtest_units), else_=series.wape)


def list_series(
    session: Session,
    *,
    store: str | None = None,
    sku: str | None = None,
    model: str | None = None,
    search: str | None = None,
    sort: str = "-error",
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[SeriesRow], int]:
    """A page of the latest run's series (model, reason, backtest accuracy) and how many match: filtered by
    store, SKU, model used and text in the SKU's code or name; sorted by `sort` (error, wape, mase, units, sku
    or store; `-` first for descending; series without a backtest come last either way, ties by store and
    SKU so that pages do not overlap)."""
    filters: list[ColumnElement[bool]] = []
    if store is not None:
        filters.append(ForecastSeries.store_id == require_store(session, store, ("query", "store")).id)
    if sku is not None:
        filters.append(ForecastSeries.sku_id == require_sku_id(session, sku, ("query", "sku")))
    if model is not None:
        if model not in SERIES_MODEL_NAMES:
            raise UnknownModel(model, loc=("query", "model"))
        filters.append(ForecastSeries.model == model)
    if search:
        filters.append(
            or_(Sku.sku.icontains(search, autoescape=True), Sku.name.icontains(search, autoescape=True))
        )
    run = _require_run(session)
    missed = _missed_units()
    keys: dict[str, ColumnElement[Any] | QueryableAttribute[Any]] = {
        "error": missed,
        "wape": ForecastSeries.wape,
        "mase": ForecastSeries.mase,
        "units": ForecastSeries.backtest_units,
        "sku": Sku.sku,
        "store": Store.code,
    }
    matching = (
        select(
            Store.code,
            Sku.sku,
            Sku.name,
            Sku.category,
            ForecastSeries.model,
            ForecastSeries.reason,
            ForecastSeries.wape,
            ForecastSeries.mase,
            ForecastSeries.backtest_units,
            missed,
        )
        .join(Store, Store.id == ForecastSeries.store_id)
        .join(Sku, Sku.id == ForecastSeries.sku_id)
        .where(ForecastSeries.run_id == run.id, *filters)
    )
    total = count_rows(session, matching)
    rows = session.execute(
        matching.order_by(sort_order(sort, keys), Store.code, Sku.sku).limit(limit).offset(offset)
    ).all()
    return [
        SeriesRow(
            store=code,
            sku=sku_code,
            name=name,
            category=category,
            model=used,
            reason=reason,
            wape=None if wape is None else round(wape, 4),
            mase=None if mase is None else round(mase, 4),
            backtest_units=units,
            error_units=None if error is None else round(error, 3),
        )
        for code, sku_code, name, category, used, reason, wape, mase, units, error in rows
    ], total
