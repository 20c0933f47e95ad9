"""Stock changes. Every change of on-hand writes a ledger row in the same transaction, and takes the
row lock inside the statement that changes it: no read-then-write without a lock."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select, text, tuple_, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from fastcommerce.catalog.models import Sku
from fastcommerce.catalog.service import require_sku_id
from fastcommerce.errors import InsufficientStock, Loc
from fastcommerce.inventory.models import MovementKind, StockLevel, StockMovement
from fastcommerce.inventory.schemas import InventoryRow, MovementPublic
from fastcommerce.stores.models import Store


@dataclass(frozen=True)
class StockItem:
    """A (store, SKU) pair, with the codes used in error messages."""

    store_id: int
    sku_id: int
    store_code: str
    sku: str


LOCK_BATCH = 5_000

_TAKE_AVAILABLE = text(
    """
    WITH locked AS (
        SELECT store_id, sku_id, on_hand FROM stock_level
        WHERE store_id = :store_id AND sku_id = :sku_id AND on_hand > 0
        FOR UPDATE
    )
    UPDATE stock_level AS s
    SET on_hand = s.on_hand - LEAST(locked.on_hand, :requested), updated_at = now()
    FROM locked
    WHERE s.store_id = locked.store_id AND s.sku_id = locked.sku_id
    RETURNING LEAST(locked.on_hand, :requested)
    """
)


def lock_stock(session: Session, pairs: Iterable[tuple[int, int]]) -> None:
    """Lock the stock rows of these (store_id, sku_id) pairs in one global order, for work that changes many
    of them in one transaction (bulk orders, file imports); single orders lock in the same order."""
    wanted = sorted(set(pairs))
    for start in range(0, len(wanted), LOCK_BATCH):
        session.execute(
            select(StockLevel.store_id)
            .where(tuple_(StockLevel.store_id, StockLevel.sku_id).in_(wanted[start : start + LOCK_BATCH]))
            .order_by(StockLevel.store_id, StockLevel.sku_id)
            .with_for_update()
        ).all()


def take_available(session: Session, store_id: int, sku_id: int, requested: int, reference: str) -> int:
    """Take min(requested, on_hand) units as a sale; returns the units taken (0 when none are held)."""
    taken = session.execute(
        _TAKE_AVAILABLE, {"store_id": store_id, "sku_id": sku_id, "requested": requested}
    ).scalar()
    if not taken:
        return 0
    session.add(
        StockMovement(
            store_id=store_id, sku_id=sku_id, kind=MovementKind.SALE, qty=-taken, reference=reference
        )
    )
    return int(taken)


def apply_movement(
    session: Session, item: StockItem, kind: MovementKind, qty: int, reference: str, actor: str, loc: Loc
) -> int:
    """Add signed `qty` to on-hand and write the ledger row; returns the new on-hand.

    Raises InsufficientStock (nothing written) when `qty` would take on-hand below zero.
    """
    if qty > 0:
        upsert = insert(StockLevel).values(store_id=item.store_id, sku_id=item.sku_id, on_hand=qty)
        on_hand = session.execute(
            upsert.on_conflict_do_update(
                index_elements=[StockLevel.store_id, StockLevel.sku_id],
                set_={"on_hand": StockLevel.on_hand + upsert.excluded.on_hand, "updated_at": func.now()},
            ).returning(StockLevel.on_hand)
        ).scalar_one()
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
            held = session.scalar(
                select(StockLevel.on_hand).where(
                    StockLevel.store_id == item.store_id, StockLevel.sku_id == item.sku_id
                )
            )
            raise InsufficientStock(
                store_code=item.store_code, sku=item.sku, on_hand=held or 0, requested=-qty, loc=loc
            )
        on_hand = taken
    session.add(
        StockMovement(
            store_id=item.store_id, sku_id=item.sku_id, kind=kind, qty=qty, reference=reference, actor=actor
        )
    )
    return int(on_hand)


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


def list_inventory(
    session: Session, store_id: int, category: str | None, below_reorder_point: bool, limit: int, offset: int
) -> tuple[list[InventoryRow], int]:
    query = (
        select(StockLevel, Sku).join(Sku, Sku.id == StockLevel.sku_id).where(StockLevel.store_id == store_id)
    )
    if category:
        query = query.where(Sku.category == category)
    if below_reorder_point:
        query = query.where(
            StockLevel.reorder_point.is_not(None), StockLevel.on_hand <= StockLevel.reorder_point
        )
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.execute(query.order_by(Sku.sku).limit(limit).offset(offset))
    return [
        InventoryRow(
            sku=sku.sku,
            name=sku.name,
            category=sku.category,
            on_hand=level.on_hand,
            reorder_point=level.reorder_point,
            max_stock=level.max_stock,
            updated_at=level.updated_at,
        )
        for level, sku in rows
    ], total


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
