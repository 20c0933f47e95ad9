from typing import Annotated, Any

from fastapi import APIRouter, Query

from fastcommerce.config import SettingsDep
from fastcommerce.db import SessionDep
from fastcommerce.forecasting.reading import accuracy, series_forecast
from fastcommerce.forecasting.service import describe_run, runs

router = APIRouter(prefix="/api/forecasts", tags=["forecasts"])


@router.get("")
def get_forecast(
    session: SessionDep,
    settings: SettingsDep,
    store: Annotated[str, Query(description="store code, e.g. BLR-001")],
    sku: Annotated[str, Query(description="SKU code, e.g. DAI-0001")],
    horizon: Annotated[int | None, Query(ge=1, le=90, description="days; default the run's horizon")] = None,
) -> dict[str, Any]:
    """Daily demand forecast of a store × SKU from the latest run, with 80/95% bands, the recent actuals,
    the next 24 hours and when the stock on hand runs out."""
    return series_forecast(session, settings, store, sku, horizon)


@router.get("/accuracy")
def get_accuracy(session: SessionDep) -> dict[str, Any]:
    """Backtest accuracy (WAPE, MASE) of the latest run, per model and overall."""
    return accuracy(session)


@router.get("/runs")
def get_runs(session: SessionDep, limit: Annotated[int, Query(ge=1, le=100)] = 20) -> list[dict[str, Any]]:
    """Forecast runs, newest first, with their status and progress (series done of series)."""
    return [describe_run(run) for run in runs(session, limit)]
