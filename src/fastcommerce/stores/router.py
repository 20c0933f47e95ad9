from typing import Annotated

from fastapi import APIRouter, Query

from fastcommerce.config import get_settings
from fastcommerce.db import SessionDep
from fastcommerce.stores import service
from fastcommerce.stores.schemas import StoreCreate, StorePublic

router = APIRouter(prefix="/api/stores", tags=["stores"])


@router.get("", response_model=list[StorePublic])
def list_stores(session: SessionDep, city: Annotated[str | None, Query()] = None) -> list[StorePublic]:
    return service.list_stores(session, city)


@router.post("", response_model=StorePublic, status_code=201)
def create_store(session: SessionDep, body: StoreCreate) -> StorePublic:
    store = service.create_store(session, body, get_settings())
    return service.store_public(session, store.code)


@router.get("/{code}", response_model=StorePublic)
def get_store(session: SessionDep, code: str) -> StorePublic:
    return service.store_public(session, code)
