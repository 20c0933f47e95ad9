"""Is the database there: `/api/health`, and the 503 every endpoint answers while it is not."""

from typing import Annotated, Any

import psycopg
from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from fastcommerce.db import get_engine

RETRY_AFTER_S = 5
# A lost or refused connection, a server shutting down, no pooled connection free in time: the request may
# succeed once the database is back, so the client is told to retry (orders are idempotent by order_id).
# psycopg's own error comes from what runs on the driver's connection (`db.run`, pipelines).
DATABASE_UNAVAILABLE = (OperationalError, PoolTimeout, psycopg.OperationalError)

router = APIRouter(tags=["health"])


@router.get("/api/health", responses={503: {"description": "the database is unavailable"}})
def health(engine: Annotated[Engine, Depends(get_engine)]) -> JSONResponse:
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError):
        return JSONResponse(
            {"status": "unavailable", "database": "unavailable"},
            status_code=503,
            headers={"Retry-After": str(RETRY_AFTER_S)},
        )
    return JSONResponse({"status": "ok", "database": "ok"})


async def database_unavailable(_: Request, exc: Exception) -> JSONResponse:
    detail: dict[str, Any] = {
        "loc": [],
        "msg": f"the database is unavailable; nothing was written, retry in {RETRY_AFTER_S} s",
        "type": "database_unavailable",
        "input": None,
    }
    return JSONResponse({"detail": [detail]}, status_code=503, headers={"Retry-After": str(RETRY_AFTER_S)})
