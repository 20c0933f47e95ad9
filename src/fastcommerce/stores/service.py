from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, delete, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from fastcommerce.catalog.service import require_category
from fastcommerce.config import Settings
from fastcommerce.errors import DuplicateStore, HubNotFound, Loc, StoreNotFound, UnknownHub, UnknownStore
from fastcommerce.geo.cities import require_city
from fastcommerce.geo.distance import haversine_m
from fastcommerce.geo.models import Pincode
from fastcommerce.stores.models import ServiceArea, Store, StoreCategoryCapacity, StoreKind
from fastcommerce.stores.schemas import (
    CategoryCapacity,
    HubCreate,
    PincodePublic,
    PlaceCreate,
    StoreCapacityPublic,
    StoreCapacityPut,
    StoreCreate,
    StorePublic,
)

DARK_STORE = Store.kind == StoreKind.DARK_STORE


def get_store(session: Session, code: str) -> Store:
    store = session.scalar(select(Store).where(Store.code == code, DARK_STORE))
    if store is None:
        raise StoreNotFound(code)
    return store


def store_ids_by_code(session: Session, codes: Iterable[str]) -> dict[str, int]:
    rows = session.execute(select(Store.code, Store.id).where(Store.code.in_(set(codes)), DARK_STORE))
    return {code: store_id for code, store_id in rows}


def require_store(session: Session, code: str, loc: Loc) -> Store:
    """Like get_store, for a store named in a request body: unknown is a 422 at `loc`."""
    store = session.scalar(select(Store).where(Store.code == code, DARK_STORE))
    if store is None:
        raise UnknownStore(code, loc=loc)
    return store


def get_hub(session: Session, code: str, loc: Loc = ("path", "code")) -> Store:
    hub = session.scalar(select(Store).where(Store.code == code, Store.kind == StoreKind.HUB))
    if hub is None:
        raise HubNotFound(code, loc=loc)
    return hub


def _require_new_place(session: Session, data: PlaceCreate, settings: Settings) -> None:
    require_city(settings, data.city, ("body", "city"))
    if session.scalar(select(Store.id).where(Store.code == data.code)) is not None:
        raise DuplicateStore(data.code)


def create_store(session: Session, data: StoreCreate, settings: Settings) -> Store:
    _require_new_place(session, data, settings)
    hub_id = None
    if data.hub_code is not None:
        hub = session.scalar(select(Store).where(Store.code == data.hub_code, Store.kind == StoreKind.HUB))
        if hub is None:
            raise UnknownHub(data.hub_code, loc=("body", "hub_code"))
        hub_id = hub.id
    store = Store(
        code=data.code,
        name=data.name,
        city=data.city,
        lat=data.lat,
        lng=data.lng,
        radius_m=data.radius_m or settings.default_store_radius_m,
        capacity_units=data.capacity_units or settings.default_store_capacity_units,
        hub_id=hub_id,
        auto_approve=data.auto_approve,
    )
    session.add(store)
    session.flush()
    assign_service_areas(session, data.city)
    return store


def create_hub(session: Session, data: HubCreate, settings: Settings) -> Store:
    """A mother hub: a place that holds stock for dark stores and serves no pincode."""
    _require_new_place(session, data, settings)
    hub = Store(
        code=data.code,
        name=data.name,
        city=data.city,
        lat=data.lat,
        lng=data.lng,
        radius_m=1,
        capacity_units=data.capacity_units,
        kind=StoreKind.HUB,
    )
    session.add(hub)
    session.flush()
    return hub


def store_capacity(session: Session, store: Store) -> StoreCapacityPublic:
    rows = session.execute(
        select(StoreCategoryCapacity.category, StoreCategoryCapacity.capacity_units)
        .where(StoreCategoryCapacity.store_id == store.id)
        .order_by(StoreCategoryCapacity.category)
    )
    return StoreCapacityPublic(
        store_code=store.code,
        capacity_units=store.capacity_units,
        categories=[CategoryCapacity(category=c, capacity_units=n) for c, n in rows],
    )


