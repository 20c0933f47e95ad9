"""Order ingestion: fulfil each line from the serving store's stock; the unfilled rest is lost demand."""

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from fastcommerce.catalog.models import Sku
from fastcommerce.catalog.service import sku_ids_by_code
from fastcommerce.db import utcnow
from fastcommerce.errors import (
    DomainError,
    InvalidReference,
    InvalidReferences,
    Loc,
    NotFound,
    OrderConflict,
    UnknownPincode,
    UnknownSku,
)
from fastcommerce.geo.models import Pincode
from fastcommerce.inventory.service import lock_stock, take_available
from fastcommerce.orders.models import CustomerOrder, OrderLine
from fastcommerce.orders.schemas import BulkItemResult, BulkResult, OrderIn, OrderLineResult, OrderResult
from fastcommerce.stores.models import ServiceArea, Store


@dataclass(frozen=True)
class ServingStore:
    store_id: int
    code: str


@dataclass(frozen=True)
class OrderRefs:
    """What the orders name, resolved once: SKU ids, and the serving store of each known pincode."""

    sku_ids: dict[str, int]
    stores: dict[int, ServingStore | None]

    def check(self, order: OrderIn, loc: Loc) -> None:
        errors: list[InvalidReference] = []
        if order.pincode not in self.stores:
            errors.append(UnknownPincode(order.pincode, loc=(*loc, "pincode")))
        errors.extend(
            UnknownSku(line.sku, loc=(*loc, "lines", i, "sku"))
            for i, line in enumerate(order.lines)
            if line.sku not in self.sku_ids
        )
        if errors:
            raise errors[0] if len(errors) == 1 else InvalidReferences(errors)


def resolve_refs(session: Session, orders: Sequence[OrderIn]) -> OrderRefs:
    pincodes = {o.pincode for o in orders}
    rows = session.execute(
        select(Pincode.pincode, Store.id, Store.code)
        .outerjoin(ServiceArea, ServiceArea.pincode == Pincode.pincode)
        .outerjoin(Store, Store.id == ServiceArea.store_id)
        .where(Pincode.pincode.in_(pincodes))
    )
    stores: dict[int, ServingStore | None] = {
        pin: ServingStore(sid, code) if sid is not None else None for pin, sid, code in rows
    }
    return OrderRefs(sku_ids_by_code(session, {line.sku for o in orders for line in o.lines}), stores)


def lock_stock_for(session: Session, orders: Sequence[OrderIn], refs: OrderRefs) -> None:
    """Before placing many orders in one transaction, lock every stock row they may take from, in the
    global (store, SKU) order, so that such transactions and single orders cannot deadlock."""
    pairs = [
        (serving.store_id, refs.sku_ids[line.sku])
        for order in orders
        if (serving := refs.stores.get(order.pincode))
        for line in order.lines
        if line.sku in refs.sku_ids
    ]
    lock_stock(session, pairs)


