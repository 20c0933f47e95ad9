from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fastcommerce.geo.models import Pincode
from fastcommerce.inventory.reconciliation import check_ledger
from fastcommerce.orders.models import CustomerOrder, OrderLine
from fastcommerce.stores.models import ServiceArea
from tests.factories import make_sku, make_store, pincodes, receive, stocked_store


def rows_written(session: Session) -> tuple[int, int]:
    orders = session.scalar(select(func.count()).select_from(CustomerOrder)) or 0
    lines = session.scalar(select(func.count()).select_from(OrderLine)) or 0
    return orders, lines


def unserved_pincode(session: Session) -> int:
    served = select(ServiceArea.pincode)
    return session.scalars(select(Pincode.pincode).where(Pincode.pincode.not_in(served)).limit(1)).one()


def test_each_line_gets_what_the_store_holds_and_the_rest_is_lost(
    client: TestClient, session: Session
) -> None:
    home = pincodes(session)[0]
    store = make_store(session, home)
    milk, bread, eggs = make_sku(session), make_sku(session), make_sku(session)
    receive(session, store, milk, 5)
    receive(session, store, bread, 1)
    order = {
        "order_id": "O-1",
        "pincode": home.pincode,
        "created_at": "2026-11-20T19:30:00+05:30",
        "lines": [{"sku": milk, "qty": 2}, {"sku": bread, "qty": 3}, {"sku": eggs, "qty": 1}],
    }
    response = client.post("/api/orders", json=order)
    assert response.status_code == 201
    body = response.json()
    assert body["store_code"] == store.code
    assert body["created_at"] == "2026-11-20T14:00:00Z"
    assert body["lines"] == [
        {"sku": milk, "requested": 2, "fulfilled": 2, "lost": 0},
        {"sku": bread, "requested": 3, "fulfilled": 1, "lost": 2},
        {"sku": eggs, "requested": 1, "fulfilled": 0, "lost": 1},
    ]
    inventory = {r["sku"]: r["on_hand"] for r in client.get(f"/api/stores/{store.code}/inventory").json()}
    assert inventory == {milk: 3, bread: 0}
    assert client.get("/api/orders/O-1").json() == body
    assert check_ledger(session) == []


def test_an_order_from_an_unserved_pincode_is_all_lost_with_no_store(
    client: TestClient, session: Session
) -> None:
    sku = make_sku(session)
    pincode = unserved_pincode(session)
    response = client.post(
        "/api/orders", json={"order_id": "U-1", "pincode": pincode, "lines": [{"sku": sku, "qty": 4}]}
    )
    assert response.status_code == 201
    assert response.json()["store_code"] is None
    assert response.json()["lines"] == [{"sku": sku, "requested": 4, "fulfilled": 0, "lost": 4}]
    assert rows_written(session) == (1, 1)


def test_a_retry_returns_the_first_result_and_a_changed_body_conflicts(
    client: TestClient, session: Session
) -> None:
    home, store, sku = stocked_store(session, 3)
    order = {"order_id": "R-1", "pincode": home.pincode, "lines": [{"sku": sku, "qty": 2}]}
    first = client.post("/api/orders", json=order)
    retry = client.post("/api/orders", json=order)
    assert (first.status_code, retry.status_code) == (201, 200)
    assert retry.json() == first.json()
    changed = client.post("/api/orders", json={**order, "lines": [{"sku": sku, "qty": 1}]})
    assert changed.status_code == 409
    assert changed.json()["detail"][0]["loc"] == ["body", "order_id"]
    assert rows_written(session) == (1, 1)
    inventory = client.get(f"/api/stores/{store.code}/inventory").json()
    assert inventory[0]["on_hand"] == 1


def valid_order(session: Session) -> dict[str, Any]:
    home = pincodes(session)[0]
    make_store(session, home)
    return {"order_id": "V-1", "pincode": home.pincode, "lines": [{"sku": make_sku(session), "qty": 1}]}


@pytest.mark.parametrize(
    ("change", "loc"),
    [
        ({"lines": [{"sku": "NOPE", "qty": 1}]}, ["body", "lines", 0, "sku"]),
        ({"pincode": 999999}, ["body", "pincode"]),
        ({"pincode": 12345}, ["body", "pincode"]),
        ({"pincode": "560034"}, ["body", "pincode"]),
        ({"lines": [{"sku": "X", "qty": 0}]}, ["body", "lines", 0, "qty"]),
        ({"lines": [{"sku": "X", "qty": 1.5}]}, ["body", "lines", 0, "qty"]),
        ({"lines": [{"sku": "X", "qty": True}]}, ["body", "lines", 0, "qty"]),
        ({"lines": []}, ["body", "lines"]),
        ({"order_id": ""}, ["body", "order_id"]),
        ({"created_at": "2026-11-20T19:30:00"}, ["body", "created_at"]),
        ({"created_at": "yesterday"}, ["body", "created_at"]),
        ({"coupon": "FREE"}, ["body", "coupon"]),
    ],
)
def test_bad_orders_get_422_naming_the_field_and_write_nothing(
    client: TestClient, session: Session, change: dict[str, Any], loc: list[Any]
) -> None:
    body = {**valid_order(session), **change}
    response = client.post("/api/orders", json=body)
    assert response.status_code == 422
    assert loc in [d["loc"] for d in response.json()["detail"]]
    assert rows_written(session) == (0, 0)


def test_every_unknown_sku_is_named_at_once(client: TestClient, session: Session) -> None:
    body = {**valid_order(session)}
    body["lines"] = [body["lines"][0], {"sku": "NOPE-1", "qty": 1}, {"sku": "NOPE-2", "qty": 1}]
    response = client.post("/api/orders", json=body)
    assert response.status_code == 422
    assert [(d["loc"], d["input"]) for d in response.json()["detail"]] == [
        (["body", "lines", 1, "sku"], "NOPE-1"),
        (["body", "lines", 2, "sku"], "NOPE-2"),
    ]
    assert rows_written(session) == (0, 0)


def test_malformed_json_is_422(client: TestClient, session: Session) -> None:
    response = client.post(
        "/api/orders", content=b'{"order_id": "M-1",', headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "json_invalid"
    assert rows_written(session) == (0, 0)
