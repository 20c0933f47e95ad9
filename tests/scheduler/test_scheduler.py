"""The scheduler: its beat schedule, and a real worker (a child process, as in the demo) that runs the real
nightly forecast task from the real broker (kombu's SQLAlchemy transport on the test database)."""

import subprocess
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from celery import Celery
from pydantic import ValidationError
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from fastcommerce.config import Settings, get_settings
from fastcommerce.orders.schemas import OrderIn, OrderLineIn
from fastcommerce.orders.service import ingest
from fastcommerce.scheduler.app import (
    FORECAST_ENTRY,
    FORECAST_TASK,
    HOUSEKEEPING_ENTRY,
    HOUSEKEEPING_TASK,
    celery_app,
    celery_config,
    prune_delivered_messages,
)
from fastcommerce.scheduler.commands import scheduler_app
from tests.factories import make_sku, receive, stocked_store

pytestmark = pytest.mark.filterwarnings("ignore:The ``noload`` loader strategy:DeprecationWarning")  # kombu
IST = ZoneInfo("Asia/Kolkata")
WORKER_DEADLINE_S = 90  # a generous bound for a slow machine; the run itself takes a few seconds


def next_run(settings: Settings) -> datetime:
    """When beat would next send the forecast, from the schedule bound to an app configured as ours."""
    config = celery_config(settings)
    app = Celery(set_as_current=False)
    app.conf.update(timezone=config["timezone"], enable_utc=config["enable_utc"])
    schedule = config["beat_schedule"][FORECAST_ENTRY]["schedule"]
    schedule.app = app
    last_run_at, delta, _ = schedule.remaining_delta(schedule.now())
    due: datetime = last_run_at + delta
    return due


def test_beat_sends_the_forecast_nightly_at_the_configured_local_time() -> None:
    default = Settings()
    entry = celery_config(default)["beat_schedule"][FORECAST_ENTRY]
    assert entry["task"] == FORECAST_TASK
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({2}, {30})
    assert celery_config(default)["timezone"] == "Asia/Kolkata"  # the first city's
    due = next_run(default).astimezone(IST)
    assert (due.hour, due.minute) == (2, 30)
    assert timedelta(0) < due - datetime.now(UTC) <= timedelta(days=1)

    housekeeping = celery_config(default)["beat_schedule"][HOUSEKEEPING_ENTRY]
    assert housekeeping["task"] == HOUSEKEEPING_TASK
    assert (housekeeping["schedule"].hour, housekeeping["schedule"].minute) == (set(range(24)), {7})

    london = Settings(forecast_schedule="23:05", scheduler_timezone="Europe/London")
    due = next_run(london).astimezone(ZoneInfo("Europe/London"))
    assert (due.hour, due.minute) == (23, 5)
    assert next_run(london).astimezone(IST).hour != 23  # the zone is honoured, not IST


def test_no_beat_entry_when_the_forecast_is_disabled_and_bad_settings_are_refused() -> None:
    assert FORECAST_ENTRY not in celery_config(Settings(forecast_enabled=False))["beat_schedule"]
    with pytest.raises(ValidationError, match="forecast_schedule"):
        Settings(forecast_schedule="24:00")
    with pytest.raises(ValidationError, match="unknown time zone"):
        Settings(scheduler_timezone="Asia/Bangalore")


def test_the_app_reads_its_configuration_from_the_settings(configured: str) -> None:
    from fastcommerce.scheduler.tasks import forecast_nightly, housekeeping

    assert celery_app.conf.timezone == "Asia/Kolkata"
    assert celery_app.conf.beat_schedule[FORECAST_ENTRY]["task"] == FORECAST_TASK
    assert celery_app.tasks[FORECAST_TASK] == forecast_nightly
    assert celery_app.tasks[HOUSEKEEPING_TASK] == housekeeping


def seed_history(session: Session, days: int) -> None:
    """One store, two SKUs with daily orders at 19:00 IST over the `days` days before today."""
    home, store, bread = stocked_store(session, 500)
    milk = make_sku(session)
    receive(session, store, milk, 500)
    today = datetime.now(IST).replace(hour=19, minute=0, second=0, microsecond=0)
    ingest(
        session,
        [
            OrderIn(
                order_id=f"S-{back}",
                pincode=home.pincode,
                created_at=today - timedelta(days=back),
                lines=[OrderLineIn(sku=bread, qty=1 + back % 7), OrderLineIn(sku=milk, qty=2)],
            )
            for back in range(days, 0, -1)
        ],
    )


def test_the_worker_runs_the_nightly_forecast_sent_from_the_cli(
    committed: sessionmaker[Session], engine: Engine, worker: tuple[subprocess.Popen[bytes], Path]
) -> None:
    """Needs fastcommerce.forecasting.flows.run_forecasts and the forecast_run table."""
    process, data_dir = worker
    with committed() as session:
        seed_history(session, 21)
        session.commit()
    with engine.connect() as conn:
        before = conn.execute(text("SELECT coalesce(max(id), 0) FROM forecast_run")).scalar_one()

    sent = CliRunner().invoke(scheduler_app, ["forecast-now"])
    assert sent.exit_code == 0, sent.output
    assert "forecast task queued: " in sent.output

    deadline = time.monotonic() + WORKER_DEADLINE_S
    run = None
    try:
        while time.monotonic() < deadline:
            assert process.poll() is None, "the scheduler process exited"
            with engine.connect() as conn:
                run = conn.execute(
                    text(
                        "SELECT status, model, series, series_done, error FROM forecast_run"
                        " WHERE id > :before ORDER BY id"
                    ),
                    {"before": before},
                ).all()
            if run and run[-1].status != "running":
                break
            time.sleep(0.5)
        assert run, "no forecast run was started"
        assert [(r.status, r.model, r.series, r.series_done, r.error) for r in run] == [
            ("done", "auto", 2, 2, None)
        ]
        assert list(data_dir.glob("celerybeat-schedule*")), "beat did not start"
        with engine.connect() as conn:
            # beat also sends the alerts (every minute) and the planner: only the forecast's message counts
            left = conn.execute(
                text("SELECT count(*) FROM celery.kombu_message WHERE visible AND payload LIKE :task"),
                {"task": f"%{FORECAST_TASK}%"},
            ).scalar()
        assert left == 0, "the task message was consumed"

        # kombu keeps a delivered message (visible = false) for ever; the housekeeping deletes those
        with engine.connect() as conn:
            newest, delivered = conn.execute(
                text("SELECT max(id), count(*) FILTER (WHERE NOT visible) FROM celery.kombu_message")
            ).one()
        assert delivered >= 1
        assert prune_delivered_messages(get_settings()) >= delivered
        with engine.connect() as conn:
            left_delivered = conn.execute(
                text("SELECT count(*) FROM celery.kombu_message WHERE NOT visible AND id <= :newest"),
                {"newest": newest},
            ).scalar()
        assert left_delivered == 0
    finally:
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM forecast_run WHERE id > :before"), {"before": before})
