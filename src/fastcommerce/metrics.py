"""`GET /api/metrics`: Prometheus's text format, for anyone who may read (a scraper uses an API key with the
`read` scope)."""

from fastapi import APIRouter, Response
from prometheus_client import CONTENT_TYPE_LATEST

from fastcommerce.auth.dependencies import READS
from fastcommerce.errors import Forbidden, Unauthenticated, error_responses
from fastcommerce.observability import metrics_text

router = APIRouter(tags=["health"])


@router.get(
    "/api/metrics",
    dependencies=[READS],
    response_class=Response,
    responses={
        200: {"content": {"text/plain": {"schema": {"type": "string"}}}, "description": "the metrics"},
        **error_responses(Unauthenticated, Forbidden),
    },
)
def metrics() -> Response:
    """Requests and their latency by route and status, orders, units ordered and lost (this process, since it
    started), forecast runs by status."""
    return Response(metrics_text(), media_type=CONTENT_TYPE_LATEST)
