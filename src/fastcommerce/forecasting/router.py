from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from fastcommerce.auth.dependencies import READS
from fastcommerce.config import SettingsDep
from fastcommerce.db import SessionDep
from fastcommerce.errors import NotFound, error_responses
from fastcommerce.forecasting.choices import SERIES_MODEL_NAMES
from fastcommerce.forecasting.reading import accuracy, list_series, series_forecast
from fastcommerce.forecasting.schemas import Accuracy, RunPublic, SeriesRow, SeriesSort
from fastcommerce.forecasting.service import describe_run, runs

router = APIRouter(prefix="/api/forecasts", tags=["forecasts"])


@router.get("", dependencies=[READS], responses=error_responses(NotFound))
def get_forecast(
    session: SessionDep,
    settings: SettingsDep,
    store: Annotated[str, Query(description="store code, e.g. BLR-001")],
    sku: Annotated[str, Query(description="SKU code, e.g. DAI-0001")],
    horizon: Annotated[int | None, Query(ge=1, le=90, description="days; default the run's horizon")] = None,
) -> dict[str, Any]:
    """Daily demand forecast of a store × SKU from the latest run: per day the point (yhat), 80/95% bands, the
    expected demand (mean) and its 50/90/98% quantiles, and the same of the demand from the first day through
    that one (lead_mean, lead_q50…: a lead time of that many days); the recent actuals, the next 24 hours
    and when the stock on hand runs out (both from the mean)."""
    return series_forecast(session, settings, store, sku, horizon)


@router.get("/accuracy", dependencies=[READS], response_model=Accuracy, responses=error_responses(NotFound))
def get_accuracy(session: SessionDep) -> dict[str, Any]:
    """Backtest accuracy (WAPE, MASE) of the latest run, per model and overall."""
    return accuracy(session)


@router.get(
    "/series", dependencies=[READS], response_model=list[SeriesRow], responses=error_responses(NotFound)
)
def get_series(
    session: SessionDep,
    response: Response,
    store: Annotated[str | None, Query(max_length=40, description="store code, e.g. BLR-001")] = None,
    sku: Annotated[str | None, Query(max_length=40, description="SKU code, e.g. DAI-0001")] = None,
    model: Annotated[
        str | None, Query(max_length=32, description=f"model used: {', '.join(SERIES_MODEL_NAMES)}")
    ] = None,
    q: Annotated[
        str | None, Query(min_length=1, max_length=64, description="text in the SKU's code or name, any case")
    ] = None,
    sort: Annotated[
        SeriesSort,
        Query(
            description="error (units the backtest missed by), wape, mase, units (backtest units), sku or"
            " store; `-` first for descending; series without a backtest come last"
        ),
    ] = "-error",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[SeriesRow]:
    """The latest run's store × SKU series with the model each used, why, and its backtest accuracy; by
    default the ones whose forecasts missed the most units first. The total is in `X-Total-Count`."""
    rows, total = list_series(
        session, store=store, sku=sku, model=model, search=q, sort=sort, limit=limit, offset=offset
    )
    response.headers["X-Total-Count"] = str(total)
    return rows


@router.get("/runs", dependencies=[READS], response_model=list[RunPublic])
def get_runs(session: SessionDep, limit: Annotated[int, Query(ge=1, le=100)] = 20) -> list[dict[str, Any]]:
    """Forecast runs, newest first, with their status and progress (series done of series)."""
    return [describe_run(run) for run in runs(session, limit)]
