"""Celery tasks; each only calls a service, and is given up when the worker shuts down (`shutdown.py`)."""

import dataclasses
import functools
from collections.abc import Callable
from datetime import datetime
from typing import Any

from celery.utils.log import get_task_logger

from fastcommerce.config import get_settings
from fastcommerce.db import committing, session_factory, utcnow
from fastcommerce.scheduler.app import (
    ALERTS_TASK,
    FORECAST_TASK,
    HOUSEKEEPING_TASK,
    PLAN_TASK,
    celery_app,
    prune_delivered_messages,
)
from fastcommerce.scheduler.shutdown import TaskAbandoned, shutdown_requested

logger = get_task_logger(__name__)


def forecast_nightly_run(model: str = "auto", horizon_days: int | None = None) -> dict[str, int | float]:
    """Forecast every store × SKU series; the run records itself (and any failure) in forecast_run."""
    # Imported here: pandas, statsforecast and Prophet load in the worker only, not in every sender.
    from fastcommerce.forecasting.flows import run_forecasts

    summary = run_forecasts(
        session_factory(), get_settings(), model=model, horizon_days=horizon_days, stop=shutdown_requested
    )
    logger.info(
        "forecast run %d: %d series, model %s, %.1f s", summary.run_id, summary.series, model, summary.seconds
    )
    return {"run_id": summary.run_id, "series": summary.series, "seconds": round(summary.seconds, 1)}


def replenish_plan_run(at: str | None = None) -> dict[str, int]:
    """Plan the next wave of every dark store (as of `at`, ISO 8601; default now); idempotent (a re-run, or
    a run after one stopped half-way, updates the drafts and completes what is missing)."""
    from fastcommerce.replenishment.planner import run_planner

    with session_factory()() as session:
        result = run_planner(session, get_settings(), now=datetime.fromisoformat(at) if at else None)
    units = sum(p.units for p in result.stores)
    logger.info("replenish: %d stores, %d units planned", len(result.stores), units)
    return {"stores": len(result.stores), "units": units}


def alerts_evaluate_run() -> dict[str, int]:
    """Open, update and resolve alerts (announced on the live stream)."""
    from fastcommerce.replenishment.alerts import evaluate_alerts

    with session_factory()() as session, committing(session):
        summary = evaluate_alerts(session, get_settings())
    return dataclasses.asdict(summary)


def housekeeping_run() -> dict[str, int]:
    """Forecast runs past their retention, and the broker's delivered messages, deleted."""
    from fastcommerce.forecasting.service import prune_runs

    settings = get_settings()
    with session_factory()() as session, committing(session):
        runs = prune_runs(session, settings, utcnow())
    messages = prune_delivered_messages(settings)
    logger.info("housekeeping: %d forecast runs and %d delivered messages deleted", runs, messages)
    return {"forecast_runs": runs, "messages": messages}


def _abandonable(name: str, run: Callable[..., dict[str, Any]]) -> Any:
    """The Celery task `name` of `run`: when the worker shuts down while it runs, it ends early, its
    transaction rolled back, and says so."""
    from fastcommerce.forecasting.service import RunCancelled

    @functools.wraps(run)
    def task(*args: Any, **kwargs: Any) -> dict[str, Any]:
        try:
            return run(*args, **kwargs)
        except (TaskAbandoned, RunCancelled) as stopped:
            logger.warning("%s given up: %s", name, stopped)
            return {"abandoned": 1}

    return celery_app.task(name=name)(task)


forecast_nightly = _abandonable(FORECAST_TASK, forecast_nightly_run)
replenish_plan = _abandonable(PLAN_TASK, replenish_plan_run)
alerts_evaluate = _abandonable(ALERTS_TASK, alerts_evaluate_run)
housekeeping = _abandonable(HOUSEKEEPING_TASK, housekeeping_run)
