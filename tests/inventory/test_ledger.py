import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from fastcommerce.inventory.models import StockMovement
from fastcommerce.inventory.reconciliation import check_ledger
from tests.factories import make_sku, make_store, pincodes, receive


def movements(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(StockMovement)) or 0


def on_hand(client: TestClient, store: str, sku: str) -> int:
    rows = client.get(f"/api/stores/{store}/inventory").json()
    return next(r["on_hand"] for r in rows if r["sku"] == sku)


def test_receipt_wastage_and_adjustment_change_on_hand_through_the_ledger(
    client: TestClient, session: Session
) -> None:
    store = make_store(session, pincodes(session)[0])
    sku = make_sku(session)
    url = f"/api/stores/{store.code}/movements"
    receipt = client.post(url, json={"kind": "receipt", "sku": sku, "qty": 24, "reference": "PO-1"})
    assert receipt.status_code == 201
    assert receipt.json()["on_hand"] == 24
    assert client.post(url, json={"kind": "wastage", "sku": sku, "qty": 3}).json()["on_hand"] == 21
    assert client.post(url, json={"kind": "adjustment", "sku": sku, "qty": -1}).json()["on_hand"] == 20
    assert on_hand(client, store.code, sku) == 20

    ledger = client.get(url, params={"sku": sku}).json()
    assert [(m["kind"], m["qty"]) for m in ledger] == [("adjustment", -1), ("wastage", -3), ("receipt", 24)]
    assert ledger[-1]["reference"] == "PO-1"
    assert check_ledger(session) == []


def test_taking_more_than_on_hand_is_refused_and_writes_nothing(client: TestClient, session: Session) -> None:
    store = make_store(session, pincodes(session)[0])
    sku = make_sku(session)
    receive(session, store, sku, 5)
    before = movements(session)
    response = client.post(
        f"/api/stores/{store.code}/movements", json={"kind": "wastage", "sku": sku, "qty": 6}
    )
    assert response.status_code == 409
    detail = response.json()["detail"][0]
    assert detail["type"] == "insufficient_stock" and detail["loc"] == ["body", "qty"]
    assert "holds 5" in detail["msg"]
    assert movements(session) == before
    assert on_hand(client, store.code, sku) == 5


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "adjustment", "sku": "X", "qty": 0}, "qty"),
        ({"kind": "receipt", "sku": "X", "qty": -4}, "qty"),
        ({"kind": "receipt", "sku": "X", "qty": "many"}, "qty"),
        ({"kind": "theft", "sku": "X", "qty": 1}, "kind"),
        ({"kind": "receipt", "qty": 1}, "sku"),
    ],
)
def test_bad_movements_are_422_naming_the_field(
    client: TestClient, session: Session, body: dict[str, object], field: str
) -> None:
    store = make_store(session, pincodes(session)[0])
    before = movements(session)
    response = client.post(f"/api/stores/{store.code}/movements", json=body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == field
    assert movements(session) == before


def test_unknown_sku_and_store_are_named(client: TestClient, session: Session) -> None:
    store = make_store(session, pincodes(session)[0])
    unknown_sku = client.post(
        f"/api/stores/{store.code}/movements", json={"kind": "receipt", "sku": "NOPE", "qty": 1}
    )
    assert unknown_sku.status_code == 422
    assert unknown_sku.json()["detail"][0] == {
        "loc": ["body", "sku"],
        "msg": "unknown SKU 'NOPE'",
        "type": "unknown_sku",
        "input": "NOPE",
    }
    assert (
        client.post("/api/stores/NOPE/movements", json={"kind": "receipt", "sku": "X", "qty": 1}).status_code
        == 404
    )
    assert client.get("/api/stores/NOPE/inventory").status_code == 404


def test_transfer_moves_units_between_stores_or_nothing(client: TestClient, session: Session) -> None:
    pins = pincodes(session)
    a, b = make_store(session, pins[0]), make_store(session, pins[-1])
    sku = make_sku(session)
    receive(session, a, sku, 10)
    ok = client.post("/api/transfers", json={"from_store": a.code, "to_store": b.code, "sku": sku, "qty": 4})
    assert ok.status_code == 201
    assert {r["store_code"]: r["on_hand"] for r in ok.json()} == {a.code: 6, b.code: 4}
    too_many = client.post(
        "/api/transfers", json={"from_store": a.code, "to_store": b.code, "sku": sku, "qty": 7}
    )
    assert too_many.status_code == 409
    assert (on_hand(client, a.code, sku), on_hand(client, b.code, sku)) == (6, 4)
    same = client.post(
        "/api/transfers", json={"from_store": a.code, "to_store": a.code, "sku": sku, "qty": 1}
    )
    assert same.status_code == 422
    unknown = client.post(
        "/api/transfers", json={"from_store": a.code, "to_store": "NOPE", "sku": sku, "qty": 1}
    )
    assert unknown.status_code == 422 and unknown.json()["detail"][0]["loc"] == ["body", "to_store"]
    assert check_ledger(session) == []


def test_on_hand_can_never_go_below_zero_even_by_direct_sql(session: Session) -> None:
    store = make_store(session, pincodes(session)[0])
    sku = make_sku(session)
    receive(session, store, sku, 1)
    with pytest.raises(IntegrityError, match="on_hand_not_negative"), session.begin_nested():
        session.execute(text("UPDATE stock_level SET on_hand = -1 WHERE store_id = :s"), {"s": store.id})


def test_check_ledger_finds_an_on_hand_changed_behind_the_ledgers_back(session: Session) -> None:
    store = make_store(session, pincodes(session)[0])
    sku = make_sku(session)
    receive(session, store, sku, 8)
    assert check_ledger(session) == []
    session.execute(text("UPDATE stock_level SET on_hand = 9 WHERE store_id = :s"), {"s": store.id})
    [mismatch] = check_ledger(session)
    assert (mismatch.check, mismatch.store_code, mismatch.sku) == ("on_hand_vs_ledger", store.code, sku)
    assert (mismatch.expected, mismatch.actual) == (8, 9)


def test_inventory_is_paginated_and_filtered(client: TestClient, session: Session) -> None:
    store = make_store(session, pincodes(session)[0])
    skus = [make_sku(session, category="Paged") for _ in range(5)]
    for i, sku in enumerate(skus):
        receive(session, store, sku, i + 1)
    page = client.get(
        f"/api/stores/{store.code}/inventory", params={"category": "Paged", "limit": 2, "offset": 2}
    )
    assert page.headers["X-Total-Count"] == "5"
    assert [r["sku"] for r in page.json()] == sorted(skus)[2:4]
    assert client.get(f"/api/stores/{store.code}/inventory", params={"limit": 0}).status_code == 422
