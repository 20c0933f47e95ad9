from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Body, FastAPI, Request, Response, status

from fastcommerce.auth.dependencies import READS, OrderPlacer
from fastcommerce.config import get_settings
from fastcommerce.db import SessionDep, app_session
from fastcommerce.errors import DomainError, NotFound, OrderConflict, error_responses
from fastcommerce.orders import service
from fastcommerce.orders.batching import OrderBatcher
from fastcommerce.orders.schemas import BulkResult, OrderIn, OrderResult

router = APIRouter(prefix="/api/orders", tags=["orders"])


def order_batcher(app: FastAPI) -> OrderBatcher:
    """The app's batcher of single orders; each batch in a session as requests get theirs (so a test's
    substitute session too)."""

    def place(orders: Sequence[OrderIn], actors: Sequence[str]) -> list[service.Outcome]:
        with app_session(app) as session:
            return service.place_single_orders(session, orders, actors)

    settings = get_settings()
    return OrderBatcher(
        place, concurrency=settings.order_batch_concurrency, max_orders=settings.order_batch_max
    )


@router.post(
    "",
    response_model=OrderResult,
    status_code=status.HTTP_201_CREATED,
    responses={
        200: {"model": OrderResult, "description": "a retry of an order already placed"},
        **error_responses(OrderConflict),
    },
)
async def place_order(request: Request, actor: OrderPlacer, response: Response, body: OrderIn) -> OrderResult:
    batcher: OrderBatcher = request.app.state.order_batcher
    placed = await batcher.place(body, actor.name)
    if isinstance(placed, DomainError):
        raise placed
    if not placed.created:
        response.status_code = status.HTTP_200_OK
    return placed.result


@router.post("/bulk", response_model=BulkResult)
def place_orders_bulk(
    session: SessionDep,
    actor: OrderPlacer,
    body: Annotated[
        list[Any],
        Body(
            description="orders in the shape of POST /api/orders", max_length=get_settings().bulk_order_limit
        ),
    ],
) -> BulkResult:
    return service.place_orders_bulk(session, body, actor.name)


@router.get(
    "/{order_id}", dependencies=[READS], response_model=OrderResult, responses=error_responses(NotFound)
)
def get_order(session: SessionDep, order_id: str) -> OrderResult:
    return service.get_order(session, order_id)
