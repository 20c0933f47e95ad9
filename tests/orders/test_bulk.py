from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from fastcommerce.config import get_settings
from fastcommerce.inventory.reconciliation import check_ledger
from tests.factories import stocked_store
from tests.orders.test_orders_api import rows_written


def test_bulk_places_the_valid_orders_and_reports_the_bad_ones_by_index(
    client: TestClient, session: Session
) -> None:
    home, _, sku = stocked_store(session, 3)
    good = {"order_id": "B-1", "pincode": home.pincode, "lines": [{"sku": sku, "qty": 2}]}
    orders = [
        good,
        {"order_id": "B-2", "pincode": home.pincode, "lines": [{"sku": sku, "qty": 0}]},
        {
            "order_id": "B-3",
            "pincode": home.pincode,
            "lines": [{"sku": sku, "qty": 1}, {"sku": "NOPE", "qty": 1}],
        },
        good,
        {**good, "lines": [{"sku": sku, "qty": 1}]},
        "not an order",
        {"order_id": "B-4", "pincode": home.pincode, "lines": [{"sku": sku, "qty": 5}]},
    ]
    response = client.post("/api/orders/bulk", json=orders)
    assert response.status_code == 200
    body = response.json()
    assert [r["status"] for r in body["results"]] == [
        "created",
        "rejected",
        "rejected",
        "duplicate",
        "rejected",
        "rejected",
        "created",
    ]
    assert (body["created"], body["duplicate"], body["rejected"]) == (2, 1, 4)
    assert body["results"][1]["errors"][0]["loc"] == [1, "lines", 0, "qty"]
    assert body["results"][2]["errors"][0]["loc"] == [2, "lines", 1, "sku"]
    assert body["results"][4]["errors"][0]["type"] == "order_conflict"
    # B-3 was all-or-nothing: its valid first line took no stock; B-4 got the one unit left.
    assert body["results"][6]["order"]["lines"] == [{"sku": sku, "requested": 5, "fulfilled": 1, "lost": 4}]
    assert rows_written(session) == (2, 2)
    assert check_ledger(session) == []


def test_bulk_refuses_more_than_the_limit_and_non_arrays(client: TestClient) -> None:
    limit = get_settings().bulk_order_limit
    too_many = client.post("/api/orders/bulk", json=[{}] * (limit + 1))
    assert too_many.status_code == 422
    assert too_many.json()["detail"][0]["loc"] == ["body"]
    assert client.post("/api/orders/bulk", json={"order_id": "x"}).status_code == 422
