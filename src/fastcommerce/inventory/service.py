"""Stock changes. Every change of on-hand writes a ledger row in the same transaction, and happens under
the row's lock (taken by the changing statement, or by `lock_levels` first): no read-then-write unlocked."""

import csv
import io
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, or_, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import InstrumentedAttribute, Session

from fastcommerce.bounds import INT4_MAX
from fastcommerce.catalog.models import Sku
from fastcommerce.catalog.service import require_sku_id
from fastcommerce.db import copy_rows, count_rows, insert_rows, run, sort_order, utcnow
from fastcommerce.errors import InsufficientStock, Loc, StockLimitExceeded
from fastcommerce.inventory.models import MovementKind, StockLevel, StockMovement
from fastcommerce.inventory.schemas import (
    InventoryFilter,
    InventoryPageQuery,
    InventoryRow,
    MovementPublic,
    StockHealth,
)
from fastcommerce.stores.models import Store, StoreKind


@dataclass(frozen=True)
class StockItem:
    """A (store, SKU) pair, with the codes used in error messages."""

    store_id: int
    sku_id: int
    store_code: str
    sku: str


@dataclass
class HeldStock:
    on_hand: int
    reorder_point: int | None


@dataclass(frozen=True)
class Sale:
    store_id: int
    sku_id: int
    qty: int
    reference: str
    created_at: datetime
    actor: str  # who sold it: the API's caller, or "order" for the simulation and imports


def lock_levels(session: Session, pairs: Iterable[tuple[int, int]]) -> dict[tuple[int, int], HeldStock]:
    """Lock the stock rows of these (store_id, sku_id) pairs, in that global order (so that concurrent
    writers cannot deadlock), and return what they hold. A pair with no row holds nothing."""
    wanted = sorted(set(pairs))
    if not wanted:
        return {}
    rows = run(
        session, _LOCK_LEVELS, {"store_ids": [p[0] for p in wanted], "sku_ids": [p[1] for p in wanted]}
    )
    return {(store_id, sku_id): HeldStock(on_hand, reorder) for store_id, sku_id, on_hand, reorder in rows}


_LOCK_LEVELS = """
    SELECT l.store_id, l.sku_id, l.on_hand, l.reorder_point
    FROM stock_level l
    JOIN unnest(CAST(:store_ids AS int[]), CAST(:sku_ids AS int[])) AS w(store_id, sku_id)
      ON l.store_id = w.store_id AND l.sku_id = w.sku_id
    ORDER BY l.store_id, l.sku_id
    FOR UPDATE OF l
"""

_TAKE = """
    UPDATE stock_level AS l SET on_hand = l.on_hand - t.qty, updated_at = now()
    FROM unnest(CAST(:store_ids AS int[]), CAST(:sku_ids AS int[]), CAST(:qty AS int[]))
         AS t(store_id, sku_id, qty)
    WHERE l.store_id = t.store_id AND l.sku_id = t.sku_id
"""


MOVEMENT_COLUMNS = (
    ("store_id", "int4"),
    ("sku_id", "int4"),
    ("kind", "varchar"),
    ("qty", "int4"),
    ("reference", "varchar"),
    ("actor", "varchar"),
    ("created_at", "timestamptz"),
)


def record_sales(session: Session, sales: Sequence[Sale]) -> None:
    """Take sold units off on-hand (rows locked by `lock_levels`) and write one sale movement each."""
    if not sales:
        return
    totals: dict[tuple[int, int], int] = defaultdict(int)
    for sale in sales:
        totals[(sale.store_id, sale.sku_id)] += sale.qty
    pairs = sorted(totals)
    run(
        session,
        _TAKE,
        {
            "store_ids": [p[0] for p in pairs],
            "sku_ids": [p[1] for p in pairs],
            "qty": [totals[p] for p in pairs],
        },
    )
    insert_rows(
        session,
        "stock_movement",
        MOVEMENT_COLUMNS,
        [
            (s.store_id, s.sku_id, MovementKind.SALE.value, -s.qty, s.reference, s.actor, s.created_at)
            for s in sales
        ],
    )


def apply_movement(
    session: Session, item: StockItem, kind: MovementKind, qty: int, reference: str, actor: str, loc: Loc
) -> int:
    """Add signed `qty` to on-hand and write the ledger row; returns the new on-hand.

    Raises InsufficientStock (nothing written) when `qty` would take on-hand below zero, StockLimitExceeded
    when past what the column holds.
    """
    if qty > 0:
        upsert = insert(StockLevel).values(store_id=item.store_id, sku_id=item.sku_id, on_hand=qty)
        added = session.execute(
            upsert.on_conflict_do_update(
                index_elements=[StockLevel.store_id, StockLevel.sku_id],
                set_={"on_hand": StockLevel.on_hand + upsert.excluded.on_hand, "updated_at": func.now()},
                where=StockLevel.on_hand <= INT4_MAX - qty,
            ).returning(StockLevel.on_hand)
        ).scalar()
        if added is None:
            raise StockLimitExceeded(
                store_code=item.store_code,
                sku=item.sku,
                on_hand=_held(session, item),
                added=qty,
                limit=INT4_MAX,
                loc=loc,
            )
        on_hand = added
    else:
        taken = session.execute(
            update(StockLevel)
            .where(
                StockLevel.store_id == item.store_id,
                StockLevel.sku_id == item.sku_id,
                StockLevel.on_hand >= -qty,
            )
            .values(on_hand=StockLevel.on_hand + qty, updated_at=func.now())
            .returning(StockLevel.on_hand)
        ).scalar()
        if taken is None:
            raise InsufficientStock(
                store_code=item.store_code,
                sku=item.sku,
                on_hand=_held(session, item),
                requested=-qty,
                loc=loc,
            )
        on_hand = taken
    session.add(
        StockMovement(
            store_id=item.store_id, sku_id=item.sku_id, kind=kind, qty=qty, reference=reference, actor=actor
        )
    )
    return int(on_hand)


