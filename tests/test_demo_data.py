"""The demo data set and the sample files in data/ load cleanly, twice."""

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from fastcommerce.config import get_settings
from fastcommerce.imports.service import import_inventory, import_orders
from fastcommerce.inventory.models import StockMovement
from fastcommerce.inventory.reconciliation import check_ledger
from fastcommerce.seed import seed_demo
from fastcommerce.stores.models import ServiceArea, Store, StoreCategoryCapacity

DATA = Path(__file__).parent.parent / "data"


def test_demo_seed_and_sample_files_load_once(committed: sessionmaker[Session]) -> None:
    settings = get_settings()
    with committed() as session:
        first = seed_demo(session, settings)
        inventory = import_inventory(session, DATA / "raw_inventory_data.csv")
        orders = import_orders(session, DATA / "mock_order_data.json")
        session.commit()
        assert first.new_stores == sum(c.demo_store_count for c in settings.cities) == 30
        assert first.new_skus == 500
        assert first.new_stock_rows == 30 * 500
        assert first.new_hub_stock_rows == 3 * 500
        assert inventory.rows == 60 and not inventory.skipped_as_already_imported
        assert orders.created == 240 and orders.units_lost > 0
        places = session.execute(
            select(Store.city, Store.kind, func.count()).group_by(Store.city, Store.kind)
        )
        assert {(city, kind): n for city, kind, n in places} == {
            **{(city, "dark_store"): 10 for city in ("BLR", "DEL", "BOM")},
            **{(city, "hub"): 1 for city in ("BLR", "DEL", "BOM")},
        }
        hubs = session.execute(select(Store.code, Store.hub_id).where(Store.kind == "dark_store")).all()
        assert all(hub_id is not None for _, hub_id in hubs)
        assert session.scalar(select(func.count()).select_from(ServiceArea)) == first.served_pincodes > 100
        movements = session.scalar(select(func.count()).select_from(StockMovement))
        room = StoreCategoryCapacity
        freezers = session.execute(
            select(room.category, func.count(), func.min(room.capacity_units)).group_by(room.category)
        ).all()
        assert [(category, n) for category, n, _ in freezers] == [("Ice Cream & Frozen", 30)]
        assert freezers[0][2] > 0

    with committed() as session:
        second = seed_demo(session, settings)
        assert (second.new_stores, second.new_skus, second.new_stock_rows, second.new_hub_stock_rows) == (
            0,
            0,
            0,
            0,
        )
        assert import_inventory(session, DATA / "raw_inventory_data.csv").skipped_as_already_imported
        assert import_orders(session, DATA / "mock_order_data.json").skipped_as_already_imported
        session.commit()
        assert session.scalar(select(func.count()).select_from(StockMovement)) == movements
        assert check_ledger(session) == []
