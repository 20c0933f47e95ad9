"""Order ingestion: fulfil each line from the serving store's stock; the unfilled rest is lost demand.

One engine serves a single order, a bulk request, a file import and the simulator: it resolves what the
orders name, records each order once (idempotent by order_id), locks the stock rows it takes from in one
global order, allocates in memory, and writes lines, sales and ledger rows set-wise; then it announces what
it placed (`orders/events.py`) to the demand rollups and the live stream, in the same transaction.
"""

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property
from typing import Any, NamedTuple

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from fastcommerce.catalog.models import Sku
from fastcommerce.db import insert_rows, pipelined, row_source, run, utcnow
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
from fastcommerce.inventory.service import HeldStock, Sale, lock_levels, record_sales
from fastcommerce.orders.events import LinePlaced, OrdersPlaced, StockTaken, announce
from fastcommerce.orders.models import CustomerOrder, OrderLine
from fastcommerce.orders.schemas import BulkItemResult, BulkResult, OrderIn, OrderLineResult, OrderResult
from fastcommerce.stores.models import Store


class ServingStore(NamedTuple):
    store_id: int
    code: str


class SkuRef(NamedTuple):
    sku_id: int
    price_paise: int


@dataclass(frozen=True)
class OrderRefs:
    """What the orders name, resolved once: SKUs, and each known pincode's serving store and city."""

    skus: dict[str, SkuRef]
    stores: dict[int, ServingStore | None]
    cities: dict[int, str]

    def check(self, order: OrderIn, loc: Loc) -> None:
        errors: list[InvalidReference] = []
        if order.pincode not in self.stores:
            errors.append(UnknownPincode(order.pincode, loc=(*loc, "pincode")))
        errors.extend(
            UnknownSku(line.sku, loc=(*loc, "lines", i, "sku"))
            for i, line in enumerate(order.lines)
            if line.sku not in self.skus
        )
        if errors:
            raise errors[0] if len(errors) == 1 else InvalidReferences(errors)


ORDER_ACTOR = "order"  # the actor of orders placed by no API caller: the simulation, imports
_PLACES = """
    SELECT p.pincode, p.city, s.id, s.code FROM pincode p
    LEFT JOIN service_area a ON a.pincode = p.pincode LEFT JOIN store s ON s.id = a.store_id
    WHERE p.pincode = ANY(:pincodes)
"""
_SKUS = "SELECT sku, id, price_paise FROM sku WHERE sku = ANY(:skus)"


def resolve_refs(session: Session, orders: Sequence[OrderIn]) -> OrderRefs:
    places = run(session, _PLACES, {"pincodes": list({o.pincode for o in orders})}).fetchall()
    skus = run(session, _SKUS, {"skus": list({line.sku for o in orders for line in o.lines})})
    return OrderRefs(
        {code: SkuRef(sku_id, price) for code, sku_id, price in skus},
        {pin: ServingStore(sid, code) if sid is not None else None for pin, _, sid, code in places},
        {pin: city for pin, city, _, _ in places},
    )


