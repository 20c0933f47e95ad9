"""`fastcommerce scheduler run|forecast-now`, and the scheduler process the demo runs beside the API."""

import ctypes
import os
import signal
import subprocess
import sys
from contextlib import suppress
from typing import Annotated

import typer
from rich.console import Console

scheduler_app = typer.Typer(
    no_args_is_help=True, help="The scheduler: a Celery worker with beat that runs the nightly forecast."
)
console = Console(soft_wrap=True)

APP = "fastcommerce.scheduler.app:celery_app"
LOGLEVELS = ("debug", "info", "warning", "error")
PR_SET_PDEATHSIG = 1  # prctl(2)


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


def _die_with_parent() -> None:
    """In the child, before exec: Linux sends it SIGTERM when the process that started it dies (even by
    SIGKILL), so a killed demo leaves no worker behind."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def start_scheduler_process(loglevel: str = "warning") -> subprocess.Popen[bytes]:
    """Start the worker with embedded beat as a child process with this process's environment (the demo
    runs it beside the API), in a process group of its own: a terminal's Ctrl-C reaches only the demo,
    which stops the group in order with `stop_scheduler_process`."""
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", APP, *worker_args(loglevel)],
        start_new_session=True,
        preexec_fn=_die_with_parent if sys.platform == "linux" else None,
    )


def stop_scheduler_process(process: subprocess.Popen[bytes], timeout: float = 5.0) -> int:
    """SIGTERM, on which the worker abandons its running task (`scheduler/shutdown.py`) and exits; after
    `timeout` seconds SIGKILL to its whole group (beat and a forecast's processes too). Returns the exit
    code."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout)
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # what the worker left: beat, a forecast's pool
    return process.wait()
