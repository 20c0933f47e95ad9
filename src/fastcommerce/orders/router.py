from typing import Annotated, Any

from fastapi import APIRouter, Body, Response, status

from fastcommerce.auth.dependencies import READS, OrderPlacer
from fastcommerce.config import get_settings
from fastcommerce.db import SessionDep
from fastcommerce.errors import NotFound, OrderConflict, error_responses
from fastcommerce.orders import service
from fastcommerce.orders.schemas import BulkResult, OrderIn, OrderResult

router = APIRouter(prefix="/api/orders", tags=["orders"])


@router.post(
    "",
    response_model=OrderResult,
    status_code=status.HTTP_201_CREATED,
    responses={
        200: {"model": OrderResult, "description": "a retry of an order already placed"},
        **error_responses(OrderConflict),
    },
)
def place_order(session: SessionDep, actor: OrderPlacer, response: Response, body: OrderIn) -> OrderResult:
    placed = service.place_order(session, body, actor.name)
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
