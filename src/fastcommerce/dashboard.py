"""Serves the dashboard's build (`frontend/dist`, made by `make demo`) at `/`; the API stays under `/api`."""

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

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
