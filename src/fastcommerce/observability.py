"""What an operator watches: a request id on every answer and log line, logs as JSON lines, and Prometheus
metrics (requests and their latency, orders, units lost, forecast runs) at `GET /api/metrics`.

Counts are per API process (Prometheus adds up the processes it scrapes); an order counts once its
transaction has committed. Forecast runs are read from the database at each scrape, since the scheduler's
worker runs them in other processes."""

import logging.config
import re
import time
import uuid
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import event, text
from sqlalchemy.orm import Session
from starlette.datastructures import MutableHeaders
from starlette.types import Message, Receive, Scope, Send

from fastcommerce.asgi import HttpMiddleware
from fastcommerce.db import session_factory
from fastcommerce.orders.events import OrdersPlaced

REQUEST_ID_HEADER = "X-Request-ID"
_GIVEN_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
request_id: ContextVar[str] = ContextVar("request_id", default="-")

REGISTRY = CollectorRegistry()
HTTP_REQUESTS = Counter(
    "fastcommerce_http_requests",
    "HTTP requests answered, by method, route and status",
    ["method", "route", "status"],
    registry=REGISTRY,
)
HTTP_SECONDS = Histogram(
    "fastcommerce_http_request_duration_seconds",
    "Time to answer an HTTP request (a live stream counts until it closes)",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    registry=REGISTRY,
)
ORDERS = Counter("fastcommerce_orders", "Orders placed (committed)", registry=REGISTRY)
UNITS_REQUESTED = Counter("fastcommerce_units_requested", "Units ordered (committed)", registry=REGISTRY)
UNITS_LOST = Counter(
    "fastcommerce_units_lost", "Units ordered that no stock could fill (committed)", registry=REGISTRY
)


class RequestObservation(HttpMiddleware):
    """Gives each request an id (the client's `X-Request-ID` when it sends a sane one), answers with it, keeps
    it for the log lines written meanwhile, and counts and times the request by its route."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        given = dict(scope["headers"]).get(REQUEST_ID_HEADER.lower().encode(), b"").decode("latin-1")
        token = request_id.set(given if _GIVEN_ID.fullmatch(given) else uuid.uuid4().hex)
        started, status = time.perf_counter(), 500

        async def answer(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = request_id.get()
            await send(message)

        try:
            await self.app(scope, receive, answer)
        finally:
            route = getattr(scope.get("route"), "path", "unmatched")
            HTTP_REQUESTS.labels(scope["method"], route, str(status)).inc()
            HTTP_SECONDS.labels(scope["method"], route).observe(time.perf_counter() - started)
            request_id.reset(token)


_PENDING = "fastcommerce.metrics.pending"


def count_placed(session: Session, placed: OrdersPlaced) -> None:
    """A listener of placed orders: counted when their transaction commits, forgotten if it rolls back."""
    pending = session.info.setdefault(_PENDING, [0, 0, 0])
    pending[0] += len({line.order_key for line in placed.lines})
    pending[1] += sum(line.requested for line in placed.lines)
    pending[2] += sum(line.lost for line in placed.lines)


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    orders, requested, lost = session.info.pop(_PENDING, (0, 0, 0))
    ORDERS.inc(orders)
    UNITS_REQUESTED.inc(requested)
    UNITS_LOST.inc(lost)


@event.listens_for(Session, "after_rollback")
def _rolled_back(session: Session) -> None:
    session.info.pop(_PENDING, None)


class ForecastRuns(Collector):
    """Forecast runs by status, as the database has them now."""

    def collect(self) -> Iterator[Metric]:
        runs = GaugeMetricFamily("fastcommerce_forecast_runs", "Forecast runs by status", labels=["status"])
        with session_factory()() as session:
            counted = session.execute(text("SELECT status, count(*) FROM forecast_run GROUP BY status"))
            for status, count in counted:
                runs.add_metric([status], count)
        yield runs


REGISTRY.register(ForecastRuns())


def metrics_text() -> bytes:
    return generate_latest(REGISTRY)


class _WithRequestId(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


def log_config(level: str = "INFO") -> dict[str, Any]:
    """Logging as JSON lines on stderr, each with the request id: for this process and for uvicorn's."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": _WithRequestId}},
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            }
        },
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "filters": ["request_id"],
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"handlers": ["stderr"], "level": level},
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": level, "propagate": False},
            "uvicorn.access": {"handlers": ["stderr"], "level": level, "propagate": False},
        },
    }


def configure_logging(level: str = "INFO") -> None:
    logging.config.dictConfig(log_config(level))
