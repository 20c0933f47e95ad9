"""Request ids, JSON log lines and the Prometheus metrics, on real PostgreSQL."""

import json
import logging
import logging.config
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from fastcommerce.db import utcnow
from fastcommerce.forecasting.models import ForecastRun
from fastcommerce.observability import log_config, request_id
from tests.factories import stocked_store


def metric(client: TestClient, name: str, **labels: str) -> float:
    """The value of one sample of GET /api/metrics (0 when absent)."""
    text = client.get("/api/metrics").text
    wanted = ",".join(f'{key}="{value}"' for key, value in labels.items())
    pattern = rf"^{re.escape(name)}{re.escape('{' + wanted + '}') if labels else ''} (\S+)$"
    found = re.search(pattern, text, re.M)
    return float(found.group(1)) if found else 0.0


def test_every_answer_carries_a_request_id_its_own_or_the_clients(client: TestClient) -> None:
    made = client.get("/api/auth/me").headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", made)
    assert client.get("/api/auth/me").headers["x-request-id"] != made
    given = client.get("/api/auth/me", headers={"X-Request-ID": "storefront-42"})
    assert given.headers["x-request-id"] == "storefront-42"
    odd = client.get("/api/auth/me", headers={"X-Request-ID": "two words"}).headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", odd)  # not echoed into the logs as sent


def test_metrics_count_committed_orders_their_lost_units_and_the_requests(
    client: TestClient, session: Session
) -> None:
    home, _, sku = stocked_store(session, 2)
    orders, lost = (
        metric(client, "fastcommerce_orders_total"),
        metric(client, "fastcommerce_units_lost_total"),
    )
    created = metric(
        client, "fastcommerce_http_requests_total", method="POST", route="/api/orders", status="201"
    )
    order = {"order_id": "M-1", "pincode": home.pincode, "lines": [{"sku": sku, "qty": 5}]}
    assert client.post("/api/orders", json=order).status_code == 201
    assert client.post("/api/orders", json=order).status_code == 200  # a retry places nothing
    refused = {"order_id": "M-2", "pincode": home.pincode, "lines": [{"sku": "NOPE", "qty": 1}]}
    assert client.post("/api/orders", json=refused).status_code == 422
    assert metric(client, "fastcommerce_orders_total") == orders + 1
    assert metric(client, "fastcommerce_units_lost_total") == lost + 3
    assert (
        metric(client, "fastcommerce_http_requests_total", method="POST", route="/api/orders", status="201")
        == created + 1
    )
    assert (
        metric(client, "fastcommerce_http_request_duration_seconds_count", method="POST", route="/api/orders")
        >= 3
    )
    anonymous = client.get("/api/metrics", headers={"Authorization": ""})
    assert anonymous.status_code == 401


def test_metrics_read_the_forecast_runs_from_the_database(
    committed: sessionmaker[Session], client: TestClient
) -> None:
    with committed() as session:
        session.add_all(
            [
                ForecastRun(
                    status=status, model="auto", horizon_days=7, history_days=28, finished_at=utcnow()
                )
                for status in ("done", "done", "cancelled")
            ]
        )
        session.commit()
    assert metric(client, "fastcommerce_forecast_runs", status="done") == 2
    assert metric(client, "fastcommerce_forecast_runs", status="cancelled") == 1


def test_log_lines_are_json_with_the_request_id(capsys: pytest.CaptureFixture[str]) -> None:
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    logging.config.dictConfig(log_config())
    token = request_id.set("req-7")
    try:
        logging.getLogger("fastcommerce.test").warning("stock ran out at %s", "BLR-001")
    finally:
        request_id.reset(token)
        root.handlers[:], root.level = saved
    [line] = capsys.readouterr().err.strip().splitlines()
    entry = json.loads(line)
    assert (entry["level"], entry["logger"], entry["message"], entry["request_id"]) == (
        "WARNING",
        "fastcommerce.test",
        "stock ran out at BLR-001",
        "req-7",
    )
    assert "time" in entry
