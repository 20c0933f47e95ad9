"""Hubs and restock plans as the API reads them; supplier receipts at a hub."""

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fastcommerce.catalog.models import Sku
from fastcommerce.db import count_rows
from fastcommerce.inventory.models import MovementKind, StockLevel
from fastcommerce.inventory.service import apply_movement, stock_item
from fastcommerce.replenishment.models import PlanStatus, RestockPlan, RestockPlanEvent, RestockPlanLine
from fastcommerce.replenishment.schemas import (
    HubPublic,
    HubReceipt,
    PlanEventPublic,
    PlanLinePublic,
    PlanPublic,
)
from fastcommerce.stores.models import Store, StoreKind
from fastcommerce.stores.service import get_hub


def list_hubs(session: Session, city: str | None = None) -> list[HubPublic]:
    query = select(Store).where(Store.kind == StoreKind.HUB).order_by(Store.city, Store.code)
    if city:
        query = query.where(Store.city == city)
    hubs = session.scalars(query).all()
    served: dict[int | None, list[str]] = defaultdict(list)
    for hub_id, code in session.execute(
        select(Store.hub_id, Store.code).where(Store.hub_id.is_not(None)).order_by(Store.code)
    ):
        served[hub_id].append(code)
    stock = dict(
        (hub_id, (skus, units))
        for hub_id, skus, units in session.execute(
            select(StockLevel.store_id, func.count(), func.coalesce(func.sum(StockLevel.on_hand), 0))
            .where(StockLevel.store_id.in_([h.id for h in hubs]))
            .group_by(StockLevel.store_id)
        )
    )
    promised = dict(
        session.execute(
            select(RestockPlan.hub_id, func.sum(RestockPlanLine.qty))
            .join(RestockPlanLine, RestockPlanLine.plan_id == RestockPlan.id)
            .where(RestockPlan.status == PlanStatus.APPROVED)
            .group_by(RestockPlan.hub_id)
        ).all()
    )
    return [
        HubPublic(
            code=h.code,
            name=h.name,
            city=h.city,
            lat=h.lat,
            lng=h.lng,
            stores=served[h.id],
            skus=stock.get(h.id, (0, 0))[0],
            units=int(stock.get(h.id, (0, 0))[1]),
            promised_units=int(promised.get(h.id, 0)),
        )
        for h in hubs
    ]


def receive_at_hub(session: Session, code: str, body: HubReceipt, actor: str) -> int:
    """A supplier's delivery to a hub; returns the hub's new on-hand of the SKU."""
    item = stock_item(session, get_hub(session, code), body.sku, ("body", "sku"))
    return apply_movement(
        session,
        item,
        MovementKind.RECEIPT,
        body.qty,
        body.reference or "supplier receipt",
        actor,
        ("body", "qty"),
    )


def plans_public(session: Session, plans: Sequence[RestockPlan], with_lines: bool = True) -> list[PlanPublic]:
    """Plans in the order given, with their lines and history (or only their totals)."""
    ids = [p.id for p in plans]
    codes = dict(
        session.execute(
            select(Store.id, Store.code).where(
                Store.id.in_({p.store_id for p in plans} | {p.hub_id for p in plans})
            )
        ).all()
    )
    totals: dict[int, tuple[int, int]] = {
        plan_id: (int(count), int(units))
        for plan_id, count, units in session.execute(
            select(RestockPlanLine.plan_id, func.count(), func.sum(RestockPlanLine.qty))
            .where(RestockPlanLine.plan_id.in_(ids))
            .group_by(RestockPlanLine.plan_id)
        )
    }
    lines: dict[int, list[PlanLinePublic]] = defaultdict(list)
    history: dict[int, list[PlanEventPublic]] = defaultdict(list)
    if with_lines:
        for line, sku in session.execute(
            select(RestockPlanLine, Sku.sku)
            .join(Sku, Sku.id == RestockPlanLine.sku_id)
            .where(RestockPlanLine.plan_id.in_(ids))
            .order_by(RestockPlanLine.plan_id, RestockPlanLine.qty.desc(), Sku.sku)
        ):
            lines[line.plan_id].append(
                PlanLinePublic.model_validate(
                    {c.key: getattr(line, c.key) for c in RestockPlanLine.__table__.columns} | {"sku": sku}
                )
            )
        for event in session.scalars(
            select(RestockPlanEvent).where(RestockPlanEvent.plan_id.in_(ids)).order_by(RestockPlanEvent.id)
        ):
            history[event.plan_id].append(
                PlanEventPublic(
                    status=PlanStatus(event.status), actor=event.actor, at=event.at, note=event.note
                )
            )
    return [
        PlanPublic(
            id=p.id,
            store_code=codes[p.store_id],
            hub_code=codes[p.hub_id],
            wave_at=p.wave_at,
            status=PlanStatus(p.status),
            created_at=p.created_at,
            updated_at=p.updated_at,
            line_count=totals.get(p.id, (0, 0))[0],
            units=totals.get(p.id, (0, 0))[1],
            lines=lines[p.id],
            history=history[p.id],
        )
        for p in plans
    ]


def plans_by_id(session: Session, ids: Sequence[int]) -> list[RestockPlan]:
    found = {p.id: p for p in session.scalars(select(RestockPlan).where(RestockPlan.id.in_(ids)))}
    return [found[i] for i in ids if i in found]


def list_plans(
    session: Session,
    status: PlanStatus | None,
    store: Store | None,
    limit: int,
    offset: int,
    with_lines: bool = True,
) -> tuple[list[PlanPublic], int]:
    """Newest wave first; a page and how many match."""
    query = select(RestockPlan)
    if status:
        query = query.where(RestockPlan.status == status)
    if store:
        query = query.where(RestockPlan.store_id == store.id)
    total = count_rows(session, query)
    plans = session.scalars(
        query.order_by(RestockPlan.wave_at.desc(), RestockPlan.id.desc()).limit(limit).offset(offset)
    ).all()
    return plans_public(session, plans, with_lines), total
