"""Factories that build test data through the services, as the API would."""

import itertools

from sqlalchemy import select
from sqlalchemy.orm import Session

from fastcommerce.catalog.schemas import SkuCreate
from fastcommerce.catalog.service import add_skus, sku_ids_by_code
from fastcommerce.config import get_settings
from fastcommerce.geo.models import Pincode
from fastcommerce.inventory.models import MovementKind
from fastcommerce.inventory.service import StockItem, apply_movement
from fastcommerce.stores.models import Store
from fastcommerce.stores.schemas import StoreCreate
from fastcommerce.stores.service import create_store

_numbers = itertools.count(1)


def pincodes(session: Session, city: str = "BLR") -> list[Pincode]:
    return list(session.scalars(select(Pincode).where(Pincode.city == city).order_by(Pincode.pincode)))


def make_store(
    session: Session, at: Pincode, radius_m: int = 2000, code: str | None = None, city: str | None = None
) -> Store:
    return create_store(
        session,
        StoreCreate(
            code=code or f"T-{next(_numbers):04d}",
            name=f"Test store at {at.name}",
            city=city or at.city,
            lat=at.lat,
            lng=at.lng,
            radius_m=radius_m,
        ),
        get_settings(),
    )


def make_sku(session: Session, category: str = "Snacks", price_paise: int = 2000, case_pack: int = 12) -> str:
    code = f"TEST-{next(_numbers):05d}"
    add_skus(
        session,
        [
            SkuCreate(
                sku=code,
                name=f"Test item {code}",
                category=category,
                case_pack=case_pack,
                shelf_life_days=30,
                price_paise=price_paise,
            )
        ],
    )
    return code


def stock_item(session: Session, store: Store, sku: str) -> StockItem:
    return StockItem(store.id, sku_ids_by_code(session, [sku])[sku], store.code, sku)


def receive(session: Session, store: Store, sku: str, qty: int) -> int:
    item = stock_item(session, store, sku)
    return apply_movement(session, item, MovementKind.RECEIPT, qty, "test receipt", "test", ("qty",))


def stocked_store(session: Session, on_hand: int) -> tuple[Pincode, Store, str]:
    """A store at the first Bengaluru pincode holding `on_hand` units of a new SKU."""
    home = pincodes(session)[0]
    store = make_store(session, home)
    sku = make_sku(session)
    receive(session, store, sku, on_hand)
    return home, store, sku
