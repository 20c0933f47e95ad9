"""The FastAPI application: routers of each domain and one handler for domain errors."""

import gc
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from fastcommerce import health
from fastcommerce.auth.cache import ActorCache
from fastcommerce.auth.dependencies import declare_security
from fastcommerce.auth.router import audit_router
from fastcommerce.auth.router import router as auth_router
from fastcommerce.boundary import amend_openapi, check_parameters, guard
from fastcommerce.catalog.router import router as catalog_router
from fastcommerce.config import get_settings
from fastcommerce.dashboard import SecurityHeaders, mount_dashboard
from fastcommerce.db import database_url, libpq_url
from fastcommerce.demand.router import router as demand_router
from fastcommerce.errors import DomainError
from fastcommerce.forecasting.router import router as forecasting_router
from fastcommerce.inventory.router import router as inventory_router
from fastcommerce.live.hub import StreamHub
from fastcommerce.live.listener import NotificationListener
from fastcommerce.live.router import router as live_router
from fastcommerce.metrics import router as metrics_router
from fastcommerce.observability import RequestObservation
from fastcommerce.orders.router import order_batcher
from fastcommerce.orders.router import router as orders_router
from fastcommerce.replenishment.router import router as replenishment_router
from fastcommerce.simulation.router import router as simulation_router
from fastcommerce.stores.router import pincodes_router
from fastcommerce.stores.router import router as stores_router
from fastcommerce.wiring import connect

GIL_SWITCH_INTERVAL_S = 0.001


async def domain_error_handler(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    return JSONResponse({"detail": exc.details()}, status_code=exc.status_code, headers=exc.headers())


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """The live stream's hub, fed by a listener of the database's change notifications; the batcher of single
    orders."""
    # What the process holds once started (modules, the app, the forecasting libraries: about 290,000 objects)
    # lives as long as it does. Frozen, it is left out of the collector's full passes; each pass over it
    # stalled every request in flight for 160-200 ms (docs/benchmarks.md, "Orders over HTTP").
    gc.collect()
    gc.freeze()
    # The event loop and the order batch's thread share one GIL: each time a batch's query returns, its
    # thread waits for the loop to let go, for up to the switch interval (5 ms by default) while it holds
    # stock rows locked. At 1 ms, one worker placed 6 % more orders a second (docs/benchmarks.md).
    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)
    app.state.order_batcher = order_batcher(app)
    hub = StreamHub()
    listener = NotificationListener(libpq_url(database_url()), hub)
    app.state.stream_hub = hub
    await hub.start()
    listener.start()
    try:
        yield
    finally:
        listener.stop()
        await hub.stop()
        sys.setswitchinterval(switch_interval)
        gc.unfreeze()


def create_app() -> FastAPI:
    connect()
    app = FastAPI(
        lifespan=lifespan,
        title="FastCommerce Inventory Heatmap",
        version="0.1.0",
        description="Dark-store inventory, orders and lost demand for quick-commerce.",
        dependencies=[Depends(check_parameters)],
        # The service's metrics are Prometheus' (observability.py); FastAPI's OpenTelemetry hooks, idle
        # without a provider, still cost every request its checks.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.add_exception_handler(DomainError, domain_error_handler)
    for unavailable in health.DATABASE_UNAVAILABLE:
        app.add_exception_handler(unavailable, health.database_unavailable)
    routers = (
        orders_router,  # first: the busiest path, matched against every route before it
        health.router,
        metrics_router,
        auth_router,
        audit_router,
        stores_router,
        pincodes_router,
        catalog_router,
        inventory_router,
        demand_router,
        live_router,
        forecasting_router,
        replenishment_router,
        simulation_router,
    )
    for router in routers:
        app.include_router(router)
    settings = get_settings()
    app.state.actors = ActorCache(settings.auth_cache_seconds)
    mount_dashboard(app, settings.frontend_dist)
    guard(app, settings.max_body_bytes)
    amend_openapi(app, lambda schema: declare_security(schema, app.routes))
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=True,
            allow_methods=["GET", "POST", "PUT", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "X-API-Key", "Last-Event-ID"],
            expose_headers=["X-Total-Count", "Retry-After"],
        )
    app.add_middleware(SecurityHeaders)
    app.add_middleware(RequestObservation)  # outermost: it times and counts everything, refusals too
    return app


app = create_app()
