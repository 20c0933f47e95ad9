from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from fastcommerce.config import get_settings
from fastcommerce.db import SessionDep
from fastcommerce.demand.heatmap import heatmap
from fastcommerce.demand.schemas import FeatureCollection, HeatmapQuery, Timeseries, TimeseriesQuery
from fastcommerce.demand.timeseries import pincode_detail, timeseries

router = APIRouter(prefix="/api", tags=["demand"])


@router.get("/heatmap", response_model=FeatureCollection)
def get_heatmap(session: SessionDep, query: Annotated[HeatmapQuery, Query()]) -> JSONResponse:
    """Demand per approximate pincode area or H3 cell over a window, as GeoJSON."""
    # Built from typed parts already; returned as is, without validating hundreds of polygons again.
    return JSONResponse(heatmap(session, query, get_settings()).model_dump())


@router.get("/heatmap/timeseries", response_model=Timeseries, response_model_by_alias=True)
def get_timeseries(session: SessionDep, query: Annotated[TimeseriesQuery, Query()]) -> Timeseries:
    """Demand per 5-minute or local-hour step for one pincode, H3 cell or store (zeros included)."""
    return timeseries(session, query, get_settings())


@router.get("/pincodes/{pincode}")
def get_pincode(session: SessionDep, pincode: int) -> dict[str, Any]:
    """A pincode: where it is, which store serves it, its demand trend and top SKUs."""
    return pincode_detail(session, pincode, get_settings())
