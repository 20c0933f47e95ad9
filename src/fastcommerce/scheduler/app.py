"""The Celery app: one worker with embedded beat runs the nightly demand forecast, the restock planner before
each delivery wave's cut-off, and the alerts every minute.

The configuration is read from the settings when Celery first needs it (not at import), so importing this
module starts no database. With no FC_CELERY_BROKER_URL the broker is kombu's SQLAlchemy transport on the
project's own PostgreSQL database, its two tables in a schema of their own (`celery`), out of the way of
the application's tables and migrations.
"""

from contextlib import suppress
from datetime import date, datetime, timedelta
from typing import Any

import psycopg
from celery import Celery
from celery.schedules import crontab

from fastcommerce.config import Settings, get_settings
from fastcommerce.db import database_url, libpq_url

FORECAST_TASK = "fastcommerce.forecast_nightly"
FORECAST_ENTRY = "forecast-nightly"
PLAN_TASK = "fastcommerce.replenish_plan"
PLAN_ENTRY = "replenish-plan-{wave}"
ALERTS_TASK = "fastcommerce.alerts_evaluate"
ALERTS_ENTRY = "alerts-every-minute"
HOUSEKEEPING_TASK = "fastcommerce.housekeeping"
HOUSEKEEPING_ENTRY = "housekeeping-hourly"
BROKER_SCHEMA = "celery"
BEAT_SCHEDULE_FILE = "celerybeat-schedule"


def forecast_time(settings: Settings) -> tuple[int, int]:
    hour, minute = settings.forecast_schedule.split(":")
    return int(hour), int(minute)


def planning_times(settings: Settings) -> dict[str, tuple[int, int]]:
    """Per wave (HH:MM), the local time of day the planner runs for it: its cut-off less
    restock_plan_minutes_before_cutoff."""
    ahead = timedelta(minutes=settings.restock_cutoff_minutes + settings.restock_plan_minutes_before_cutoff)
    times = {}
    for wave in settings.wave_times():
        at = datetime.combine(date(2000, 1, 2), wave) - ahead
        times[f"{wave:%H:%M}"] = (at.hour, at.minute)
    return times


def beat_schedule(settings: Settings) -> dict[str, dict[str, Any]]:
    """In the app's timezone: the nightly forecast at forecast_schedule (unless disabled), the planner before
    each wave's cut-off, the alerts every minute, the housekeeping every hour."""
    schedule: dict[str, dict[str, Any]] = {
        ALERTS_ENTRY: {"task": ALERTS_TASK, "schedule": crontab(), "options": {"expires": 55}},
        HOUSEKEEPING_ENTRY: {"task": HOUSEKEEPING_TASK, "schedule": crontab(minute=7)},
    }
    for wave, (hour, minute) in planning_times(settings).items():
        schedule[PLAN_ENTRY.format(wave=wave)] = {
            "task": PLAN_TASK,
            "schedule": crontab(hour=hour, minute=minute),
        }
    if settings.forecast_enabled:
        hour, minute = forecast_time(settings)
        schedule[FORECAST_ENTRY] = {"task": FORECAST_TASK, "schedule": crontab(hour=hour, minute=minute)}
    return schedule


def celery_config(settings: Settings) -> dict[str, Any]:
    """Everything but the broker (see `broker_config`)."""
    return {
        "timezone": settings.scheduler_zone(),  # crontab schedules are read in this zone
        "enable_utc": True,
        "beat_schedule": beat_schedule(settings),
        "beat_schedule_filename": str(settings.data_dir / BEAT_SCHEDULE_FILE),
        "task_ignore_result": True,  # the forecast run records itself in forecast_run
        "worker_prefetch_multiplier": 1,
        "broker_connection_retry_on_startup": True,
        "imports": ["fastcommerce.scheduler.tasks"],
    }


def broker_config(settings: Settings) -> dict[str, Any]:
    """FC_CELERY_BROKER_URL if set (e.g. Redis), else the project's PostgreSQL through kombu's SQLAlchemy
    transport; its tables go in the `celery` schema (created here), which Alembic does not look at."""
    if settings.celery_broker_url:
        return {"broker_url": settings.celery_broker_url}
    url = database_url()  # the embedded server is started (or joined) here when DATABASE_URL is unset
    ensure_broker_schema(url)
    return {
        "broker_url": f"sqla+{url}",
        # kombu passes these to sqlalchemy.create_engine
        "broker_transport_options": {
            "execution_options": {"schema_translate_map": {None: BROKER_SCHEMA}},
            "pool_pre_ping": True,
        },
    }


def ensure_broker_schema(url: str) -> None:
    with psycopg.connect(libpq_url(url), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (BROKER_SCHEMA,)).fetchone()
        if not exists:
            # another process may create it at the same moment
            with suppress(psycopg.errors.UniqueViolation):
                conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{BROKER_SCHEMA}"')


def _configuration() -> dict[str, Any]:
    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)  # beat's schedule file; beat does not create it
    return celery_config(settings) | broker_config(settings)


celery_app = Celery("fastcommerce")
celery_app.add_defaults(_configuration)


def prune_delivered_messages(settings: Settings) -> int:
    """kombu's SQLAlchemy transport keeps every message it has delivered (visible = false) for ever: the
    alerts alone add 1,440 a day. Delete them (it never delivers one twice); returns how many. Nothing to do
    with another broker."""
    if settings.celery_broker_url:
        return 0
    with psycopg.connect(libpq_url(database_url()), autocommit=True) as conn:
        exists = conn.execute("SELECT to_regclass(%s)", (f"{BROKER_SCHEMA}.kombu_message",)).fetchone()
        if exists is None or exists[0] is None:
            return 0
        return conn.execute(f"DELETE FROM {BROKER_SCHEMA}.kombu_message WHERE NOT visible").rowcount
