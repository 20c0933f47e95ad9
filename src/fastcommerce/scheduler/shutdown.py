"""The worker's shutdown abandons the running task instead of waiting for it.

Celery's warm shutdown (SIGTERM, SIGINT) waits for the running task, and a forecast can take an hour. On
that signal `shutdown_requested` is set, the processes the running task started (a forecast's pool) are
killed, and `TaskAbandoned` is raised in the task where it stands (the solo pool runs it in the worker's
main thread, where signal handlers run), so its transaction rolls back. Nothing is half-written: a forecast
run writes its results in one transaction at its end (and is marked cancelled), the planner commits one
store's whole plan at a time, the alerts one evaluation at a time. When the worker starts, runs that a
killed worker left `running` are marked cancelled.

A multiprocessing pool whose workers were killed can hang for ever in its teardown (a killed worker may hold
its queue's lock; seen once in CI: the task given up at once, the worker still there 30 s later). So once a
task is abandoned the worker has EXIT_GRACE_S to end by itself; after that it kills what is left of its
children and exits. Nothing is lost by then: the task's transaction is rolled back and its message taken.
"""

import os
import sys
import threading
from collections.abc import Iterable
from contextlib import suppress
from typing import Any

import psutil
from celery.signals import task_postrun, task_prerun, worker_ready, worker_shutting_down

from fastcommerce.db import committing, session_factory

shutdown_requested = threading.Event()
EXIT_GRACE_S = 8.0  # the demo's Ctrl-C promises everything gone within 10 s


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
    _kill(child for child in _children() if child.pid not in _children_before_task)
    deadline = threading.Timer(EXIT_GRACE_S, _exit_now)
    deadline.daemon = True
    deadline.start()
    raise TaskAbandoned("the worker is shutting down")


def _exit_now() -> None:
    print(f"worker: not stopped {EXIT_GRACE_S:.0f} s after giving up its task; exiting", file=sys.stderr)
    _kill(_children())
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _kill(processes: Iterable[psutil.Process]) -> None:
    for process in processes:
        with suppress(psutil.NoSuchProcess):
            process.kill()


worker_ready.connect(_give_up_orphaned_runs, weak=False)
task_prerun.connect(_note_children, weak=False)
task_postrun.connect(_forget_children, weak=False)
worker_shutting_down.connect(_abandon_running_task, weak=False)
