from typing import Annotated

from fastapi import APIRouter, Body, Path, Query, Response

from fastcommerce.auth.audit import record
from fastcommerce.auth.dependencies import (
    READS,
    AlertWriter,
    PlanReceiver,
    PlanWriter,
    RuleWriter,
    StockWriter,
    require_store_access,
)
from fastcommerce.bounds import Offset, RowId
from fastcommerce.config import SettingsDep
from fastcommerce.db import SessionDep
from fastcommerce.errors import (
    HubNotFound,
    HubShortage,
    IllegalTransition,
    InsufficientStock,
    InvalidReferences,
    NotFound,
    StockLimitExceeded,
    StoreNotFound,
    UnknownStore,
    error_responses,
)
from fastcommerce.inventory.models import MovementKind
from fastcommerce.inventory.schemas import InventoryPageQuery, InventoryRow, MovementResult
from fastcommerce.inventory.service import list_inventory
from fastcommerce.replenishment import alerts, lifecycle, rules, service
from fastcommerce.replenishment.models import AlertKind, AlertStatus, PlanStatus
from fastcommerce.replenishment.planner import run_planner
from fastcommerce.replenishment.rebalancing import transfer_suggestions
from fastcommerce.replenishment.schemas import (
    AlertPublic,
    DefaultRulePublic,
    DefaultRulePut,
    HubPublic,
    HubReceipt,
    PlanPublic,
    ReceiveBody,
    RulePublic,
    RuleUpdate,
    RunPublic,
    RunRequest,
    RunStorePublic,
    TransferSuggestion,
)
from fastcommerce.stores.models import Store
from fastcommerce.stores.service import get_hub, get_store, store_ids_by_code

router = APIRouter(prefix="/api", tags=["replenishment"])

Code = Annotated[str, Path(max_length=32, description="store or hub code, e.g. BLR-001")]
PlanId = Annotated[RowId, Path()]
Limit = Annotated[int, Query(ge=1, le=500)]
Skip = Annotated[Offset, Query()]
TRANSITION_ERRORS = error_responses(NotFound, IllegalTransition, HubShortage, InsufficientStock)
City = Annotated[str | None, Query(max_length=16, description="city code, e.g. BLR")]


@router.get("/hubs", dependencies=[READS], response_model=list[HubPublic])
def list_hubs(session: SessionDep, city: City = None) -> list[HubPublic]:
    """Mother hubs: the dark stores each restocks, its stock and the units approved plans promised."""
    return service.list_hubs(session, city)


@router.get(
    "/hubs/{code}/inventory",
    dependencies=[READS],
    response_model=list[InventoryRow],
    responses=error_responses(HubNotFound),
)
def hub_inventory(
    session: SessionDep, response: Response, code: Code, query: Annotated[InventoryPageQuery, Query()]
) -> list[InventoryRow]:
    """A page of the hub's stock per SKU (as a store's inventory); the total is in X-Total-Count."""
    rows, total = list_inventory(session, get_hub(session, code).id, query)
    response.headers["X-Total-Count"] = str(total)
    return rows


@router.post(
    "/hubs/{code}/receipts",
    response_model=MovementResult,
    status_code=201,
    responses=error_responses(HubNotFound, StockLimitExceeded),
)
def receive_at_hub(session: SessionDep, actor: StockWriter, code: Code, body: HubReceipt) -> MovementResult:
    """A supplier's delivery to the hub."""
    on_hand = service.receive_at_hub(session, code, body, actor.name)
    return MovementResult(
        store_code=code, sku=body.sku, kind=MovementKind.RECEIPT, qty=body.qty, on_hand=on_hand
    )


@router.get(
    "/stores/{code}/rules",
    dependencies=[READS],
    response_model=list[RulePublic],
    responses=error_responses(StoreNotFound),
)
def store_rules(
    session: SessionDep, settings: SettingsDep, code: Code, limit: Limit = 500, offset: Skip = 0
) -> list[RulePublic]:
    """The effective rule of each SKU the store stocks (by SKU code) and its source."""
    return rules.effective_rules(session, settings, get_store(session, code), limit=limit, offset=offset)


