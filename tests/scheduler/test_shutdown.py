"""A worker asked to stop abandons its running forecast cleanly, and runs that nobody works on any more
are marked cancelled by the next one."""

import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import psutil
import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from fastcommerce.config import get_settings
from fastcommerce.forecasting.flows import run_forecasts
from fastcommerce.forecasting.service import RUN_LOCK_SPACE
from fastcommerce.orders.schemas import OrderIn, OrderLineIn
from fastcommerce.orders.service import ingest
from fastcommerce.scheduler.commands import send_forecast_now
from tests.factories import make_sku, receive, stocked_store

pytestmark = pytest.mark.filterwarnings("ignore:The ``noload`` loader strategy:DeprecationWarning")  # kombu
IST = ZoneInfo("Asia/Kolkata")
SKUS = 80
DAYS = 42
RUNS = "SELECT id, status, error FROM forecast_run WHERE id > :before ORDER BY id"


def many_series(session: Session) -> None:
    """One store, SKUS SKUs each bought daily over DAYS days: Prophet's backtest of them takes tens of
    seconds on two cores, long enough to be caught half-way."""
    home, store, first = stocked_store(session, 10 * DAYS)
    skus = [first] + [make_sku(session) for _ in range(SKUS - 1)]
    for sku in skus[1:]:
        receive(session, store, sku, 10 * DAYS)
    today = datetime.now(IST).replace(hour=19, minute=0, second=0, microsecond=0)
    ingest(
        session,
        [
            OrderIn(
                order_id=f"H-{back}",
                pincode=home.pincode,
                created_at=today - timedelta(days=back),
                lines=[OrderLineIn(sku=sku, qty=1 + (back + i) % 5) for i, sku in enumerate(skus)],
            )
            for back in range(DAYS, 0, -1)
        ],
    )


def last_run_id(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT coalesce(max(id), 0) FROM forecast_run")).scalar_one())


def group_members(pgid: int) -> list[psutil.Process]:
    members = []
    for process in psutil.process_iter():
        try:
            if process.pid != pgid and process.status() != psutil.STATUS_ZOMBIE and _pgid(process) == pgid:
                members.append(process)
        except psutil.NoSuchProcess:
            continue
    return members


def _pgid(process: psutil.Process) -> int | None:
    import os

    try:
        return os.getpgid(process.pid)
    except ProcessLookupError:
        return None


def test_sigterm_abandons_a_running_forecast_and_the_next_run_does_the_work(
    committed: sessionmaker[Session], engine: Engine, worker: tuple[subprocess.Popen[bytes], Path]
) -> None:
    process, _ = worker
    with committed() as session:
        many_series(session)
        session.commit()
    before = last_run_id(engine)
    send_forecast_now(model="prophet")
    deadline = time.monotonic() + 90
    pool: list[psutil.Process] = []
    while time.monotonic() < deadline and len(pool) < 2:  # the run is going, its pool is working
        time.sleep(0.2)
        pool = [p for p in psutil.Process(process.pid).children(recursive=True) if p.cpu_percent() >= 0]
        with engine.connect() as conn:
            runs = conn.execute(text(RUNS), {"before": before}).all()
        if not (runs and runs[-1].status == "running"):
            pool = []
    assert len(pool) >= 2, "the forecast never got going"
    forecast_processes = set(psutil.Process(process.pid).children(recursive=True))

    process.send_signal(signal.SIGTERM)
    assert process.wait(30) == 0  # a warm shutdown; without the abandon it would wait for the whole run

    with engine.connect() as conn:
        runs = conn.execute(text(RUNS), {"before": before}).all()
        written = conn.execute(
            text("SELECT count(*) FROM forecast_point WHERE run_id > :before"), {"before": before}
        ).scalar_one()
    assert [r.status for r in runs] == ["cancelled"]
    assert "shutting down" in runs[0].error
    assert written == 0, "a cancelled run wrote points"
    left = [p for p in forecast_processes if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    assert left == [], f"processes of the worker survived it: {left}"

    summary = run_forecasts(committed, get_settings(), model="seasonal_naive", n_jobs=1)
    assert summary.series == SKUS
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM forecast_run WHERE id > :before"), {"before": before})


def test_a_run_nobody_works_on_is_cancelled_by_the_next_and_a_live_one_is_left_alone(
    committed: sessionmaker[Session], engine: Engine
) -> None:
    with committed() as session:
        many_series(session)
        session.commit()
    before = last_run_id(engine)
    with engine.begin() as conn:
        orphan, alive = (
            conn.execute(
                text(
                    "INSERT INTO forecast_run (created_at, status, model, horizon_days, history_days,"
                    " series, series_done) VALUES (now(), 'running', 'auto', 7, 56, 0, 0) RETURNING id"
                )
            ).scalar_one()
            for _ in range(2)
        )
    with engine.connect() as owner:  # another process still working on `alive`
        owner.execute(text("SELECT pg_advisory_lock(:space, :id)"), {"space": RUN_LOCK_SPACE, "id": alive})
        owner.commit()
        summary = run_forecasts(committed, get_settings(), model="seasonal_naive", n_jobs=1)
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT id, status FROM forecast_run WHERE id > :b"), {"b": before})
            statuses = {row.id: row.status for row in rows}
        owner.execute(text("SELECT pg_advisory_unlock_all()"))
        owner.commit()
    assert statuses == {orphan: "cancelled", alive: "running", summary.run_id: "done"}

    run_forecasts(committed, get_settings(), model="seasonal_naive", n_jobs=1)
    with engine.begin() as conn:
        assert conn.execute(
            text("SELECT status FROM forecast_run WHERE id = :id"), {"id": alive}
        ).scalar() == ("cancelled")
        conn.execute(text("DELETE FROM forecast_run WHERE id > :before"), {"before": before})


HANGING_WORKER = """
import subprocess, sys, time
from fastcommerce.scheduler import shutdown
shutdown.EXIT_GRACE_S = 1.0
shutdown._note_children()
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
print(child.pid, flush=True)
try:
    shutdown._abandon_running_task()
except shutdown.TaskAbandoned:
    pass
time.sleep(60)  # a teardown that never ends
"""


def test_a_worker_whose_teardown_hangs_after_giving_up_its_task_exits_after_the_grace() -> None:
    started = time.monotonic()
    hanging = subprocess.run(
        [sys.executable, "-c", HANGING_WORKER], capture_output=True, text=True, timeout=30
    )
    assert hanging.returncode == 0, hanging.stderr
    assert time.monotonic() - started < 15
    assert "not stopped 1 s after giving up its task; exiting" in hanging.stderr
    child = int(hanging.stdout.split()[0])
    assert not psutil.pid_exists(child) or psutil.Process(child).status() == psutil.STATUS_ZOMBIE
