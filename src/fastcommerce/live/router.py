from typing import Annotated

from fastapi import APIRouter, Header, Request
from fastapi.responses import StreamingResponse

from fastcommerce.auth.dependencies import READS
from fastcommerce.live.hub import StreamHub

router = APIRouter(prefix="/api", tags=["demand"])


@router.get("/stream", dependencies=[READS], response_class=StreamingResponse)
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
