"""`fastcommerce scheduler run|forecast-now`, and the scheduler process the demo runs beside the API."""

import signal
import subprocess
import sys
from typing import Annotated

import typer
from rich.console import Console

scheduler_app = typer.Typer(
    no_args_is_help=True, help="The scheduler: a Celery worker with beat that runs the nightly forecast."
)
console = Console(soft_wrap=True)

APP = "fastcommerce.scheduler.app:celery_app"
LOGLEVELS = ("debug", "info", "warning", "error")


def worker_args(loglevel: str) -> list[str]:
    """One task at a time, in the worker's own process (the solo pool): a forecast starts processes of
    its own (FC_FORECAST_N_JOBS), which a prefork pool's daemonic children may not. Beat is embedded; its
    schedule file is under FC_DATA_DIR (`beat_schedule_filename` in the app's configuration)."""
    return ["worker", "-B", "--pool", "solo", "--concurrency", "1", "--loglevel", loglevel]


@scheduler_app.command("run")
def run(
    loglevel: Annotated[str, typer.Option(help=f"one of {', '.join(LOGLEVELS)}")] = "info",
) -> None:
    """Migrate, then run the worker with embedded beat until Ctrl-C: the forecast every night at
    FC_FORECAST_SCHEDULE (unless FC_FORECAST_ENABLED=false), and any task sent with `forecast-now`."""
    from fastcommerce.db import database_url
    from fastcommerce.migrate import upgrade
    from fastcommerce.scheduler.app import celery_app

    if loglevel not in LOGLEVELS:
        raise typer.BadParameter(f"choose one of {', '.join(LOGLEVELS)}", param_hint="--loglevel")
    upgrade(database_url())
    celery_app.worker_main(worker_args(loglevel))


def send_forecast_now(model: str = "auto", horizon_days: int | None = None) -> str:
    """Queue one forecast run for the scheduler's worker; returns the task id."""
    from fastcommerce.scheduler.tasks import forecast_nightly

    result = forecast_nightly.apply_async(kwargs={"model": model, "horizon_days": horizon_days})
    return str(result.id)


@scheduler_app.command("forecast-now")
def forecast_now(
    model: Annotated[str, typer.Option(help="auto, or one model (see `fastcommerce forecast run`)")] = "auto",
    horizon: Annotated[
        int | None, typer.Option(min=1, max=90, help="days (default FC_FORECAST_HORIZON_DAYS)")
    ] = None,
) -> None:
    """Queue a forecast run now; the scheduler's worker (`fastcommerce scheduler run`) runs it."""
    task_id = send_forecast_now(model, horizon)
    console.print(f"forecast task queued: {task_id}")


def start_scheduler_process(loglevel: str = "warning") -> subprocess.Popen[bytes]:
    """Start the worker with embedded beat as a child process with this process's environment (the demo
    runs it beside the API). Stop it with `stop_scheduler_process`."""
    return subprocess.Popen([sys.executable, "-m", "celery", "-A", APP, *worker_args(loglevel)])


def stop_scheduler_process(process: subprocess.Popen[bytes], timeout: float = 20.0) -> int:
    """Warm shutdown (SIGTERM: a running task may finish) for `timeout` seconds, then a cold one (SIGQUIT:
    the task is abandoned), then SIGKILL. Returns the exit code."""
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGQUIT, 5.0)):
        if process.poll() is not None:
            return process.returncode
        process.send_signal(sig)
        try:
            return process.wait(wait)
        except subprocess.TimeoutExpired:
            pass
    process.kill()
    return process.wait()
