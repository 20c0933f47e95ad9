from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse

from fastcommerce.auth.dependencies import READS
from fastcommerce.bounds import Pincode
from fastcommerce.config import SettingsDep
from fastcommerce.db import SessionDep
from fastcommerce.demand import service
from fastcommerce.demand.schemas import FeatureCollection, HeatmapQuery, Timeseries, TimeseriesQuery
from fastcommerce.errors import NotFound, error_responses

router = APIRouter(prefix="/api", tags=["demand"])


@router.get("/heatmap", dependencies=[READS], response_model=FeatureCollection)
def get_heatmap(
    session: SessionDep, settings: SettingsDep, query: Annotated[HeatmapQuery, Query()]
) -> JSONResponse:
    """Demand per approximate pincode area or H3 cell over a window, as GeoJSON."""
    return JSONResponse(service.heatmap(session, query, settings).as_geojson())


@router.get(
    "/heatmap/timeseries", dependencies=[READS], response_model=Timeseries, response_model_by_alias=True
)
def get_timeseries(
    session: SessionDep, settings: SettingsDep, query: Annotated[TimeseriesQuery, Query()]
) -> Timeseries:
    """Demand per 5-minute or local-hour step for one pincode, H3 cell or store (zeros included)."""
    return service.timeseries(session, query, settings)


@router.get("/pincodes/{pincode}", dependencies=[READS], responses=error_responses(NotFound))
def get_pincode(
    session: SessionDep, settings: SettingsDep, pincode: Annotated[Pincode, Path()]
) -> dict[str, Any]:
    """A pincode: where it is, which store serves it, its demand trend and top SKUs."""
    return service.pincode_detail(session, pincode, settings)