@router.get(
    "/stores/{code}/rules/{sku}",
    dependencies=[READS],
    response_model=RulePublic,
    responses=error_responses(NotFound),
)
def store_rule(
    session: SessionDep, settings: SettingsDep, code: Code, sku: Annotated[str, Path(max_length=40)]
) -> RulePublic:
    return rules.effective_rule(session, settings, get_store(session, code), sku)


@router.put("/stores/{code}/rules/{sku}", response_model=RulePublic, responses=error_responses(NotFound))
def put_store_rule(
    session: SessionDep,
    settings: SettingsDep,
    actor: RuleWriter,
    code: Code,
    sku: Annotated[str, Path(max_length=40)],
    body: RuleUpdate,
) -> RulePublic:
    """Set the store × SKU rule; fields left out keep their effective value."""
    rule = rules.put_rule(session, settings, get_store(session, code), sku, body, actor.name)
    record(session, actor.name, "rule.set", f"{code} {sku}", body.model_dump(mode="json", exclude_none=True))
    return rule


@router.get("/restock-rules", dependencies=[READS], response_model=list[DefaultRulePublic])
def list_default_rules(session: SessionDep) -> list[DefaultRulePublic]:
    """The default rules (per category, per store, per category at a store, or for every store)."""
    return rules.default_rules(session)


@router.put("/restock-rules", response_model=DefaultRulePublic)
def put_default_rule(session: SessionDep, actor: RuleWriter, body: DefaultRulePut) -> DefaultRulePublic:
    """Set the default rule of a scope: `store` and `category` each given or not."""
    rule = rules.put_default_rule(session, body, actor.name)
    record(session, actor.name, "default_rule.set", f"rule {rule.id}", body.model_dump(mode="json"))
    return rule


@router.delete("/restock-rules/{id}", status_code=204, responses=error_responses(NotFound))
def delete_default_rule(session: SessionDep, actor: RuleWriter, id: Annotated[RowId, Path()]) -> None:
    rules.delete_default_rule(session, id)
    record(session, actor.name, "default_rule.delete", f"rule {id}", {})


@router.post("/replenishment/run", response_model=RunPublic)
def run_replenishment(
    session: SessionDep,
    settings: SettingsDep,
    actor: PlanWriter,
    body: Annotated[RunRequest | None, Body()] = None,
) -> RunPublic:
    """Plan the next wave (of `wave`'s moment, default now) for the stores given (default all): each
    store's open draft for that wave is made or updated; plans past draft are left alone."""
    body = body or RunRequest()
    if body.stores is not None:
        known = store_ids_by_code(session, body.stores)
        unknown = [
            UnknownStore(c, loc=("body", "stores", n)) for n, c in enumerate(body.stores) if c not in known
        ]
        if unknown:
            raise InvalidReferences(unknown)
    result = run_planner(session, settings, body.stores, now=body.wave, actor=actor.name)
    plans = service.plans_by_id(session, result.plan_ids)
    return RunPublic(
        waves=result.wave_at,
        lines_considered=result.lines_considered,
        seconds={k: round(v, 3) for k, v in result.seconds.items()},
        stores=[RunStorePublic.model_validate(s, from_attributes=True) for s in result.stores],
        plans=service.plans_public(session, plans),
    )


@router.get(
    "/restock-plans",
    dependencies=[READS],
    response_model=list[PlanPublic],
    responses=error_responses(StoreNotFound),
)
def list_plans(
    session: SessionDep,
    response: Response,
    status: PlanStatus | None = None,
    store: Annotated[str | None, Query(max_length=32)] = None,
    limit: Limit = 50,
    offset: Skip = 0,
    lines: Annotated[bool, Query(description="false: each plan's totals only, no lines or history")] = True,
) -> list[PlanPublic]:
    """Restock plans, latest wave first; the total is in X-Total-Count."""
    plans, total = service.list_plans(
        session, status, get_store(session, store) if store else None, limit, offset, lines
    )
    response.headers["X-Total-Count"] = str(total)
    return plans


