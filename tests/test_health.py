from fastapi.testclient import TestClient
from sqlalchemy import create_engine

from fastcommerce.db import get_engine
from fastcommerce.main import app


def test_health_reports_ok_when_the_database_answers(client: TestClient) -> None:
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_health_reports_503_when_the_database_is_down() -> None:
    unreachable = create_engine(
        "postgresql+psycopg://nobody@127.0.0.1:1/none", connect_args={"connect_timeout": 2}
    )
    app.dependency_overrides[get_engine] = lambda: unreachable
    try:
        response = TestClient(app).get("/api/health")
    finally:
        app.dependency_overrides.clear()
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
