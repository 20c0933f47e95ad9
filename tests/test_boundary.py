"""What every request is held to: no control characters, integers within their columns, timestamps within
the settings' range, no unknown query parameter, bodies within FC_MAX_BODY_BYTES; and how refusals read."""

import asyncio
import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.types import Message, Scope

from fastcommerce.boundary import MAX_ECHO, BodySizeLimit
from fastcommerce.bounds import INT4_MAX, MAX_MOVEMENT
from fastcommerce.inventory.models import StockMovement
from fastcommerce.inventory.service import set_on_hand
from tests.factories import stock_item, stocked_store


def refusal(response: Any, status: int = 422) -> dict[str, Any]:
    assert response.status_code == status, response.text
    (detail,) = response.json()["detail"]
    assert set(detail) == {"loc", "msg", "type", "input"}
    return dict(detail)


@pytest.mark.parametrize(
    ("url", "loc"),
    [
        ("/api/stores?city=BLR%00", ["query", "city"]),
        ("/api/skus?category=%01Snacks", ["query", "category"]),
        ("/api/orders/a%00", ["path", "order_id"]),
        ("/api/stores/BLR%00/inventory", ["path", "code"]),
    ],
)
def test_a_control_character_in_path_or_query_is_a_422_naming_it(
    client: TestClient, url: str, loc: list[str]
) -> None:
    detail = refusal(client.get(url))
    assert detail["loc"] == loc and detail["type"] == "control_character"


def test_a_nul_in_a_body_is_a_422_naming_the_field(client: TestClient, session: Session) -> None:
    home, _, sku = stocked_store(session, on_hand=5)
    order = {"order_id": "nul-1", "pincode": home.pincode, "lines": [{"sku": f"{sku}\u0000", "qty": 1}]}
    detail = refusal(client.post("/api/orders", json=order))
    assert detail["loc"] == ["body", "lines", 0, "sku"]
    assert "control character '\\x00' at position" in detail["msg"]


def test_a_bulk_order_with_a_nul_is_rejected_alone(client: TestClient, session: Session) -> None:
    home, _, sku = stocked_store(session, on_hand=5)
    orders = [
        {"order_id": "ok-1", "pincode": home.pincode, "lines": [{"sku": sku, "qty": 1}]},
        {"order_id": "bad\u0000", "pincode": home.pincode, "lines": [{"sku": sku, "qty": 1}]},
    ]
    result = client.post("/api/orders/bulk", json=orders).json()
    assert [r["status"] for r in result["results"]] == ["created", "rejected"]
    assert result["results"][1]["errors"][0]["loc"] == [1, "order_id"]


def test_free_text_takes_tabs_and_line_breaks_but_no_other_control_character(
    client: TestClient, session: Session
) -> None:
    _, store, sku = stocked_store(session, on_hand=5)
    url = f"/api/stores/{store.code}/movements"
    ok = client.post(url, json={"kind": "receipt", "sku": sku, "qty": 1, "reference": "PO 7781\n\tdock 2"})
    assert ok.status_code == 201, ok.text
    bad = client.post(url, json={"kind": "receipt", "sku": sku, "qty": 1, "reference": "PO\x1b[31m"})
    assert refusal(bad)["loc"] == ["body", "reference"]
    assert refusal(client.post(url, json={"kind": "receipt", "sku": "a\nb", "qty": 1}))["loc"] == [
        "body",
        "sku",
    ]


def _movements(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(StockMovement)) or 0


def test_a_receipt_over_the_maximum_is_a_422_and_writes_nothing(client: TestClient, session: Session) -> None:
    _, store, sku = stocked_store(session, on_hand=5)
    before = _movements(session)
    response = client.post(
        f"/api/stores/{store.code}/movements", json={"kind": "receipt", "sku": sku, "qty": MAX_MOVEMENT + 1}
    )
    assert refusal(response)["loc"] == ["body", "qty"]
    assert _movements(session) == before


def test_a_receipt_that_would_overflow_on_hand_is_refused(client: TestClient, session: Session) -> None:
    _, store, sku = stocked_store(session, on_hand=5)
    set_on_hand(session, stock_item(session, store, sku), INT4_MAX - 10, "count", "test")
    before = _movements(session)
    url = f"/api/stores/{store.code}/movements"
    detail = refusal(client.post(url, json={"kind": "receipt", "sku": sku, "qty": 11}), 409)
    assert detail["type"] == "stock_limit_exceeded" and detail["loc"] == ["body", "qty"]
    assert _movements(session) == before
    assert client.post(url, json={"kind": "receipt", "sku": sku, "qty": 10}).json()["on_hand"] == INT4_MAX


@pytest.mark.parametrize(
    "url",
    ["/api/pincodes/3000000000", "/api/pincodes/99999", "/api/skus?offset=10000000000000000000"],
)
def test_integers_past_their_bounds_are_422(client: TestClient, url: str) -> None:
    assert refusal(client.get(url))["type"] in {"less_than_equal", "greater_than_equal"}


@pytest.mark.parametrize(
    "created_at",
    [
        "1999-12-31T23:59:59+00:00",
        "9999-12-31T00:00:00+00:00",
        (datetime.now(UTC) + timedelta(days=2)).isoformat(),
    ],
)
def test_an_order_dated_out_of_range_is_a_422(client: TestClient, session: Session, created_at: str) -> None:
    home, _, sku = stocked_store(session, on_hand=5)
    order = {
        "order_id": "t-1",
        "pincode": home.pincode,
        "created_at": created_at,
        "lines": [{"sku": sku, "qty": 1}],
    }
    detail = refusal(client.post("/api/orders", json=order))
    assert detail["loc"] == ["body", "created_at"] and detail["type"] == "timestamp_out_of_range"


