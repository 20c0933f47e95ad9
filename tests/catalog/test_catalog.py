from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from fastcommerce.catalog.demo import demo_catalog
from tests.factories import make_sku


def test_demo_catalog_is_deterministic_and_varied() -> None:
    first, again = demo_catalog(500, seed=7), demo_catalog(500, seed=7)
    assert first == again
    assert len(first) == 500
    assert len({s.sku for s in first}) == 500
    assert len({s.name for s in first}) == 500
    assert len({s.category for s in first}) >= 12
    assert all(s.price_paise > 0 and s.price_paise % 100 == 0 for s in first)
    perishable = [s for s in first if s.category in ("Dairy & Breakfast", "Meat & Eggs")]
    assert perishable and all(s.shelf_life_days <= 3 for s in perishable)


def test_skus_endpoint_lists_pinned_fields_and_filters(client: TestClient, session: Session) -> None:
    dairy = make_sku(session, category="Test Dairy", price_paise=5600, case_pack=12)
    make_sku(session, category="Test Snacks")
    rows = client.get("/api/skus", params={"category": "Test Dairy"}).json()
    assert rows == [
        {
            "sku": dairy,
            "name": f"Test item {dairy}",
            "category": "Test Dairy",
            "case_pack": 12,
            "shelf_life_days": 30,
            "price_paise": 5600,
        }
    ]
