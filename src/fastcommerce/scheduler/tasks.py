"""Celery tasks; each only calls a service."""

from celery.utils.log import get_task_logger

from fastcommerce.config import get_settings
from fastcommerce.db import session_factory
from fastcommerce.scheduler.app import FORECAST_TASK, celery_app

logger = get_task_logger(__name__)


def forecast_nightly_run(model: str = "auto", horizon_days: int | None = None) -> dict[str, int | float]:
    """Forecast every store × SKU series; the run records itself (and any failure) in forecast_run."""
    # Imported here: pandas, statsforecast and Prophet load in the worker only, not in every sender.
    from fastcommerce.forecasting.flows import run_forecasts

    summary = run_forecasts(session_factory(), get_settings(), model=model, horizon_days=horizon_days)
    logger.info(
        "forecast run %d: %d series, model %s, %.1f s", summary.run_id, summary.series, model, summary.seconds
    )
    return {"run_id": summary.run_id, "series": summary.series, "seconds": round(summary.seconds, 1)}


forecast_nightly = celery_app.task(name=FORECAST_TASK)(forecast_nightly_run)