@router.get(
    "/restock-plans/{id}",
    dependencies=[READS],
    response_model=PlanPublic,
    responses=error_responses(NotFound),
)
def get_plan(session: SessionDep, id: PlanId) -> PlanPublic:
    return service.plans_public(session, [lifecycle.get_plan(session, id)])[0]


def _transition(session: SessionDep, plan_id: int, action: str, actor: str) -> PlanPublic:
    plan = lifecycle.get_plan(session, plan_id, lock=True)
    {"approve": lifecycle.approve, "dispatch": lifecycle.dispatch, "cancel": lifecycle.cancel}[action](
        session, plan, lifecycle.Actor.now(actor)
    )
    session.flush()
    return service.plans_public(session, [plan])[0]


@router.post("/restock-plans/{id}/approve", response_model=PlanPublic, responses=TRANSITION_ERRORS)
def approve_plan(session: SessionDep, actor: PlanWriter, id: PlanId) -> PlanPublic:
    """draft → approved: the hub's units are promised to this plan (409 if it does not hold them)."""
    return _transition(session, id, "approve", actor.name)


@router.post("/restock-plans/{id}/dispatch", response_model=PlanPublic, responses=TRANSITION_ERRORS)
def dispatch_plan(session: SessionDep, actor: PlanWriter, id: PlanId) -> PlanPublic:
    """approved → dispatched: the units leave the hub and are in transit."""
    return _transition(session, id, "dispatch", actor.name)


@router.post("/restock-plans/{id}/cancel", response_model=PlanPublic, responses=TRANSITION_ERRORS)
def cancel_plan(session: SessionDep, actor: PlanWriter, id: PlanId) -> PlanPublic:
    """draft or approved → cancelled."""
    return _transition(session, id, "cancel", actor.name)


@router.post(
    "/restock-plans/{id}/receive",
    response_model=PlanPublic,
    responses=error_responses(NotFound, IllegalTransition, StockLimitExceeded),
)
def receive_plan(session: SessionDep, actor: PlanReceiver, id: PlanId, body: ReceiveBody) -> PlanPublic:
    """Units arrived at the store (partial receipts allowed); `close` settles the rest."""
    plan = lifecycle.get_plan(session, id, lock=True)
    require_store_access(actor, session.get_one(Store, plan.store_id).code, ("path", "id"))
    receipts = [lifecycle.Receipt(line.sku, line.qty) for line in body.lines]
    lifecycle.receive(
        session, plan, receipts, lifecycle.Actor.now(actor.name), close=body.close, remainder=body.remainder
    )
    session.flush()
    return service.plans_public(session, [plan])[0]


@router.get("/transfers/suggestions", dependencies=[READS], response_model=list[TransferSuggestion])
def suggestions(session: SessionDep, settings: SettingsDep, city: City = None) -> list[TransferSuggestion]:
    """Store-to-store transfers that would save sales before the next delivery; execute one with
    POST /api/transfers."""
    return transfer_suggestions(session, settings, city)


@router.get(
    "/alerts",
    dependencies=[READS],
    response_model=list[AlertPublic],
    responses=error_responses(StoreNotFound),
)
def list_alerts(
    session: SessionDep,
    response: Response,
    status: AlertStatus | None = None,
    kind: AlertKind | None = None,
    store: Annotated[str | None, Query(max_length=32)] = None,
    limit: Limit = 100,
    offset: Skip = 0,
) -> list[AlertPublic]:
    """Alerts, newest first; the total is in X-Total-Count."""
    found, total = alerts.list_alerts(
        session, status, kind, get_store(session, store) if store else None, limit, offset
    )
    response.headers["X-Total-Count"] = str(total)
    return found


@router.post(
    "/alerts/{id}/ack", response_model=AlertPublic, responses=error_responses(NotFound, IllegalTransition)
)
def acknowledge_alert(session: SessionDep, actor: AlertWriter, id: Annotated[RowId, Path()]) -> AlertPublic:
    require_store_access(actor, alerts.alert_store_code(session, id), ("path", "id"))
    return alerts.acknowledge(session, id, actor.name)
