import json
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from fastcommerce.config import get_settings
from fastcommerce.dashboard import mount_dashboard
from fastcommerce.main import create_app


def app_serving(dist: Path) -> TestClient:
    app = FastAPI()

    @app.post("/api/orders")
    def orders() -> dict[str, str]:
        return {}

    mount_dashboard(app, dist)
    return TestClient(app)


def test_the_build_is_served_at_the_root_and_for_the_dashboards_own_routes(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<div id=root></div>")
    (tmp_path / "assets" / "app.js").write_text("console.log(1)")
    (tmp_path / "favicon.svg").write_text("<svg/>")
    client = app_serving(tmp_path)
    assert client.get("/").text == "<div id=root></div>"
    assert client.get("/stores/BLR-001?tab=stock").text == "<div id=root></div>"
    assert client.get("/assets/app.js").text == "console.log(1)"
    assert client.get("/favicon.svg").text == "<svg/>"
    assert client.get("/%2e%2e/%2e%2e/etc/passwd").text == "<div id=root></div>"


def test_the_api_keeps_its_own_404_and_405(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<div id=root></div>")
    client = app_serving(tmp_path)
    assert client.get("/api/nothing").json() == {"detail": "Not Found"}
    assert client.get("/api/orders").status_code == 405
    assert client.post("/somewhere").status_code == 404


def test_without_a_build_the_root_says_how_to_make_one(tmp_path: Path) -> None:
    response = app_serving(tmp_path / "missing").get("/")
    assert response.status_code == 503
    assert "make frontend" in response.text


def test_the_dashboards_copy_of_the_openapi_document_is_current() -> None:
    """The typed client (frontend/src/api/schema.d.ts) is generated from this file: `make api-client`."""
    committed = json.loads(Path("frontend/src/api/openapi.json").read_text())
    assert committed == create_app().openapi(), "the API changed: run `make api-client` and commit"


def test_the_dashboard_carries_its_content_policy_and_every_answer_the_security_headers(
    client: TestClient,
) -> None:
    page, api = client.get("/"), client.get("/api/auth/me")
    for answer in (page, api):
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
    policy = dict(p.strip().split(" ", 1) for p in page.headers["content-security-policy"].split(";"))
    assert (policy["script-src"], policy["connect-src"], policy["object-src"]) == (
        "'self'",
        "'self'",
        "'none'",
    )
    assert api.headers["content-security-policy"] == "frame-ancestors 'none'"  # /docs loads Swagger UI's CDN


def test_cors_answers_only_the_origins_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FC_CORS_ORIGINS", '["https://ops.example.in"]')
    get_settings.cache_clear()
    try:
        app = TestClient(create_app())
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
    asked = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization"}
    allowed = app.options("/api/orders", headers={"Origin": "https://ops.example.in", **asked})
    assert allowed.headers["access-control-allow-origin"] == "https://ops.example.in"
    assert allowed.headers["access-control-allow-credentials"] == "true"
    refused = app.options("/api/orders", headers={"Origin": "https://evil.example.com", **asked})
    assert "access-control-allow-origin" not in refused.headers
    plain = TestClient(create_app()).options(
        "/api/orders", headers={"Origin": "https://ops.example.in", **asked}
    )
    assert "access-control-allow-origin" not in plain.headers  # none configured: none allowed
