import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fastcommerce.errors import ImportRejected
from fastcommerce.imports.service import import_inventory, import_orders
from fastcommerce.inventory.models import StockLevel, StockMovement
from fastcommerce.inventory.reconciliation import check_ledger
from fastcommerce.orders.models import CustomerOrder
from tests.factories import make_sku, make_store, pincodes, receive


def count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def level(session: Session, store_id: int) -> list[tuple[int, int | None, int | None]]:
    return [
        (r.on_hand, r.reorder_point, r.max_stock)
        for r in session.scalars(
            select(StockLevel).where(StockLevel.store_id == store_id).order_by(StockLevel.sku_id)
        )
    ]


def test_a_stock_count_sets_on_hand_through_adjustments_once(session: Session, tmp_path: Path) -> None:
    store = make_store(session, pincodes(session)[0])
    counted, fresh = make_sku(session), make_sku(session)
    receive(session, store, counted, 10)
    path = tmp_path / "count.csv"
    path.write_text(
        f"store_code,sku,on_hand,reorder_point,max_stock\n{store.code},{counted},7,4,24\n{store.code},{fresh},12,,\n"
    )
    progress: list[int] = []
    summary = import_inventory(session, path, lambda n, total: progress.append(total))
    assert (summary.rows, summary.changed) == (2, 2)
    assert progress == [2, 2]
    assert level(session, store.id) == [(7, 4, 24), (12, None, None)]
    adjustments = session.scalars(select(StockMovement.qty).where(StockMovement.kind == "adjustment")).all()
    assert sorted(adjustments) == [-3, 12]
    assert check_ledger(session) == []

    movements = count(session, StockMovement)
    again = import_inventory(session, path)
    assert again.skipped_as_already_imported
    assert count(session, StockMovement) == movements


def test_a_bad_stock_file_is_rejected_whole_with_every_bad_row(session: Session, tmp_path: Path) -> None:
    store = make_store(session, pincodes(session)[0])
    sku = make_sku(session)
    path = tmp_path / "bad.csv"
    path.write_text(
        "store_code,sku,on_hand,reorder_point,max_stock\n"
        f"{store.code},{sku},5,,\n"
        f"{store.code},NOPE,5,,\n"
        f"NOWHERE,{sku},-2,,\n"
        f"{store.code},{sku},x,,\n"
        f"{store.code},{make_sku(session)},5,9,3\n"
        f"{store.code},{sku},1,2,3,4\n"
    )
    with pytest.raises(ImportRejected) as rejected:
        import_inventory(session, path)
    assert [str(e) for e in rejected.value.errors] == [
        "line 3: sku: unknown SKU 'NOPE'",
        "line 4: on_hand: -2 is negative",
        "line 4: store_code: unknown store 'NOWHERE'",
        "line 5: on_hand: 'x' is not a whole number",
        f"line 5: sku: {sku} at {store.code} already given on line 2",
        "line 6: reorder_point: 9 is above max_stock 3",
        "line 7: row: has more than the 5 fields of the header",
    ]
    assert count(session, StockMovement) == 0


def test_a_stock_file_with_wrong_columns_is_rejected(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "cols.csv"
    path.write_text("store,sku,qty\nA,B,1\n")
    with pytest.raises(ImportRejected) as rejected:
        import_inventory(session, path)
    assert [str(e) for e in rejected.value.errors] == [
        "line 1: store_code: required column is missing",
        "line 1: on_hand: required column is missing",
        "line 1: store: unknown column",
        "line 1: qty: unknown column",
    ]


def test_orders_file_is_placed_through_the_ordering_service_once(session: Session, tmp_path: Path) -> None:
    home = pincodes(session)[0]
    store = make_store(session, home)
    sku = make_sku(session)
    receive(session, store, sku, 4)
    orders = [
        {
            "order_id": f"F-{n}",
            "pincode": home.pincode,
            "created_at": "2026-11-20T08:00:00+05:30",
            "lines": [{"sku": sku, "qty": 3}],
        }
        for n in range(2)
    ]
    path = tmp_path / "orders.json"
    path.write_text(json.dumps(orders))
    summary = import_orders(session, path)
    assert (summary.created, summary.units_fulfilled, summary.units_lost) == (2, 4, 2)
    assert import_orders(session, path).skipped_as_already_imported

    # The same orders inside another file are recognised one by one.
    path.write_text(json.dumps(orders, indent=2))
    again = import_orders(session, path)
    assert (again.created, again.duplicate) == (0, 2)
    assert count(session, CustomerOrder) == 2
    assert check_ledger(session) == []


def test_a_bad_orders_file_is_rejected_whole(session: Session, tmp_path: Path) -> None:
    home = pincodes(session)[0]
    make_store(session, home)
    sku = make_sku(session)
    good = {"order_id": "G-1", "pincode": home.pincode, "lines": [{"sku": sku, "qty": 1}]}
    path = tmp_path / "orders.json"
    path.write_text(
        json.dumps(
            [
                good,
                {"order_id": "G-2", "pincode": home.pincode, "lines": [{"sku": "NOPE", "qty": 1}]},
                {"order_id": "G-3", "pincode": 999999, "lines": [{"sku": sku, "qty": 0}]},
                {**good, "lines": [{"sku": sku, "qty": 2}]},
            ]
        )
    )
    with pytest.raises(ImportRejected) as rejected:
        import_orders(session, path)
    assert [str(e) for e in rejected.value.errors] == [
        "order 1 (G-2): lines.0.sku: unknown SKU 'NOPE'",
        "order 2: lines.0.qty: Input should be greater than or equal to 1",
        "order 3 (G-1): order_id: order 'G-1' was already placed with a different body",
    ]
    assert count(session, CustomerOrder) == 0

    path.write_text("[{")
    with pytest.raises(ImportRejected, match="1 bad row"):
        import_orders(session, path)


def test_rejected_rows_speak_the_common_error_shape(session: Session, tmp_path: Path) -> None:
    home = pincodes(session)[0]
    make_store(session, home)
    path = tmp_path / "orders.json"
    path.write_text(
        json.dumps([{"order_id": "R-1", "pincode": home.pincode, "lines": [{"sku": "NOPE", "qty": 1}]}])
    )
    with pytest.raises(ImportRejected) as rejected:
        import_orders(session, path)
    assert rejected.value.details() == [
        {
            "loc": ["order", 0, "lines", 0, "sku"],
            "msg": "unknown SKU 'NOPE'",
            "type": "unknown_sku",
            "input": "NOPE",
        }
    ]
    path = tmp_path / "count.csv"
    path.write_text("store_code,sku,on_hand\nNOWHERE,NOPE,-1\n")
    with pytest.raises(ImportRejected) as rejected:
        import_inventory(session, path)
    assert [(d["loc"], d["input"]) for d in rejected.value.details()] == [
        (["line", 2, "on_hand"], -1),
        (["line", 2, "store_code"], "NOWHERE"),
        (["line", 2, "sku"], "NOPE"),
    ]
