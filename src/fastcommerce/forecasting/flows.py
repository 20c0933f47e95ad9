"""A forecast run as a job: it opens and commits its own transactions (the services it calls never do).

The process working on a run holds a PostgreSQL advisory lock on it, on a connection of its own, from the
moment the run exists: when that process dies (a killed worker, a lost connection), the lock goes with it,
so the next run can tell a run nobody works on any more (`service.abandon_orphaned_runs`) from one that is
still going.
"""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

from sqlalchemy import Connection, Engine, func, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from fastcommerce.config import Settings
from fastcommerce.forecasting.models import ForecastRun
from fastcommerce.forecasting.service import (
    RUN_LOCK_SPACE,
    RunCancelled,
    RunSummary,
    abandon_orphaned_runs,
    execute_run,
    finish_run,
    start_run,
)

RunProgress = Callable[[int, int], None]


@contextmanager
def _owner_connection(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as conn:
        try:
            yield conn
        finally:
            try:
                conn.execute(select(func.pg_advisory_unlock_all()))
                conn.commit()
            except SQLAlchemyError:  # the connection is gone, and its locks with it
                conn.invalidate()


def run_forecasts(
    factory: sessionmaker[Session],
    settings: Settings,
    *,
    model: str = "auto",
    horizon_days: int | None = None,
    n_jobs: int | None = None,
    progress: RunProgress | None = None,
    stop: threading.Event | None = None,
) -> RunSummary:
    """A whole run in its own transactions: the run is visible as running (with progress) while it works,
    done with its results at the end, failed with the error, or cancelled when `stop` is set (the run
    stops at its next step; nothing of it is written but its status). A run that an earlier process left
    `running` and nobody works on is marked cancelled first."""
    bind = factory.kw["bind"]
    assert isinstance(bind, Engine)
    with _owner_connection(bind) as owner:
        with Session(bind=owner) as session:
            abandon_orphaned_runs(session)
            run_id = start_run(session, settings, model, horizon_days).id
            session.execute(select(func.pg_advisory_lock(RUN_LOCK_SPACE, run_id)))
            session.commit()

        def report(stage: str, done: int, total: int) -> None:
            if stop is not None and stop.is_set():
                raise RunCancelled(f"forecast run {run_id} was cancelled: the scheduler is shutting down")
            with factory() as s:
                if stage == "series":
                    s.execute(
                        text("UPDATE forecast_run SET series = :n WHERE id = :id"), {"n": total, "id": run_id}
                    )
                elif stage == "forecast":
                    s.execute(
                        text("UPDATE forecast_run SET series_done = :done WHERE id = :id"),
                        {"done": done, "id": run_id},
                    )
                s.commit()
            if progress and stage == "forecast":
                progress(done, total)

        try:
            with factory() as session:
                run = session.get_one(ForecastRun, run_id)
                summary = execute_run(session, settings, run, n_jobs or settings.forecast_n_jobs, report)
                session.commit()
        except BaseException as error:  # a worker's cold shutdown too: no run stays "running" for ever
            cancelled = isinstance(error, RunCancelled | KeyboardInterrupt) or (
                stop is not None and stop.is_set()
            )
            with suppress(SQLAlchemyError), factory() as session:  # else the next run marks it
                finish_run(session, run_id, "cancelled" if cancelled else "failed", str(error))
                session.commit()
            if cancelled and not isinstance(error, RunCancelled | KeyboardInterrupt):
                raise RunCancelled(f"forecast run {run_id} was cancelled: {error}") from error
            raise
    return summary