def put_store_capacity(session: Session, store: Store, body: StoreCapacityPut) -> StoreCapacityPublic:
    """Set the store's total room and any category's (null removes a category's limit); every category is
    checked before anything changes."""
    for i, item in enumerate(body.categories):
        require_category(session, item.category, ("body", "categories", i, "category"))
    if body.capacity_units is not None:
        store.capacity_units = body.capacity_units
    for item in body.categories:
        where = (StoreCategoryCapacity.store_id == store.id, StoreCategoryCapacity.category == item.category)
        if item.capacity_units is None:
            session.execute(delete(StoreCategoryCapacity).where(*where))
            continue
        session.execute(
            pg_insert(StoreCategoryCapacity)
            .values(store_id=store.id, category=item.category, capacity_units=item.capacity_units)
            .on_conflict_do_update(
                index_elements=["store_id", "category"], set_={"capacity_units": item.capacity_units}
            )
        )
    session.flush()
    return store_capacity(session, store)


def assign_service_areas(session: Session, city: str) -> int:
    """Give each pincode of `city` to the nearest store whose radius reaches it; returns how many."""
    stores = session.scalars(select(Store).where(Store.city == city, DARK_STORE)).all()
    pincodes = session.execute(select(Pincode.pincode, Pincode.lat, Pincode.lng).where(Pincode.city == city))
    rows = []
    for pincode, lat, lng in pincodes:
        distances = ((haversine_m(lat, lng, s.lat, s.lng), s.id, s.radius_m) for s in stores)
        reach = [(distance, store_id) for distance, store_id, radius in distances if distance <= radius]
        if reach:
            distance, store_id = min(reach)
            rows.append({"pincode": pincode, "store_id": store_id, "distance_m": round(distance)})
    session.execute(
        delete(ServiceArea).where(
            ServiceArea.pincode.in_(select(Pincode.pincode).where(Pincode.city == city))
        )
    )
    if rows:
        session.execute(insert(ServiceArea), rows)
    return len(rows)


def list_stores(session: Session, city: str | None = None) -> list[StorePublic]:
    query = select(Store).where(DARK_STORE).order_by(Store.city, Store.code)
    if city:
        query = query.where(Store.city == city)
    stores = session.scalars(query).all()
    served: dict[int, list[int]] = defaultdict(list)
    for store_id, pincode in session.execute(
        select(ServiceArea.store_id, ServiceArea.pincode).order_by(ServiceArea.pincode)
    ):
        served[store_id].append(pincode)
    hubs = _hub_codes(session)
    return [
        StorePublic.model_validate({**_columns(s), "pincodes": served[s.id], "hub_code": hubs.get(s.hub_id)})
        for s in stores
    ]


def store_public(session: Session, code: str) -> StorePublic:
    store = get_store(session, code)
    pincodes = session.scalars(
        select(ServiceArea.pincode).where(ServiceArea.store_id == store.id).order_by(ServiceArea.pincode)
    ).all()
    return StorePublic.model_validate(
        {**_columns(store), "pincodes": list(pincodes), "hub_code": _hub_codes(session).get(store.hub_id)}
    )


def _hub_codes(session: Session) -> dict[int | None, str]:
    return dict(session.execute(select(Store.id, Store.code).where(Store.kind == StoreKind.HUB)).all())


def _columns(store: Store) -> dict[str, object]:
    return {c.key: getattr(store, c.key) for c in Store.__table__.columns}


def with_serving_store(*columns: Any, city: str | None = None) -> Select[Any]:
    """SELECT `columns` of each pincode (of `city`) and the code of the store serving it (None: unserved),
    by pincode."""
    query = (
        select(*columns, Store.code)
        .outerjoin(ServiceArea, ServiceArea.pincode == Pincode.pincode)
        .outerjoin(Store, Store.id == ServiceArea.store_id)
        .order_by(Pincode.pincode)
    )
    return query.where(Pincode.city == city) if city else query


def list_pincodes(session: Session, city: str | None, served: bool | None) -> list[PincodePublic]:
    query = with_serving_store(Pincode, city=city)
    if served is not None:
        query = query.where(Store.code.is_not(None) if served else Store.code.is_(None))
    return [
        PincodePublic(
            pincode=p.pincode,
            name=p.name,
            city=p.city,
            district=p.district,
            lat=p.lat,
            lng=p.lng,
            h3={7: p.h3_r7, 8: p.h3_r8, 9: p.h3_r9},
            store_code=store_code,
        )
        for p, store_code in session.execute(query)
    ]
