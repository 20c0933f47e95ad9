from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from fastcommerce.auth.dependencies import READS, StockWriter, require_store_access
from fastcommerce.catalog.service import require_sku_id
from fastcommerce.db import SessionDep
from fastcommerce.errors import (
    InsufficientStock,
    StockLimitExceeded,
    StoreNotFound,
    error_responses,
)
from fastcommerce.inventory import service
from fastcommerce.inventory.models import MovementKind
from fastcommerce.inventory.reconciliation import check_ledger
from fastcommerce.inventory.schemas import (
    InventoryFilter,
    InventoryPageQuery,
    InventoryRow,
    LedgerMismatch,
    MovementCreate,
    MovementPublic,
    MovementResult,
    StockHealth,
    TransferCreate,
)
from fastcommerce.stores.service import get_store, require_store

router = APIRouter(prefix="/api", tags=["inventory"])


StoreCode = Annotated[str, Path(max_length=32, description="store code, e.g. BLR-001")]


@router.get(
    "/stores/{code}/inventory",
    dependencies=[READS],
    response_model=list[InventoryRow],
    responses=error_responses(StoreNotFound),
)
def store_inventory(
    session: SessionDep, response: Response, code: StoreCode, query: Annotated[InventoryPageQuery, Query()]
) -> list[InventoryRow]:
    """A page of the store's stock per SKU (searched, filtered, sorted); the total is in X-Total-Count."""
    store = get_store(session, code)
    rows, total = service.list_inventory(session, store.id, query)
    response.headers["X-Total-Count"] = str(total)
    return rows


@router.get(
    "/stores/{code}/inventory.csv",
    dependencies=[READS],
    response_class=Response,
    responses={
        200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "CSV"},
        **error_responses(StoreNotFound),
    },
)
def store_inventory_csv(
    session: SessionDep, code: StoreCode, query: Annotated[InventoryFilter, Query()]
) -> Response:
    """Every stock row the same filters and sort select (no paging), as a CSV download."""
    store = get_store(session, code)
    return Response(
        service.inventory_csv(session, store.id, query),
        media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{store.code}-inventory.csv"'},
    )


@router.get("/inventory/health", dependencies=[READS], response_model=list[StockHealth])
def stock_health(
    session: SessionDep, city: Annotated[str | None, Query(description="city code, e.g. BLR")] = None
) -> list[StockHealth]:
    """Stock health of every store: SKUs kept, at or below their reorder point, out of stock."""
    return service.stock_health(session, city)


@router.post(
    "/stores/{code}/movements",
    response_model=MovementResult,
    status_code=201,
    responses=error_responses(StoreNotFound, InsufficientStock, StockLimitExceeded),
)
def record_movement(
    session: SessionDep, actor: StockWriter, code: str, body: MovementCreate
) -> MovementResult:
    item = service.stock_item(session, get_store(session, code), body.sku, ("body", "sku"))
    qty = body.signed_qty()
    kind = MovementKind(body.kind)
    on_hand = service.apply_movement(session, item, kind, qty, body.reference, actor.name, ("body", "qty"))
    return MovementResult(store_code=code, sku=body.sku, kind=kind, qty=qty, on_hand=on_hand)


@router.get(
    "/stores/{code}/movements",
    dependencies=[READS],
    response_model=list[MovementPublic],
    responses=error_responses(StoreNotFound),
)
def store_movements(
    session: SessionDep,
    code: StoreCode,
    sku: Annotated[str | None, Query(max_length=40)] = None,
    before_id: Annotated[
        int | None, Query(ge=1, le=2**63 - 1, description="page: the last id of the previous page")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> Sequence[MovementPublic]:
    store = get_store(session, code)
    sku_id = require_sku_id(session, sku, ("query", "sku")) if sku else None
    return service.list_movements(session, store.id, sku_id, before_id, limit)


@router.post(
    "/transfers",
    status_code=201,
    response_model=list[MovementResult],
    responses=error_responses(InsufficientStock, StockLimitExceeded),
)
def create_transfer(session: SessionDep, actor: StockWriter, body: TransferCreate) -> list[MovementResult]:
    for store, field in ((body.from_store, "from_store"), (body.to_store, "to_store")):
        require_store_access(actor, store, ("body", field))
    source = service.stock_item(
        session, require_store(session, body.from_store, ("body", "from_store")), body.sku, ("body", "sku")
    )
    destination = service.stock_item(
        session, require_store(session, body.to_store, ("body", "to_store")), body.sku, ("body", "sku")
    )
    levels = service.transfer(session, source, destination, body.qty, body.reference, actor.name)
    return [
        MovementResult(
            store_code=item.store_code, sku=body.sku, kind=kind, qty=qty, on_hand=levels[item.store_id]
        )
        for item, kind, qty in (
            (source, MovementKind.TRANSFER_OUT, -body.qty),
            (destination, MovementKind.TRANSFER_IN, body.qty),
        )
    ]


@router.get("/ledger/check", dependencies=[READS], response_model=list[LedgerMismatch])
def ledger_check(session: SessionDep) -> list[LedgerMismatch]:
    return check_ledger(session)
