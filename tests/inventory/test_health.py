from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from fastcommerce.inventory.service import set_on_hand
from tests.factories import make_sku, make_store, pincodes, stock_item


def test_stock_health_counts_skus_at_reorder_point_and_out_of_stock(
    client: TestClient, session: Session
) -> None:
    home = pincodes(session)[0]
    store = make_store(session, home)
    empty = make_store(session, pincodes(session)[-1])
    for on_hand, reorder_point in ((0, 5), (5, 5), (6, 5), (0, None)):
        set_on_hand(
            session, stock_item(session, store, make_sku(session)), on_hand, "count", "test", reorder_point
        )
    health = {h["store_code"]: h for h in client.get("/api/inventory/health", params={"city": "BLR"}).json()}
    assert health[store.code] == {
        "store_code": store.code,
        "city": "BLR",
        "skus": 4,
        "below_reorder_point": 2,
        "out_of_stock": 2,
    }
    assert (health[empty.code]["skus"], health[empty.code]["out_of_stock"]) == (0, 0)
    assert client.get("/api/inventory/health", params={"city": "DEL"}).json() == []