def _held(session: Session, item: StockItem) -> int:
    held = session.scalar(
        select(StockLevel.on_hand).where(
            StockLevel.store_id == item.store_id, StockLevel.sku_id == item.sku_id
        )
    )
    return held or 0


_ADD_MANY = text(
    """
    INSERT INTO stock_level AS l (store_id, sku_id, on_hand, updated_at)
    SELECT :store_id, t.sku_id, t.qty, now()
    FROM unnest(CAST(:sku_ids AS int[]), CAST(:qty AS int[])) AS t(sku_id, qty)
    ON CONFLICT (store_id, sku_id) DO UPDATE SET on_hand = l.on_hand + EXCLUDED.on_hand, updated_at = now()
    """
)
_TAKE_MANY = text(
    """
    UPDATE stock_level AS l SET on_hand = l.on_hand + t.qty, updated_at = now()
    FROM unnest(CAST(:sku_ids AS int[]), CAST(:qty AS int[])) AS t(sku_id, qty)
    WHERE l.store_id = :store_id AND l.sku_id = t.sku_id
    """
)


def move_many(
    session: Session,
    store_id: int,
    store_code: str,
    moves: Sequence[tuple[int, str, int]],
    kind: MovementKind,
    reference: str,
    actor: str,
    loc: Callable[[int], Loc],
    at: datetime | None = None,
) -> None:
    """Add signed quantities of several SKUs at one place, set-wise: `moves` are (sku_id, sku, qty), all of
    one sign, the ledger rows stamped `at` (default now). Raises InsufficientStock for the first one that
    would go below zero (at `loc(index)`), StockLimitExceeded for one past what the column holds, having
    written nothing."""
    moves = [m for m in moves if m[2]]
    if not moves:
        return
    held = lock_levels(session, ((store_id, sku_id) for sku_id, _, _ in moves))
    for n, (sku_id, sku, qty) in enumerate(moves):
        on_hand = held[(store_id, sku_id)].on_hand if (store_id, sku_id) in held else 0
        if on_hand + qty < 0:
            raise InsufficientStock(
                store_code=store_code, sku=sku, on_hand=on_hand, requested=-qty, loc=loc(n)
            )
        if on_hand + qty > INT4_MAX:
            raise StockLimitExceeded(
                store_code=store_code, sku=sku, on_hand=on_hand, added=qty, limit=INT4_MAX, loc=loc(n)
            )
    session.execute(
        _ADD_MANY if moves[0][2] > 0 else _TAKE_MANY,
        {"store_id": store_id, "sku_ids": [m[0] for m in moves], "qty": [m[2] for m in moves]},
    )
    stamp = at or utcnow()
    copy_rows(
        session,
        "stock_movement",
        MOVEMENT_COLUMNS,
        ((store_id, sku_id, kind.value, qty, reference, actor, stamp) for sku_id, _, qty in moves),
    )


def set_on_hand(
    session: Session,
    item: StockItem,
    counted: int,
    reference: str,
    actor: str,
    reorder_point: int | None = None,
    max_stock: int | None = None,
) -> int:
    """Record a stock count: adjust on-hand to `counted` through the ledger; returns the adjustment."""
    session.execute(
        insert(StockLevel)
        .values(store_id=item.store_id, sku_id=item.sku_id, on_hand=0)
        .on_conflict_do_nothing()
    )
    level = session.execute(
        select(StockLevel)
        .where(StockLevel.store_id == item.store_id, StockLevel.sku_id == item.sku_id)
        .with_for_update()
    ).scalar_one()
    delta = counted - level.on_hand
    if delta:
        level.on_hand = counted
        session.add(
            StockMovement(
                store_id=item.store_id,
                sku_id=item.sku_id,
                kind=MovementKind.ADJUSTMENT,
                qty=delta,
                reference=reference,
                actor=actor,
            )
        )
    if reorder_point is not None:
        level.reorder_point = reorder_point
    if max_stock is not None:
        level.max_stock = max_stock
    return delta


