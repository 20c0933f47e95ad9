"""A restock plan's life: draft → approved → dispatched → (partially received →) closed, or cancelled from
draft or approved. Each transition is recorded with who and when; stock moves through the ledger: the hub's
units leave at dispatch (a transfer out), the store's arrive at each receipt (a transfer in).

Approval promises hub stock: a plan is approved only if the hub holds its units beyond what approved plans
already promised, checked under the hub rows' locks (so concurrent approvals cannot promise a unit twice).
Closing a plan settles what never arrived: written off (lost on the way) or back-ordered (returned to the
hub's stock, for the next wave's plan to send again).
"""

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from fastcommerce.catalog.models import Sku
from fastcommerce.db import utcnow
from fastcommerce.errors import HubShortage, IllegalTransition, InvalidQuantity, NotFound, UnknownSku
from fastcommerce.inventory.models import MovementKind
from fastcommerce.inventory.service import lock_levels, move_many
from fastcommerce.replenishment.models import PlanStatus, RestockPlan, RestockPlanEvent, RestockPlanLine
from fastcommerce.stores.models import Store

AUTO_APPROVER = "auto-approve"


class Remainder(enum.StrEnum):
    """What becomes of dispatched units that never arrived when a plan is closed."""

    WRITE_OFF = "write_off"
    BACK_ORDER = "back_order"


@dataclass(frozen=True)
class Actor:
    """Who makes a transition, and when (now, but the simulation's trucks act in simulated time)."""

    name: str
    at: datetime

    @classmethod
    def now(cls, name: str) -> "Actor":
        return cls(name, utcnow())


@dataclass(frozen=True)
class Receipt:
    sku: str
    qty: int


def record(session: Session, plan: RestockPlan, status: PlanStatus, actor: Actor, note: str = "") -> None:
    plan.status = status
    plan.updated_at = actor.at
    session.add(
        RestockPlanEvent(plan_id=plan.id, status=status, actor=actor.name, note=note[:200], at=actor.at)
    )


def get_plan(session: Session, plan_id: int, lock: bool = False) -> RestockPlan:
    query = select(RestockPlan).where(RestockPlan.id == plan_id)
    plan = session.scalar(query.with_for_update() if lock else query)
    if plan is None:
        raise NotFound(f"restock plan {plan_id} not found", loc=("path", "id"), value=plan_id)
    return plan


def _require(plan: RestockPlan, action: str, allowed: Sequence[PlanStatus]) -> None:
    if plan.status not in allowed:
        raise IllegalTransition("restock plan", plan.id, plan.status, action, [s.value for s in allowed])


def _lines(session: Session, plan: RestockPlan) -> list[tuple[RestockPlanLine, str]]:
    return [
        (line, sku)
        for line, sku in session.execute(
            select(RestockPlanLine, Sku.sku)
            .join(Sku, Sku.id == RestockPlanLine.sku_id)
            .where(RestockPlanLine.plan_id == plan.id)
            .order_by(RestockPlanLine.sku_id)
        )
    ]


_PROMISED = text(
    """
    SELECT pl.sku_id, SUM(pl.qty) FROM restock_plan p JOIN restock_plan_line pl ON pl.plan_id = p.id
    WHERE p.hub_id = :hub_id AND p.status = 'approved' AND p.id <> :plan_id AND pl.sku_id = ANY(:sku_ids)
    GROUP BY pl.sku_id
    """
)


def approve(session: Session, plan: RestockPlan, actor: Actor) -> None:
    """draft → approved, if the hub holds every line's units beyond what approved plans promised."""
    _require(plan, "approved", [PlanStatus.DRAFT])
    lines = [(line, sku) for line, sku in _lines(session, plan) if line.qty > 0]
    sku_ids = [line.sku_id for line, _ in lines]
    held = lock_levels(session, ((plan.hub_id, sku_id) for sku_id in sku_ids))
    promised: dict[int, int] = dict(
        session.execute(_PROMISED, {"hub_id": plan.hub_id, "plan_id": plan.id, "sku_ids": sku_ids}).all()
    )
    hub_code = _code(session, plan.hub_id)
    for n, (line, sku) in enumerate(lines):
        stock = held.get((plan.hub_id, line.sku_id))
        available = (stock.on_hand if stock else 0) - int(promised.get(line.sku_id, 0))
        if line.qty > available:
            raise HubShortage(
                hub_code=hub_code,
                sku=sku,
                available=max(available, 0),
                requested=line.qty,
                loc=("lines", n, "qty"),
            )
    record(session, plan, PlanStatus.APPROVED, actor)


def try_auto_approve(session: Session, plan: RestockPlan, at: datetime) -> bool:
    """Approve for a store that approves its plans automatically; a plan the hub cannot cover stays a
    draft."""
    try:
        with session.begin_nested():
            approve(session, plan, Actor(AUTO_APPROVER, at))
    except HubShortage:
        return False
    return True


