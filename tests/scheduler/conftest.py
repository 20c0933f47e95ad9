"""A real scheduler process (worker + beat, as the demo runs it) on the test database."""

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from fastcommerce.scheduler.app import celery_app
from fastcommerce.scheduler.commands import start_scheduler_process, stop_scheduler_process


@pytest.fixture
def configured(database_url: str) -> str:
    """celery_app reads its configuration on first use; not before the test database exists, or its
    messages would go elsewhere. (Importing a task at a test module's top level is enough: pytest's
    collection evaluates the task proxy. Import tasks inside the tests.)"""
    assert celery_app.conf.broker_url == f"sqla+{database_url}", "celery_app was configured too early"
    return database_url


@pytest.fixture
def worker(
    configured: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    """The demo's scheduler process (worker + beat) on the test database, its beat file under tmp_path."""
    data_dir = tmp_path / "var"  # not there yet, as on a fresh machine with DATABASE_URL set
    monkeypatch.setenv("FC_DATA_DIR", str(data_dir))  # only the child reads it: DATABASE_URL is set
    process = start_scheduler_process(loglevel="info")
    try:
        yield process, data_dir
    finally:
        stop_scheduler_process(process, timeout=10)
        assert process.poll() is not None
