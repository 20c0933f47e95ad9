from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, Query

from fastcommerce.auth.dependencies import READS
from fastcommerce.bounds import Offset
from fastcommerce.catalog import service
from fastcommerce.catalog.models import Sku
from fastcommerce.catalog.schemas import SkuPublic
from fastcommerce.db import SessionDep

router = APIRouter(prefix="/api/skus", tags=["catalog"])


@router.get("", dependencies=[READS], response_model=list[SkuPublic])
def list_skus(
    session: SessionDep,
    category: Annotated[str | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
    offset: Annotated[Offset, Query()] = 0,
) -> Sequence[Sku]:
    return service.list_skus(session, category, limit, offset)
