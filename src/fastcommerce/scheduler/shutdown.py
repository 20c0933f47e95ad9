"""The worker's shutdown abandons the running task instead of waiting for it.

Celery's warm shutdown (SIGTERM, SIGINT) waits for the running task, and a forecast can take an hour. On
that signal `shutdown_requested` is set, the processes the running task started (a forecast's pool) are
killed, and `TaskAbandoned` is raised in the task where it stands (the solo pool runs it in the worker's
main thread, where signal handlers run), so its transaction rolls back. Nothing is half-written: a forecast
run writes its results in one transaction at its end (and is marked cancelled), the planner commits one
store's whole plan at a time, the alerts one evaluation at a time. When the worker starts, runs that a
killed worker left `running` are marked cancelled.
"""

import threading
from contextlib import suppress
from typing import Any

import psutil
from celery.signals import task_postrun, task_prerun, worker_ready, worker_shutting_down

from fastcommerce.db import committing, session_factory

shutdown_requested = threading.Event()


class TaskAbandoned(BaseException):
    """Raised in the running task when the worker shuts down; a BaseException, so that no `except
    Exception` on the way (Celery's signal dispatch has one) stops it."""


_children_before_task: set[int] | None = None  # None: no task is running


def _children() -> list[psutil.Process]:
    return psutil.Process().children(recursive=True)


def _give_up_orphaned_runs(**_: Any) -> None:
    from fastcommerce.forecasting.service import abandon_orphaned_runs

    with session_factory()() as session, committing(session):
        abandon_orphaned_runs(session)


def _note_children(**_: Any) -> None:
    global _children_before_task
    _children_before_task = {child.pid for child in _children()}  # the embedded beat


def _forget_children(**_: Any) -> None:
    global _children_before_task
    _children_before_task = None


def _abandon_running_task(**_: Any) -> None:
    shutdown_requested.set()
    if _children_before_task is None:
        return
    for child in _children():
        if child.pid not in _children_before_task:
            with suppress(psutil.NoSuchProcess):
                child.kill()
    raise TaskAbandoned("the worker is shutting down")


worker_ready.connect(_give_up_orphaned_runs, weak=False)
task_prerun.connect(_note_children, weak=False)
task_postrun.connect(_forget_children, weak=False)
worker_shutting_down.connect(_abandon_running_task, weak=False)