def test_an_order_a_little_ahead_of_the_clock_is_taken(client: TestClient, session: Session) -> None:
    home, _, sku = stocked_store(session, on_hand=5)
    at = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    order = {"order_id": "t-2", "pincode": home.pincode, "created_at": at, "lines": [{"sku": sku, "qty": 1}]}
    assert client.post("/api/orders", json=order).status_code == 201


def test_a_heatmap_from_without_to_is_bounded_too(client: TestClient) -> None:
    long_ago = (datetime.now(UTC) - timedelta(days=40)).isoformat()
    assert refusal(client.get("/api/heatmap", params={"from": long_ago}))["msg"].endswith("at most 31 days")
    assert refusal(client.get("/api/heatmap", params={"from": "1900-01-01T00:00:00Z"}))["loc"] == [
        "query",
        "from",
    ]
    recent = (datetime.now(UTC) - timedelta(days=2)).isoformat()
    assert client.get("/api/heatmap", params={"from": recent, "city": "BLR"}).status_code == 200


@pytest.mark.parametrize("url", ["/api/skus?bogus=1", "/api/health?x=", "/api/stores?city=BLR&citty=BLR"])
def test_an_unknown_query_parameter_is_a_422_naming_it(client: TestClient, url: str) -> None:
    detail = refusal(client.get(url))
    assert detail["loc"][0] == "query" and detail["type"] == "extra_forbidden"
    assert detail["loc"][1] in url


def test_a_422_does_not_echo_big_input(client: TestClient) -> None:
    response = client.post("/api/orders", json={"order_id": "x" * 5000, "pincode": 560003, "lines": []})
    assert len(response.content) < 2000
    details = response.json()["detail"]
    assert all(len(json.dumps(d["input"])) <= MAX_ECHO + 10 for d in details)
    assert refusal(client.post("/api/orders", json=[{"a": "b" * 300}] * 2))["input"] is None


def test_a_405_names_every_method_of_the_path(client: TestClient) -> None:
    response = client.delete("/api/stores")
    assert refusal(response, 405)["type"] == "method_not_allowed"
    assert response.headers["allow"] == "GET, HEAD, POST"


def test_a_body_over_the_limit_is_a_413(client: TestClient) -> None:
    detail = refusal(client.post("/api/orders/bulk", content=b"[" + b" " * 30_000_000), 413)
    assert detail["type"] == "body_too_large" and detail["loc"] == ["body"]


def _send_through_limit(
    headers: list[tuple[bytes, bytes]], chunks: int, chunk: bytes
) -> tuple[int, int, bool]:
    """Post `chunks` chunks through a BodySizeLimit of 1,000 bytes: (status, chunks read, app called)."""
    read = 0
    called = False
    sent: list[Message] = []

    async def receive() -> Message:
        nonlocal read
        read += 1
        return {"type": "http.request", "body": chunk, "more_body": read < chunks}

    async def send(message: Message) -> None:
        sent.append(message)

    async def app(scope: Scope, receive: Any, send: Any) -> None:
        nonlocal called
        called = True

    scope = {"type": "http", "method": "POST", "path": "/", "headers": headers}
    asyncio.run(BodySizeLimit(app, max_bytes=1000)(scope, receive, send))
    return sent[0]["status"], read, called


def test_a_declared_length_over_the_limit_is_refused_before_reading() -> None:
    assert _send_through_limit([(b"content-length", b"30000000")], 30_000, b"x" * 1000) == (413, 0, False)


def test_a_chunked_body_is_cut_off_once_past_the_limit() -> None:
    assert _send_through_limit([], 30_000, b"x" * 400) == (413, 3, False)


def test_every_operation_declares_its_refusals(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            declared = set(operation["responses"])
            assert {"413", "422"} <= declared, (method, path)
            assert ("400" in declared) == ("requestBody" in operation), (method, path)


def test_every_string_of_a_request_body_refuses_control_characters(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]

    def refs(schema: dict[str, Any]) -> list[str]:
        options = [schema, schema.get("items", {}), *schema.get("anyOf", [])]
        return [o["$ref"].rsplit("/", 1)[-1] for o in options if "$ref" in o] + [
            r for o in options if o is not schema and ("anyOf" in o or "items" in o) for r in refs(o)
        ]

    def strings(schema: dict[str, Any]) -> list[dict[str, Any]]:
        options = [schema, schema.get("items", {}), *schema.get("anyOf", [])]
        return [o for o in options if o.get("type") == "string" and not {"enum", "format", "const"} & set(o)]

    models = [
        ref
        for operations in spec["paths"].values()
        for operation in operations.values()
        if "requestBody" in operation
        for body in operation["requestBody"]["content"].values()
        for ref in refs(body["schema"])
    ]
    checked: dict[str, dict[str, Any]] = {}
    while models:
        name = models.pop()
        if name in {n.split(".")[0] for n in checked}:
            continue
        for prop, schema in schemas[name].get("properties", {}).items():
            checked.update({f"{name}.{prop}": s for s in strings(schema)})
            models += refs(schema)
    assert "OrderIn.order_id" in checked and "OrderLineIn.sku" in checked
    for where, schema in checked.items():
        assert re.search(schema.get("pattern", ""), "A\x00") is None, where