def request_hash(order: OrderIn) -> str:
    canonical = json.dumps(order.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class PlacedOrder:
    result: OrderResult
    created: bool


def place_order(
    session: Session, order: OrderIn, refs: OrderRefs | None = None, loc: Loc = ("body",)
) -> PlacedOrder:
    """Place an order once. A retry with the same body returns the first result and changes nothing;
    the same order_id with another body raises OrderConflict."""
    refs = refs or resolve_refs(session, [order])
    refs.check(order, loc)
    serving = refs.stores[order.pincode]
    digest = request_hash(order)
    created_at = order.created_at or utcnow()
    order_pk = session.execute(
        insert(CustomerOrder)
        .values(
            order_id=order.order_id,
            pincode=order.pincode,
            store_id=serving.store_id if serving else None,
            created_at=created_at,
            request_hash=digest,
        )
        .on_conflict_do_nothing(index_elements=[CustomerOrder.order_id])
        .returning(CustomerOrder.id)
    ).scalar()
    if order_pk is None:
        existing = session.scalars(
            select(CustomerOrder).where(CustomerOrder.order_id == order.order_id)
        ).one()
        if existing.request_hash != digest:
            raise OrderConflict(order.order_id)
        return PlacedOrder(order_result(session, existing), created=False)

    fulfilled = [0] * len(order.lines)
    if serving:
        # Lock stock rows in SKU order so that concurrent orders cannot deadlock.
        for i in sorted(range(len(order.lines)), key=lambda i: refs.sku_ids[order.lines[i].sku]):
            line = order.lines[i]
            fulfilled[i] = take_available(
                session,
                serving.store_id,
                refs.sku_ids[line.sku],
                line.qty,
                reference=f"order:{order.order_id}",
            )
    session.execute(
        insert(OrderLine),
        [
            {
                "order_id": order_pk,
                "line_no": i,
                "sku_id": refs.sku_ids[line.sku],
                "requested": line.qty,
                "fulfilled": fulfilled[i],
                "lost": line.qty - fulfilled[i],
            }
            for i, line in enumerate(order.lines)
        ],
    )
    return PlacedOrder(
        OrderResult(
            order_id=order.order_id,
            store_code=serving.code if serving else None,
            pincode=order.pincode,
            created_at=created_at,
            lines=[
                OrderLineResult(sku=line.sku, requested=line.qty, fulfilled=done, lost=line.qty - done)
                for line, done in zip(order.lines, fulfilled, strict=True)
            ],
        ),
        created=True,
    )


def order_result(session: Session, order: CustomerOrder) -> OrderResult:
    store_code = (
        session.scalar(select(Store.code).where(Store.id == order.store_id)) if order.store_id else None
    )
    lines = session.execute(
        select(Sku.sku, OrderLine.requested, OrderLine.fulfilled, OrderLine.lost)
        .join(Sku, Sku.id == OrderLine.sku_id)
        .where(OrderLine.order_id == order.id)
        .order_by(OrderLine.line_no)
    )
    return OrderResult(
        order_id=order.order_id,
        store_code=store_code,
        pincode=order.pincode,
        created_at=order.created_at,
        lines=[OrderLineResult(sku=s, requested=r, fulfilled=f, lost=lo) for s, r, f, lo in lines],
    )


def get_order(session: Session, order_id: str) -> OrderResult:
    order = session.scalar(select(CustomerOrder).where(CustomerOrder.order_id == order_id))
    if order is None:
        raise NotFound(f"order {order_id!r} not found", loc=("path", "order_id"), value=order_id)
    return order_result(session, order)


_ORDER = TypeAdapter(OrderIn)


def parse_orders(items: Sequence[Any]) -> tuple[dict[int, OrderIn], dict[int, list[dict[str, Any]]]]:
    """Validate each item on its own: (valid orders by index, errors by index)."""
    valid: dict[int, OrderIn] = {}
    invalid: dict[int, list[dict[str, Any]]] = {}
    for index, item in enumerate(items):
        try:
            valid[index] = _ORDER.validate_python(item)
        except ValidationError as exc:
            invalid[index] = [
                {"loc": [index, *e["loc"]], "msg": e["msg"], "type": e["type"]}
                for e in exc.errors(include_url=False, include_input=False)
            ]
    return valid, invalid


def place_orders_bulk(session: Session, items: Sequence[Any]) -> BulkResult:
    """Each order all-or-nothing (a savepoint each); bad orders are reported by index and block nothing."""
    valid, invalid = parse_orders(items)
    refs = resolve_refs(session, list(valid.values()))
    lock_stock_for(session, list(valid.values()), refs)
    results: list[BulkItemResult] = []
    for index, item in enumerate(items):
        order = valid.get(index)
        if order is None:
            order_id = item.get("order_id") if isinstance(item, dict) else None
            results.append(
                BulkItemResult(
                    index=index,
                    order_id=order_id if isinstance(order_id, str) else None,
                    status="rejected",
                    errors=invalid[index],
                )
            )
            continue
        try:
            with session.begin_nested():
                placed = place_order(session, order, refs, loc=(index,))
        except DomainError as exc:
            results.append(
                BulkItemResult(index=index, order_id=order.order_id, status="rejected", errors=exc.details())
            )
            continue
        status = "created" if placed.created else "duplicate"
        results.append(
            BulkItemResult(index=index, order_id=order.order_id, status=status, order=placed.result)
        )
    return BulkResult(
        created=sum(r.status == "created" for r in results),
        duplicate=sum(r.status == "duplicate" for r in results),
        rejected=sum(r.status == "rejected" for r in results),
        results=results,
    )
