"""Serves the dashboard's build (`frontend/dist`, made by `make demo`) at `/`; the API stays under `/api`.
Every answer carries the security headers; the dashboard's a content security policy that lets its pages load
only its own scripts and talk only to this API."""

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import Message, Receive, Scope, Send

from fastcommerce.asgi import HttpMiddleware

NOT_BUILT = """<!doctype html><meta charset="utf-8"><title>FastCommerce</title>
<p>The dashboard is not built. Run <code>make demo</code> (or <code>make frontend</code>); the API answers at
<a href="/api/health">/api/health</a> and <a href="/docs">/docs</a>.</p>
"""


def mount_dashboard(app: FastAPI, dist: Path) -> None:
    """The built assets under /assets; any other GET that no route answers, outside /api, gets the file of
    that name in the build or else index.html (the dashboard's own routes), so a shared link loads its page.
    The API's own 404 and 405 answers are left as they are."""
    if (dist / "assets").is_dir():
        app.mount("/assets", StaticFiles(directory=dist / "assets"), name="assets")
    root = dist.resolve()

    async def page_or_not_found(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        path = request.url.path
        if exc.status_code != 404 or request.method not in ("GET", "HEAD") or path.startswith("/api"):
            return await http_exception_handler(request, exc)
        asset = (root / path.lstrip("/")).resolve()
        if asset.is_file() and asset.is_relative_to(root):
            return FileResponse(asset)
        if (root / "index.html").is_file():
            return FileResponse(root / "index.html", headers={"Cache-Control": "no-cache"})
        return HTMLResponse(NOT_BUILT, status_code=503)

    app.add_exception_handler(HTTPException, page_or_not_found)


# Leaflet positions with inline styles; map tiles (VITE_BASEMAP_URL) may come from any HTTPS host.
DASHBOARD_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob: https:; connect-src 'self'; font-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# The API's JSON and its /docs page (whose Swagger UI loads from a CDN): only never framed.
API_POLICY = "frame-ancestors 'none'"
API_PATHS = ("/api", "/docs", "/redoc", "/openapi.json")


class SecurityHeaders(HttpMiddleware):
    """nosniff, no framing, no referrer to other sites; the dashboard's content security policy."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        policy = API_POLICY if str(scope["path"]).startswith(API_PATHS) else DASHBOARD_POLICY

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = policy
                headers["X-Content-Type-Options"] = "nosniff"
                headers["X-Frame-Options"] = "DENY"
                headers["Referrer-Policy"] = "same-origin"
            await send(message)

        await self.app(scope, receive, with_headers)
