from typing import Annotated

from fastapi import APIRouter, Query

from fastcommerce.db import SessionDep
from fastcommerce.geo import service
from fastcommerce.geo.schemas import PincodePublic

router = APIRouter(prefix="/api/pincodes", tags=["geography"])


@router.get("", response_model=list[PincodePublic])
def list_pincodes(
    session: SessionDep,
    city: Annotated[str | None, Query(description="city code, e.g. BLR")] = None,
    served: Annotated[
        bool | None, Query(description="only served (true) or unserved (false) pincodes")
    ] = None,
) -> list[PincodePublic]:
    return service.list_pincodes(session, city, served)
