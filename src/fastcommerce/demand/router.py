from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse

from fastcommerce.config import get_settings
from fastcommerce.db import SessionDep
from fastcommerce.demand.heatmap import heatmap
from fastcommerce.demand.schemas import FeatureCollection, HeatmapQuery, Timeseries, TimeseriesQuery
from fastcommerce.demand.stream import StreamHub
from fastcommerce.demand.timeseries import pincode_detail, timeseries

router = APIRouter(prefix="/api", tags=["demand"])


@router.get("/heatmap", response_model=FeatureCollection)
def get_heatmap(session: SessionDep, query: Annotated[HeatmapQuery, Query()]) -> JSONResponse:
    """Demand per approximate pincode area or H3 cell over a window, as GeoJSON."""
    return JSONResponse(heatmap(session, query, get_settings()).as_geojson())


@router.get("/heatmap/timeseries", response_model=Timeseries, response_model_by_alias=True)
def get_timeseries(session: SessionDep, query: Annotated[TimeseriesQuery, Query()]) -> Timeseries:
    """Demand per 5-minute or local-hour step for one pincode, H3 cell or store (zeros included)."""
    return timeseries(session, query, get_settings())


@router.get("/pincodes/{pincode}")
def get_pincode(session: SessionDep, pincode: int) -> dict[str, Any]:
    """A pincode: where it is, which store serves it, its demand trend and top SKUs."""
    return pincode_detail(session, pincode, get_settings())


@router.get("/stream", response_class=StreamingResponse)
async def stream(
    request: Request,
    last_event_id: Annotated[int | None, Header(description="resume after this event id")] = None,
) -> StreamingResponse:
    """Server-Sent Events: `demand` (per-pincode deltas), `stock` (levels) at most once a second, `alert`
    (low stock, out of stock), `resync` when events were missed; resumable with Last-Event-ID."""
    hub: StreamHub = request.app.state.stream_hub
    return StreamingResponse(
        hub.subscribe(last_event_id),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
