"""A forecast run as a job: it opens and commits its own transactions (the services it calls never do)."""

from collections.abc import Callable

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from fastcommerce.config import Settings
from fastcommerce.db import utcnow
from fastcommerce.forecasting.models import ForecastRun
from fastcommerce.forecasting.service import RunSummary, execute_run, start_run

RunProgress = Callable[[int, int], None]


def run_forecasts(
    factory: sessionmaker[Session],
    settings: Settings,
    *,
    model: str = "auto",
    horizon_days: int | None = None,
    n_jobs: int | None = None,
    progress: RunProgress | None = None,
) -> RunSummary:
    """A whole run in its own transactions: the run is visible as running (with progress) while it works,
    done with its results at the end, or failed with the error."""
    with factory() as session:
        run_id = start_run(session, settings, model, horizon_days).id
        session.commit()

    def report(stage: str, done: int, total: int) -> None:
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
        with factory() as session:
            failed = session.get_one(ForecastRun, run_id)
            failed.status, failed.error, failed.finished_at = "failed", str(error)[:2000], utcnow()
            session.commit()
        raise
    return summary