def request_hash(order: OrderIn) -> str:
    canonical = json.dumps(order.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


class LineOutcome(NamedTuple):
    sku: str
    requested: int
    fulfilled: int
    lost: int


@dataclass(frozen=True)
class PlacedOrder:
    """An order as placed; `created` is False for a retry of an order placed before."""

    order_id: str
    store_code: str | None
    pincode: int
    created_at: datetime
    lines: tuple[LineOutcome, ...]
    created: bool

    @cached_property
    def result(self) -> OrderResult:
        """The API's shape, built only when asked for (bulk ingestion rarely needs it)."""
        return OrderResult(
            order_id=self.order_id,
            store_code=self.store_code,
            pincode=self.pincode,
            created_at=self.created_at,
            lines=[OrderLineResult(**line._asdict()) for line in self.lines],
        )

    @classmethod
    def of(cls, result: OrderResult, created: bool) -> "PlacedOrder":
        lines = tuple(LineOutcome(x.sku, x.requested, x.fulfilled, x.lost) for x in result.lines)
        return cls(result.order_id, result.store_code, result.pincode, result.created_at, lines, created)


Outcome = PlacedOrder | DomainError


def place_order(session: Session, order: OrderIn, actor: str) -> PlacedOrder:
    """Place one order. A retry with the same body returns the first result and changes nothing; the same
    order_id with another body raises OrderConflict; unknown references raise InvalidReference."""
    [outcome] = place_single_orders(session, [order], [actor])
    if isinstance(outcome, DomainError):
        raise outcome
    return outcome


def place_single_orders(session: Session, orders: Sequence[OrderIn], actors: Sequence[str]) -> list[Outcome]:
    """Orders each sent alone (by `actors`, one each), placed together (`batching.py`); an order's errors
    point into its own body."""
    return ingest(session, orders, [("body",)] * len(orders), actor=actors)


def ingest(
    session: Session,
    orders: Sequence[OrderIn],
    locs: Sequence[Loc] | None = None,
    *,
    actor: str | Sequence[str] = ORDER_ACTOR,
) -> list[Outcome]:
    """Place many orders in the caller's transaction; one outcome per order, in order. `actor`: who placed
    them (one for all, or one per order), on their sale movements (the API's caller; the simulation and
    imports place them as "order").

    Each order is all-or-nothing: an order with an error writes nothing and blocks no other.
    """
    locs = locs or [(i,) for i in range(len(orders))]
    actors = [actor] * len(orders) if isinstance(actor, str) else actor
    refs = resolve_refs(session, orders)
    digests = [request_hash(o) for o in orders]
    outcomes: dict[int, Outcome] = {}
    first_of: dict[str, int] = {}
    repeats: list[int] = []
    for i, order in enumerate(orders):
        try:
            refs.check(order, locs[i])
        except InvalidReference as error:
            outcomes[i] = error
            continue
        if first_of.setdefault(order.order_id, i) != i:
            repeats.append(i)

    now = utcnow()
    created_at = {i: orders[i].created_at or now for i in first_of.values()}
    firsts = list(first_of.values())
    keys = _insert_orders(session, [(orders[i], digests[i], created_at[i]) for i in firsts], refs)
    stored = [i for i in firsts if orders[i].order_id not in keys]
    outcomes.update(_against_stored(session, orders, digests, stored, locs))
    new = [i for i in sorted(first_of.values()) if orders[i].order_id in keys]
    outcomes.update(_fulfil(session, [(i, orders[i], created_at[i], actors[i]) for i in new], keys, refs))
    for i in repeats:
        first = first_of[orders[i].order_id]
        if digests[first] != digests[i]:
            outcomes[i] = OrderConflict(orders[i].order_id, loc=(*locs[i], "order_id"))
        else:
            earlier = outcomes[first]
            outcomes[i] = replace(earlier, created=False) if isinstance(earlier, PlacedOrder) else earlier
    return [outcomes[i] for i in range(len(orders))]


ORDER_COLUMNS = (
    ("order_id", "varchar"),
    ("pincode", "int4"),
    ("store_id", "int4"),
    ("created_at", "timestamptz"),
    ("request_hash", "varchar"),
)


def _insert_orders(
    session: Session, rows: Sequence[tuple[OrderIn, str, datetime]], refs: OrderRefs
) -> dict[str, int]:
    """Insert the orders not placed before; returns order_id -> key for those inserted now. Rows go in
    order_id order, so that concurrent batches wait on each other's ids in one order."""
    if not rows:
        return {}
    source, params = row_source(
        session,
        "customer_order",
        ORDER_COLUMNS,
        [
            (
                order.order_id,
                order.pincode,
                store.store_id if (store := refs.stores[order.pincode]) else None,
                at,
                digest,
            )
            for order, digest, at in rows
        ],
    )
    inserted = run(
        session,
        f"INSERT INTO customer_order (order_id, pincode, store_id, created_at, received_at, request_hash)"
        f" SELECT order_id, pincode, store_id, created_at, now(), request_hash FROM {source}"
        f" ORDER BY order_id ON CONFLICT (order_id) DO NOTHING RETURNING order_id, id",
        params,
    )
    return {order_id: key for order_id, key in inserted}


def _against_stored(
    session: Session,
    orders: Sequence[OrderIn],
    digests: Sequence[str],
    indexes: Sequence[int],
    locs: Sequence[Loc],
) -> dict[int, Outcome]:
    """Orders whose order_id was placed before: the first result if the body is the same, else a conflict."""
    if not indexes:
        return {}
    stored = {
        order_id: (key, digest)
        for order_id, key, digest in session.execute(
            select(CustomerOrder.order_id, CustomerOrder.id, CustomerOrder.request_hash).where(
                CustomerOrder.order_id.in_([orders[i].order_id for i in indexes])
            )
        )
    }
    same = [i for i in indexes if stored[orders[i].order_id][1] == digests[i]]
    results = load_results(session, [stored[orders[i].order_id][0] for i in same])
    outcomes: dict[int, Outcome] = {
        i: OrderConflict(orders[i].order_id, loc=(*locs[i], "order_id")) for i in indexes if i not in same
    }
    outcomes.update({i: PlacedOrder.of(results[stored[orders[i].order_id][0]], created=False) for i in same})
    return outcomes


ORDER_LINE_COLUMNS = (
    ("order_id", "int8"),
    ("line_no", "int4"),
    ("sku_id", "int4"),
    ("requested", "int4"),
    ("fulfilled", "int4"),
    ("lost", "int4"),
    ("revenue_paise", "int8"),
    ("created_at", "timestamptz"),
    ("pincode", "int4"),
    ("store_id", "int4"),
)


def _fulfil(
    session: Session,
    new: Sequence[tuple[int, OrderIn, datetime, str]],
    keys: dict[str, int],
    refs: OrderRefs,
) -> dict[int, PlacedOrder]:
    """Allocate stock to the new orders (each with its time and actor) in their batch order and write
    everything they change."""
    pairs = {
        (serving.store_id, refs.skus[line.sku].sku_id)
        for _, order, _, _ in new
        if (serving := refs.stores[order.pincode])
        for line in order.lines
    }
    held = lock_levels(session, pairs)
    before = {pair: stock.on_hand for pair, stock in held.items()}
    rows: list[tuple[Any, ...]] = []
    sales: list[Sale] = []
    placed_lines: list[LinePlaced] = []
    placed: dict[int, PlacedOrder] = {}
    for i, order, at, actor in new:
        serving = refs.stores[order.pincode]
        store_id = serving.store_id if serving else None
        key = keys[order.order_id]
        lines = []
        for line_no, line in enumerate(order.lines):
            sku = refs.skus[line.sku]
            taken = _take(held.get((store_id, sku.sku_id)) if store_id else None, line.qty)
            if taken and store_id:
                sales.append(Sale(store_id, sku.sku_id, taken, f"order:{order.order_id}", at, actor))
            revenue = taken * sku.price_paise
            lost = line.qty - taken
            rows.append(
                (key, line_no, sku.sku_id, line.qty, taken, lost, revenue, at, order.pincode, store_id)
            )
            placed_lines.append(
                LinePlaced(
                    key,
                    at,
                    refs.cities[order.pincode],
                    order.pincode,
                    store_id,
                    sku.sku_id,
                    line.qty,
                    lost,
                    revenue,
                )
            )
            lines.append(LineOutcome(line.sku, line.qty, taken, lost))
        placed[i] = PlacedOrder(
            order.order_id, serving.code if serving else None, order.pincode, at, tuple(lines), created=True
        )
    store_codes = {s.store_id: s.code for s in refs.stores.values() if s}
    sku_codes = {ref.sku_id: code for code, ref in refs.skus.items()}
    stock = [
        StockTaken(
            store_codes[store_id],
            sku_codes[sku_id],
            before[(store_id, sku_id)],
            level.on_hand,
            level.reorder_point,
        )
        for (store_id, sku_id), level in held.items()
        if level.on_hand != before[(store_id, sku_id)]
    ]
    with pipelined(session, len(rows)):
        record_sales(session, sales)
        if rows:
            insert_rows(session, "order_line", ORDER_LINE_COLUMNS, rows)
        announce(session, OrdersPlaced(placed_lines, stock))
    return placed


def _take(stock: HeldStock | None, requested: int) -> int:
    if stock is None:
        return 0
    taken = min(requested, stock.on_hand)
    stock.on_hand -= taken
    return taken


def load_results(session: Session, keys: Sequence[int]) -> dict[int, OrderResult]:
    """Stored orders by key, as the API returns them."""
    if not keys:
        return {}
    orders = session.execute(
        select(CustomerOrder, Store.code)
        .outerjoin(Store, Store.id == CustomerOrder.store_id)
        .where(CustomerOrder.id.in_(keys))
    ).all()
    lines: dict[int, list[OrderLineResult]] = {key: [] for key in keys}
    for key, sku, requested, fulfilled, lost in session.execute(
        select(OrderLine.order_id, Sku.sku, OrderLine.requested, OrderLine.fulfilled, OrderLine.lost)
        .join(Sku, Sku.id == OrderLine.sku_id)
        .where(OrderLine.order_id.in_(keys))
        .order_by(OrderLine.order_id, OrderLine.line_no)
    ):
        lines[key].append(OrderLineResult(sku=sku, requested=requested, fulfilled=fulfilled, lost=lost))
    return {
        order.id: OrderResult(
            order_id=order.order_id,
            store_code=store_code,
            pincode=order.pincode,
            created_at=order.created_at,
            lines=lines[order.id],
        )
        for order, store_code in orders
    }


def get_order(session: Session, order_id: str) -> OrderResult:
    key = session.scalar(select(CustomerOrder.id).where(CustomerOrder.order_id == order_id))
    if key is None:
        raise NotFound(f"order {order_id!r} not found", loc=("path", "order_id"), value=order_id)
    return load_results(session, [key])[key]


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


def place_orders_bulk(session: Session, items: Sequence[Any], actor: str) -> BulkResult:
    """Each order all-or-nothing; bad orders are reported by index and block nothing."""
    valid, invalid = parse_orders(items)
    indexes = sorted(valid)
    placed = ingest(session, [valid[i] for i in indexes], [(i,) for i in indexes], actor=actor)
    outcomes = dict(zip(indexes, placed, strict=True))
    results = []
    for index, item in enumerate(items):
        outcome = outcomes.get(index)
        if isinstance(outcome, PlacedOrder):
            status = "created" if outcome.created else "duplicate"
            results.append(
                BulkItemResult(
                    index=index, order_id=valid[index].order_id, status=status, order=outcome.result
                )
            )
            continue
        errors = outcome.details() if outcome is not None else invalid[index]
        order_id = item.get("order_id") if isinstance(item, dict) else None
        results.append(
            BulkItemResult(
                index=index,
                order_id=order_id if isinstance(order_id, str) else None,
                status="rejected",
                errors=errors,
            )
        )
    return BulkResult(
        created=sum(r.status == "created" for r in results),
        duplicate=sum(r.status == "duplicate" for r in results),
        rejected=sum(r.status == "rejected" for r in results),
        results=results,
    )