def dispatch(session: Session, plan: RestockPlan, actor: Actor) -> None:
    """approved → dispatched: every line's units leave the hub (a transfer out each)."""
    _require(plan, "dispatched", [PlanStatus.APPROVED])
    lines = _lines(session, plan)
    move_many(
        session,
        plan.hub_id,
        _code(session, plan.hub_id),
        [(line.sku_id, sku, -line.qty) for line, sku in lines],
        MovementKind.TRANSFER_OUT,
        _reference(plan),
        actor.name,
        lambda n: ("lines", n, "qty"),
        at=actor.at,
    )
    for line, _ in lines:
        line.dispatched = line.qty
    record(session, plan, PlanStatus.DISPATCHED, actor)


def cancel(session: Session, plan: RestockPlan, actor: Actor) -> None:
    """draft or approved → cancelled (dispatched units are settled by receiving and closing)."""
    _require(plan, "cancelled", [PlanStatus.DRAFT, PlanStatus.APPROVED])
    record(session, plan, PlanStatus.CANCELLED, actor)


def receive(
    session: Session,
    plan: RestockPlan,
    receipts: Sequence[Receipt],
    actor: Actor,
    close: bool = False,
    remainder: Remainder = Remainder.WRITE_OFF,
) -> None:
    """Post the received units at the store (a transfer in each). The plan closes when every dispatched unit
    has arrived, or when `close` says nothing more will: the rest is then written off or back-ordered."""
    _require(plan, "received", [PlanStatus.DISPATCHED, PlanStatus.PARTIALLY_RECEIVED])
    lines = {sku: line for line, sku in _lines(session, plan)}
    seen: set[str] = set()
    for n, receipt in enumerate(receipts):
        line = lines.get(receipt.sku)
        if line is None:
            if session.scalar(select(func.count()).where(Sku.sku == receipt.sku)) == 0:
                raise UnknownSku(receipt.sku, loc=("body", "lines", n, "sku"))
            raise InvalidQuantity(
                f"{receipt.sku} is not on restock plan {plan.id}",
                loc=("body", "lines", n, "sku"),
                value=receipt.sku,
            )
        if receipt.sku in seen:
            raise InvalidQuantity(
                f"{receipt.sku} is received twice in one receipt",
                loc=("body", "lines", n, "sku"),
                value=receipt.sku,
            )
        seen.add(receipt.sku)
        owed = _owed(line)
        if receipt.qty > owed:
            raise InvalidQuantity(
                f"{owed} of {receipt.sku} are still on the way; cannot receive {receipt.qty}",
                loc=("body", "lines", n, "qty"),
                value=receipt.qty,
            )
    move_many(
        session,
        plan.store_id,
        _code(session, plan.store_id),
        [(lines[r.sku].sku_id, r.sku, r.qty) for r in receipts],
        MovementKind.TRANSFER_IN,
        _reference(plan),
        actor.name,
        lambda n: ("body", "lines", n, "qty"),
        at=actor.at,
    )
    for receipt in receipts:
        lines[receipt.sku].received += receipt.qty
    received = sum(r.qty for r in receipts)
    outstanding = sum(_owed(line) for line in lines.values())
    if outstanding and not close:
        record(
            session,
            plan,
            PlanStatus.PARTIALLY_RECEIVED,
            actor,
            f"received {received} units, {outstanding} to come",
        )
        return
    if outstanding:
        _settle(session, plan, lines, actor, remainder)
    record(
        session,
        plan,
        PlanStatus.CLOSED,
        actor,
        f"received {received} units; {_settled(outstanding, remainder)}",
    )


def receive_everything(session: Session, plan: RestockPlan, actor: Actor) -> int:
    """Receive every unit still on the way and close the plan; returns the units."""
    receipts = [Receipt(sku, _owed(line)) for line, sku in _lines(session, plan) if _owed(line)]
    receive(session, plan, receipts, actor, close=True)
    return sum(r.qty for r in receipts)


def plan_units(session: Session, plan: RestockPlan) -> int:
    return sum(line.qty for line, _ in _lines(session, plan))


def _owed(line: RestockPlanLine) -> int:
    return line.dispatched - line.received - line.written_off - line.back_ordered


def _settled(outstanding: int, remainder: Remainder) -> str:
    if not outstanding:
        return "everything dispatched arrived"
    fate = "written off" if remainder == Remainder.WRITE_OFF else "back-ordered to the hub"
    return f"{outstanding} units {fate}"


def _settle(
    session: Session, plan: RestockPlan, lines: dict[str, RestockPlanLine], actor: Actor, remainder: Remainder
) -> None:
    rests = [(line, sku, _owed(line)) for sku, line in lines.items() if _owed(line)]
    if remainder == Remainder.BACK_ORDER:
        move_many(
            session,
            plan.hub_id,
            _code(session, plan.hub_id),
            [(line.sku_id, sku, rest) for line, sku, rest in rests],
            MovementKind.TRANSFER_IN,
            _reference(plan),
            actor.name,
            lambda n: ("body",),
            at=actor.at,
        )
    for line, _, rest in rests:
        if remainder == Remainder.WRITE_OFF:
            line.written_off += rest
        else:
            line.back_ordered += rest


def _code(session: Session, store_id: int) -> str:
    return session.scalar(select(Store.code).where(Store.id == store_id)) or ""


def _reference(plan: RestockPlan) -> str:
    return f"restock plan {plan.id}"
