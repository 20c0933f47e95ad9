"""Forecast runs over the database: the demand table from the rollups, a run of the engine, its results.

y is true demand (fulfilled + lost units): a forecast fed only with sales would learn that an item out of
stock is unpopular. Days are the local days of each store's city.
"""

import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from fastcommerce.catalog.models import Sku
from fastcommerce.config import Settings
from fastcommerce.db import copy_rows, utcnow
from fastcommerce.forecasting import distributed, engine
from fastcommerce.forecasting.choices import require_model
from fastcommerce.forecasting.models import ForecastPoint, ForecastRun, ForecastSeries
from fastcommerce.inventory.models import StockLevel
from fastcommerce.stores.models import Store

SERIES_SEPARATOR = ":"
RUN_LOCK_SPACE = 7041  # pg_advisory_lock(RUN_LOCK_SPACE, run id): held by the process working on a run


class RunCancelled(Exception):
    """A run stopped before its end: asked to (a worker shutting down), or given up by another process."""


@dataclass(frozen=True)
class RunSummary:
    run_id: int
    series: int
    seconds: float
    models: dict[str, int]


def demand_table(
    session: Session, settings: Settings, history_days: int, today: date | None = None
) -> pd.DataFrame:
    """Daily demand per store × SKU (unique_id `STORE:SKU`) over the whole local days before today, zeros
    included, for every SKU a store stocks; each store's series start on its first day with demand."""
    frames = []
    for city, zone in settings.city_zones().items():
        last = (today or utcnow().astimezone(zone).date()) - timedelta(days=1)
        first = last - timedelta(days=history_days - 1)
        rows = session.execute(
            text(
                "SELECT r.store_id, r.sku_id, (r.hour_at AT TIME ZONE :zone)::date AS day, SUM(r.units)"
                " FROM demand_store_sku_hour r JOIN store s ON s.id = r.store_id"
                " WHERE s.city = :city AND r.hour_at >= (CAST(:first AS timestamp) AT TIME ZONE :zone)"
                " AND r.hour_at < (CAST(:end AS timestamp) AT TIME ZONE :zone)"
                " GROUP BY r.store_id, r.sku_id, day"
            ),
            {"zone": zone.key, "city": city, "first": first, "end": last + timedelta(days=1)},
        ).all()
        stocked = session.execute(
            select(StockLevel.store_id, StockLevel.sku_id, Store.code, Sku.sku)
            .join(Store, Store.id == StockLevel.store_id)
            .join(Sku, Sku.id == StockLevel.sku_id)
            .where(Store.city == city)
        ).all()
        if not rows or not stocked:
            continue
        demand = pd.DataFrame(rows, columns=["store_id", "sku_id", "ds", "y"])
        starts = demand.groupby("store_id")["ds"].min()
        series = pd.DataFrame(stocked, columns=["store_id", "sku_id", "store", "sku"])
        series = series[series["store_id"].isin(starts.index)]
        days = pd.DataFrame({"ds": pd.date_range(first, last, freq="D").date})
        grid = series.merge(days, how="cross")
        grid = grid[grid["ds"] >= grid["store_id"].map(starts)]
        grid = grid.merge(demand, on=["store_id", "sku_id", "ds"], how="left").fillna({"y": 0})
        grid["unique_id"] = grid["store"] + SERIES_SEPARATOR + grid["sku"]
        frames.append(grid[["unique_id", "store_id", "sku_id", "ds", "y"]])
    if not frames:
        return pd.DataFrame(columns=["unique_id", "store_id", "sku_id", "ds", "y"])
    table = pd.concat(frames, ignore_index=True)
    table["ds"] = pd.to_datetime(table["ds"])
    table["y"] = table["y"].astype(float)
    return table


def abandon_orphaned_runs(session: Session) -> int:
    """Mark cancelled every run left `running` whose lock nobody holds: the process working on it died."""
    result = session.execute(
        text(
            "UPDATE forecast_run SET status = 'cancelled', finished_at = now(),"
            " error = 'abandoned: the process running it stopped before its end'"
            " WHERE status = 'running' AND pg_try_advisory_xact_lock(:space, id)"
        ),
        {"space": RUN_LOCK_SPACE},
    )
    return int(getattr(result, "rowcount", 0))


def finish_run(session: Session, run_id: int, status: str, error: str) -> None:
    """End a run that did not complete (`failed` or `cancelled`), unless another process already has."""
    session.execute(
        text(
            "UPDATE forecast_run SET status = :status, error = :error, finished_at = now()"
            " WHERE id = :id AND status = 'running'"
        ),
        {"status": status, "error": error[:2000], "id": run_id},
    )


def start_run(session: Session, settings: Settings, model: str, horizon_days: int | None) -> ForecastRun:
    require_model(model)
    run = ForecastRun(
        model=model,
        horizon_days=horizon_days or settings.forecast_horizon_days,
        history_days=settings.forecast_history_days,
        status="running",
    )
    session.add(run)
    session.flush()
    return run


