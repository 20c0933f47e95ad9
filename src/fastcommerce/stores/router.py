from typing import Annotated

from fastapi import APIRouter, Query

from fastcommerce.auth.audit import record
from fastcommerce.auth.dependencies import READS, RuleWriter, StoreWriter
from fastcommerce.config import SettingsDep
from fastcommerce.db import SessionDep
from fastcommerce.errors import DuplicateStore, StoreNotFound, error_responses
from fastcommerce.stores import service
from fastcommerce.stores.schemas import (
    PincodePublic,
    StoreCapacityPublic,
    StoreCapacityPut,
    StoreCreate,
    StorePublic,
)

router = APIRouter(prefix="/api/stores", tags=["stores"])
pincodes_router = APIRouter(prefix="/api/pincodes", tags=["geography"])


@router.get("", dependencies=[READS], response_model=list[StorePublic])
def list_stores(session: SessionDep, city: Annotated[str | None, Query()] = None) -> list[StorePublic]:
    return service.list_stores(session, city)


@router.post("", response_model=StorePublic, status_code=201, responses=error_responses(DuplicateStore))
def create_store(
    session: SessionDep, settings: SettingsDep, actor: StoreWriter, body: StoreCreate
) -> StorePublic:
    store = service.create_store(session, body, settings)
    record(session, actor.name, "store.create", store.code, body.model_dump(mode="json"))
    return service.store_public(session, store.code)


@router.get(
    "/{code}", dependencies=[READS], response_model=StorePublic, responses=error_responses(StoreNotFound)
)
def get_store(session: SessionDep, code: str) -> StorePublic:
    return service.store_public(session, code)


@router.get(
    "/{code}/capacity",
    dependencies=[READS],
    response_model=StoreCapacityPublic,
    responses=error_responses(StoreNotFound),
)
def get_capacity(session: SessionDep, code: str) -> StoreCapacityPublic:
    """The store's room: all units, and per category where a category has a limit of its own."""
    return service.store_capacity(session, service.get_store(session, code))


@router.put("/{code}/capacity", response_model=StoreCapacityPublic, responses=error_responses(StoreNotFound))
def put_capacity(
    session: SessionDep, actor: RuleWriter, code: str, body: StoreCapacityPut
) -> StoreCapacityPublic:
    """Change the store's room; the planner keeps each category's restock within its limit."""
    capacity = service.put_store_capacity(session, service.get_store(session, code), body)
    record(session, actor.name, "capacity.set", code, body.model_dump(mode="json"))
    return capacity


@pincodes_router.get("", dependencies=[READS], response_model=list[PincodePublic])
def list_pincodes(
    session: SessionDep,
    city: Annotated[str | None, Query(description="city code, e.g. BLR")] = None,
    served: Annotated[
        bool | None, Query(description="only served (true) or unserved (false) pincodes")
    ] = None,
) -> list[PincodePublic]:
    return service.list_pincodes(session, city, served)
