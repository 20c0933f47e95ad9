"""Planner runs that really commit: two at once, and one killed with SIGKILL half-way through a real
Celery worker, then completed by the next run."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from fastcommerce.config import get_settings
from fastcommerce.replenishment.planner import run_planner
from fastcommerce.scheduler.commands import APP, worker_args
from tests.replenishment.world import PLANNING_AT, make_world

pytestmark = pytest.mark.filterwarnings("ignore:The ``noload`` loader strategy:DeprecationWarning")  # kombu

PLANS = text(
    "SELECT p.store_id, p.status, count(l.sku_id), coalesce(sum(l.qty), 0) FROM restock_plan p"
    " LEFT JOIN restock_plan_line l ON l.plan_id = p.id GROUP BY p.id ORDER BY p.store_id"
)


def test_two_planners_at_once_make_one_plan_per_store_with_the_same_lines(
    committed: sessionmaker[Session], engine: Engine
) -> None:
    with committed() as session:
        make_world(session, stores=4, skus=5)
        session.commit()
    errors: list[BaseException] = []

    def plan() -> None:
        try:
            with committed() as session:
                run_planner(session, get_settings(), now=PLANNING_AT)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=plan) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with engine.connect() as conn:
        plans = conn.execute(PLANS).all()
    assert len(plans) == 4 and {(status, lines, units) for _, status, lines, units in plans} == {
        ("draft", 5, 210)
    }


def test_a_planner_killed_half_way_leaves_whole_plans_and_the_next_run_completes_them(
    committed: sessionmaker[Session], engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scheduler's worker runs the planner task; SIGKILL arrives once some stores' plans are committed
    and others not yet. Every plan that exists has all its lines; a second run adds the missing ones."""
    from fastcommerce.scheduler.tasks import replenish_plan

    stores = 60
    with committed() as session:
        make_world(session, stores=stores, skus=40, hub_units=stores * 42)
        session.commit()
    monkeypatch.setenv("FC_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("FC_FORECAST_ENABLED", "false")
    # its own process group, so that the kill takes the embedded beat process with the worker, as a crash
    # of the machine would
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", APP, *worker_args("warning")], start_new_session=True
    )
    try:
        replenish_plan.apply_async(kwargs={"at": PLANNING_AT.isoformat()})
        deadline = time.monotonic() + 90
        made = 0
        while time.monotonic() < deadline and made == 0:
            with engine.connect() as conn:
                made = conn.execute(text("SELECT count(*) FROM restock_plan")).scalar_one()
            time.sleep(0.01)
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(10)
    with engine.connect() as conn:
        killed = conn.execute(PLANS).all()
    assert 0 < len(killed) < stores, "the run was not caught half-way"
    assert {(lines, units) for _, _, lines, units in killed} == {(40, 40 * 42)}

    with committed() as session:
        result = run_planner(session, get_settings(), now=PLANNING_AT)
    outcomes = [s.outcome for s in result.stores]
    assert outcomes.count("created") == stores - len(killed)
    with engine.connect() as conn:
        after = conn.execute(PLANS).all()
    assert len(after) == stores and {(lines, units) for _, _, lines, units in after} == {(40, 40 * 42)}
