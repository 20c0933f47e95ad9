from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from fastcommerce.catalog.models import Sku
from fastcommerce.catalog.schemas import SkuCreate
from fastcommerce.errors import Loc, UnknownCategory, UnknownSku


def list_skus(session: Session, category: str | None, limit: int, offset: int) -> Sequence[Sku]:
    query = select(Sku).order_by(Sku.sku).limit(limit).offset(offset)
    if category:
        query = query.where(Sku.category == category)
    return session.scalars(query).all()


def sku_ids_by_code(session: Session, codes: Iterable[str]) -> dict[str, int]:
    rows = session.execute(select(Sku.sku, Sku.id).where(Sku.sku.in_(set(codes))))
    return {code: sku_id for code, sku_id in rows}


def add_skus(session: Session, skus: Sequence[SkuCreate]) -> int:
    """Insert SKUs that do not exist yet; returns how many were new."""
    if not skus:
        return 0
    result = session.execute(
        insert(Sku).values([s.model_dump() for s in skus]).on_conflict_do_nothing().returning(Sku.id)
    )
    return len(result.all())


def require_sku_id(session: Session, sku: str, loc: Loc) -> int:
    sku_id = session.scalar(select(Sku.id).where(Sku.sku == sku))
    if sku_id is None:
        raise UnknownSku(sku, loc=loc)
    return sku_id


def require_category(session: Session, category: str, loc: Loc) -> None:
    """A category some SKU has; otherwise a 422 at `loc`."""
    if session.scalar(select(Sku.id).where(Sku.category == category).limit(1)) is None:
        raise UnknownCategory(category, loc=loc)