def execute_run(
    session: Session,
    settings: Settings,
    run: ForecastRun,
    n_jobs: int,
    progress: engine.Progress | None = None,
) -> RunSummary:
    """Forecast every series and store the points and choices of `run` (the caller commits)."""
    started = time.perf_counter()
    table = demand_table(session, settings, run.history_days)
    # `run` is written at the end only: its row is not locked here while `progress` updates it elsewhere.
    series = int(table["unique_id"].nunique())
    if progress:
        progress("series", 0, series)
    ids = table.drop_duplicates("unique_id").set_index("unique_id")[["store_id", "sku_id"]]
    models: dict[str, int] = {}
    if len(ids):
        with distributed.cluster(settings.forecast_dask, n_jobs) as client:
            result = distributed.forecast_with(
                client,
                table[["unique_id", "ds", "y"]],
                run.horizon_days,
                n_jobs=n_jobs,
                model=run.model,
                freq="D",
                levels=engine.DEFAULT_LEVELS,
                quantiles=engine.STORED_QUANTILES,
                progress=progress,
            )
        _store_results(session, run, result, ids)
        models = result.choices["model"].value_counts().to_dict()
    session.refresh(run, with_for_update=True)
    if run.status != "running":  # abandon_orphaned_runs gave it up while its lock's connection was lost
        raise RunCancelled(f"forecast run {run.id} was {run.status} while it worked")
    run.series = run.series_done = series
    run.status = "done"
    run.finished_at = utcnow()
    return RunSummary(run.id, series, time.perf_counter() - started, models)


def _store_results(
    session: Session, run: ForecastRun, result: engine.ForecastResult, ids: pd.DataFrame
) -> None:
    choices = result.choices.join(ids, on="unique_id")
    session.execute(
        insert(ForecastSeries),
        [
            {
                "run_id": run.id,
                "store_id": int(c.store_id),
                "sku_id": int(c.sku_id),
                "model": c.model,
                "reason": c.reason,
                "wape": None if pd.isna(c.wape) else float(c.wape),
                "mase": None if pd.isna(c.mase) else float(c.mase),
                "backtest_units": None if pd.isna(c.units) else float(c.units),
            }
            for c in choices.itertuples()
        ],
    )
    points = result.points.join(ids, on="unique_id")
    columns = engine.value_columns(engine.DEFAULT_LEVELS) + engine.distribution_columns(
        engine.STORED_QUANTILES
    )
    copy_rows(
        session,
        ForecastPoint.__tablename__,
        [("run_id", "int4"), ("store_id", "int4"), ("sku_id", "int4"), ("day", "date")]
        + [(c, "float8") for c in columns],
        (
            (run.id, int(p[0]), int(p[1]), p[2].date(), *map(float, p[3:]))
            for p in points[["store_id", "sku_id", "ds", *columns]].itertuples(index=False, name=None)
        ),
    )


_PRUNE_RUNS = text(
    """
    WITH finished AS (
        SELECT id, status, created_at,
               row_number() OVER (
                   PARTITION BY CAST(created_at AT TIME ZONE :zone AS date), status = 'done' ORDER BY id DESC
               ) AS newest_first
        FROM forecast_run WHERE status <> 'running'
    )
    DELETE FROM forecast_run r USING finished f
    WHERE r.id = f.id
      AND r.id IS DISTINCT FROM (SELECT max(id) FROM forecast_run WHERE status = 'done')
      AND (f.created_at < :cutoff OR (f.status = 'done' AND f.newest_first > 1))
    RETURNING r.id
    """
)


def prune_runs(session: Session, settings: Settings, now: datetime) -> int:
    """Delete the runs that no longer matter, with their series and points: a done run that a later done run
    of the same local day replaced, and every finished run older than forecast_keep_days, but never the
    latest done run (what restocking reads) nor a running one. Failed and cancelled runs stay for the record
    within the window. Returns the runs deleted."""
    cutoff = now - timedelta(days=settings.forecast_keep_days)
    deleted = session.execute(_PRUNE_RUNS, {"zone": settings.scheduler_zone(), "cutoff": cutoff})
    return len(deleted.all())


def latest_run(session: Session) -> ForecastRun | None:
    return session.scalars(
        select(ForecastRun).where(ForecastRun.status == "done").order_by(ForecastRun.id.desc()).limit(1)
    ).first()


def runs(session: Session, limit: int) -> list[ForecastRun]:
    return list(session.scalars(select(ForecastRun).order_by(ForecastRun.id.desc()).limit(limit)))


def describe_run(run: ForecastRun) -> dict[str, Any]:
    return {
        "id": run.id,
        "created_at": run.created_at,
        "finished_at": run.finished_at,
        "status": run.status,
        "model": run.model,
        "horizon_days": run.horizon_days,
        "history_days": run.history_days,
        "series": run.series,
        "series_done": run.series_done,
        "error": run.error,
    }