def transfer(
    session: Session, source: StockItem, destination: StockItem, qty: int, reference: str, actor: str
) -> dict[int, int]:
    """Move units between stores in one transaction; returns the new on-hand per store id.
    Rows are locked in store order so that opposite transfers cannot deadlock."""
    legs = sorted(
        [
            (source, MovementKind.TRANSFER_OUT, -qty, ("body", "qty")),
            (destination, MovementKind.TRANSFER_IN, qty, ("body", "to_store")),
        ],
        key=lambda leg: leg[0].store_id,
    )
    return {
        item.store_id: apply_movement(session, item, kind, signed_qty, reference, actor, loc)
        for item, kind, signed_qty, loc in legs
    }


_SORT_COLUMNS: dict[str, InstrumentedAttribute[Any]] = {
    "sku": Sku.sku,
    "name": Sku.name,
    "category": Sku.category,
    "on_hand": StockLevel.on_hand,
    "reorder_point": StockLevel.reorder_point,
    "max_stock": StockLevel.max_stock,
    "updated_at": StockLevel.updated_at,
}

INVENTORY_CSV_COLUMNS = tuple(InventoryRow.model_fields)


def _inventory_query(store_id: int, where: InventoryFilter) -> Select[*tuple[Any, ...]]:
    """The stock rows of a store that `where` selects, in its order (rows without a value last, then by
    sku): the one query behind the inventory list and its CSV."""
    query = (
        select(
            Sku.sku,
            Sku.name,
            Sku.category,
            StockLevel.on_hand,
            StockLevel.reorder_point,
            StockLevel.max_stock,
            StockLevel.updated_at,
        )
        .join(Sku, Sku.id == StockLevel.sku_id)
        .where(StockLevel.store_id == store_id)
    )
    if where.q and (q := where.q.strip()):
        query = query.where(
            or_(Sku.sku.icontains(q, autoescape=True), Sku.name.icontains(q, autoescape=True))
        )
    if where.category:
        query = query.where(Sku.category == where.category)
    if where.below_reorder_point:
        query = query.where(
            StockLevel.reorder_point.is_not(None), StockLevel.on_hand <= StockLevel.reorder_point
        )
    if where.out_of_stock:
        query = query.where(StockLevel.on_hand == 0)
    ties = [Sku.sku] if where.sort.removeprefix("-") != "sku" else []
    return query.order_by(sort_order(where.sort, _SORT_COLUMNS), *ties)


def list_inventory(
    session: Session, store_id: int, page: InventoryPageQuery
) -> tuple[list[InventoryRow], int]:
    """A page of the store's stock rows and how many there are in all."""
    query = _inventory_query(store_id, page)
    total = count_rows(session, query)
    rows = session.execute(query.limit(page.limit).offset(page.offset))
    return [InventoryRow.model_validate(row._mapping) for row in rows], total


def inventory_csv(session: Session, store_id: int, where: InventoryFilter) -> str:
    """Every stock row `where` selects, as CSV: a header row (the JSON rows' fields), then one row each
    (empty for no value, times in ISO 8601)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(INVENTORY_CSV_COLUMNS)
    for row in session.execute(_inventory_query(store_id, where)):
        values = (row._mapping[column] for column in INVENTORY_CSV_COLUMNS)
        writer.writerow(
            "" if value is None else value.isoformat() if isinstance(value, datetime) else value
            for value in values
        )
    return out.getvalue()


def stock_health(session: Session, city: str | None) -> list[StockHealth]:
    """Per store (of `city`), by store code: SKUs kept, at or below their reorder point, out of stock."""
    query = (
        select(
            Store.code.label("store_code"),
            Store.city,
            func.count(StockLevel.sku_id).label("skus"),
            func.count()
            .filter(StockLevel.reorder_point.is_not(None), StockLevel.on_hand <= StockLevel.reorder_point)
            .label("below_reorder_point"),
            func.count().filter(StockLevel.on_hand == 0).label("out_of_stock"),
        )
        .outerjoin(StockLevel, StockLevel.store_id == Store.id)
        .where(Store.kind == StoreKind.DARK_STORE)
        .group_by(Store.id)
        .order_by(Store.code)
    )
    if city:
        query = query.where(Store.city == city)
    return [StockHealth.model_validate(row._mapping) for row in session.execute(query)]


def list_movements(
    session: Session, store_id: int, sku_id: int | None, before_id: int | None, limit: int
) -> Sequence[MovementPublic]:
    """Newest first; page with `before_id` = the last id of the previous page."""
    query = (
        select(StockMovement, Sku.sku)
        .join(Sku, Sku.id == StockMovement.sku_id)
        .where(StockMovement.store_id == store_id)
        .order_by(StockMovement.id.desc())
        .limit(limit)
    )
    if sku_id is not None:
        query = query.where(StockMovement.sku_id == sku_id)
    if before_id is not None:
        query = query.where(StockMovement.id < before_id)
    return [
        MovementPublic(
            id=m.id,
            sku=sku,
            kind=MovementKind(m.kind),
            qty=m.qty,
            reference=m.reference,
            actor=m.actor,
            created_at=m.created_at,
        )
        for m, sku in session.execute(query)
    ]


def stock_item(session: Session, store: Store, sku: str, sku_loc: Loc) -> StockItem:
    return StockItem(store.id, require_sku_id(session, sku, sku_loc), store.code, sku)
