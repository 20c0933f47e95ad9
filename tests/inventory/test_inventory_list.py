"""A store's inventory list: search, filters, sort (both directions, ties by sku, rows without a value last),
paging with X-Total-Count, and its CSV export, which holds the same rows."""

import csv
import io
import itertools
from datetime import datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from fastcommerce.catalog.schemas import SkuCreate
from fastcommerce.catalog.service import add_skus
from fastcommerce.inventory.service import set_on_hand
from fastcommerce.stores.models import Store
from tests.factories import make_store, pincodes, stock_item

_batches = itertools.count(1)

# name, category, on hand, reorder point, max stock
STOCK: list[tuple[str, str, int, int | None, int | None]] = [
    ("Amul Milk 1 L", "Dairy", 0, 5, 20),
    ("Brown Bread", "Bakery", 3, 5, 30),
    ("Milk Bread", "Bakery", 12, 5, 30),
    ("Mango Juice 100%", "Beverages", 7, None, None),
    ("Oat Milk", "Dairy", 5, 5, 25),
    ("Salted Chips", "Snacks", 0, None, 40),
    ("Salted Chips", "Snacks", 5, 2, 40),
]
SORT_KEYS = ("sku", "name", "category", "on_hand", "reorder_point", "max_stock", "updated_at")


@pytest.fixture
def store(session: Session) -> Store:
    """A store holding STOCK, under SKU codes of their own (P<batch>-01 …), in the order of STOCK."""
    prefix = f"P{next(_batches):03d}"
    store = make_store(session, pincodes(session)[0])
    skus = [
        SkuCreate(
            sku=f"{prefix}-{i:02d}",
            name=name,
            category=category,
            case_pack=6,
            shelf_life_days=30,
            price_paise=1000,
        )
        for i, (name, category, *_) in enumerate(STOCK, start=1)
    ]
    add_skus(session, skus)
    for sku, (_, _, on_hand, reorder_point, max_stock) in zip(skus, STOCK, strict=True):
        item = stock_item(session, store, sku.sku)
        set_on_hand(session, item, on_hand, "count", "test", reorder_point, max_stock)
    return store


def inventory(client: TestClient, store: Store, **params: Any) -> tuple[list[dict[str, Any]], int]:
    response = client.get(f"/api/stores/{store.code}/inventory", params=params)
    assert response.status_code == 200, response.text
    return response.json(), int(response.headers["X-Total-Count"])


def names(rows: list[dict[str, Any]]) -> list[str]:
    return [row["name"] for row in rows]


def test_search_matches_a_substring_of_the_name_or_code_in_any_case(client: TestClient, store: Store) -> None:
    rows, total = inventory(client, store, q="MILK")
    assert names(rows) == ["Amul Milk 1 L", "Milk Bread", "Oat Milk"] and total == 3
    code = rows[1]["sku"]
    assert names(inventory(client, store, q=code.lower())[0]) == ["Milk Bread"]
    # LIKE's wildcards are searched for as themselves
    assert names(inventory(client, store, q="100%")[0]) == ["Mango Juice 100%"]
    assert inventory(client, store, q="_")[1] == 0
    assert inventory(client, store, q="  bread ")[1] == 2
    assert inventory(client, store, q="")[1] == len(STOCK)


def _sort_value(key: str, value: Any) -> Any:
    return datetime.fromisoformat(value) if key == "updated_at" else value


def expected_order(rows: list[dict[str, Any]], key: str, descending: bool) -> list[str]:
    """Skus by `key` (ties by sku, ascending), rows without a value last in either direction."""
    by_sku = sorted(rows, key=lambda row: row["sku"])
    valued = [row for row in by_sku if row[key] is not None]
    valued.sort(key=lambda row: _sort_value(key, row[key]), reverse=descending)  # stable: ties stay by sku
    return [row["sku"] for row in valued] + [row["sku"] for row in by_sku if row[key] is None]


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("key", SORT_KEYS)
def test_each_column_sorts_both_ways_with_ties_by_sku(
    client: TestClient, store: Store, key: str, descending: bool
) -> None:
    every, _ = inventory(client, store)
    rows, total = inventory(client, store, sort=f"-{key}" if descending else key)
    assert total == len(STOCK)
    assert [row["sku"] for row in rows] == expected_order(every, key, descending)


def test_ties_are_broken_by_sku_and_missing_values_come_last(client: TestClient, store: Store) -> None:
    rows, _ = inventory(client, store, sort="-reorder_point")
    assert [row["reorder_point"] for row in rows] == [5, 5, 5, 5, 2, None, None]
    tied = [row["sku"] for row in rows[:4]]
    assert tied == sorted(tied)
    chips = [row["sku"] for row in inventory(client, store, sort="-name")[0][:2]]
    assert chips == sorted(chips)


def test_filters_combine_and_page(client: TestClient, store: Store) -> None:
    rows, total = inventory(client, store, category="Bakery", below_reorder_point=True)
    assert names(rows) == ["Brown Bread"] and total == 1
    rows, total = inventory(client, store, out_of_stock=True)
    assert names(rows) == ["Amul Milk 1 L", "Salted Chips"] and total == 2
    rows, total = inventory(client, store, out_of_stock=True, below_reorder_point=True)
    assert names(rows) == ["Amul Milk 1 L"]  # the other one has no reorder point
    milk = {"q": "milk", "category": "Dairy", "below_reorder_point": True}
    rows, total = inventory(client, store, **milk, sort="-on_hand")
    assert names(rows) == ["Oat Milk", "Amul Milk 1 L"] and total == 2
    rows, total = inventory(client, store, sort="-on_hand", limit=2, offset=2)
    assert [row["on_hand"] for row in rows] == [5, 5] and total == len(STOCK)
    assert inventory(client, store, q="milk", offset=10) == ([], 3)


def csv_rows(client: TestClient, store: Store, **params: Any) -> list[dict[str, str]]:
    response = client.get(f"/api/stores/{store.code}/inventory.csv", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == f'attachment; filename="{store.code}-inventory.csv"'
    return list(csv.DictReader(io.StringIO(response.text)))


def as_text(row: dict[str, Any]) -> dict[str, str]:
    return {key: "" if value is None else str(value) for key, value in row.items()}


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "milk", "sort": "-on_hand"},
        {"category": "Snacks", "out_of_stock": True},
        {"below_reorder_point": True, "sort": "-max_stock"},
    ],
)
def test_the_csv_holds_the_rows_of_the_json_list(
    client: TestClient, store: Store, params: dict[str, Any]
) -> None:
    rows, total = inventory(client, store, **params)
    exported = csv_rows(client, store, **params)
    assert len(exported) == total
    assert [{**row, "updated_at": ""} for row in exported] == [
        {**as_text(row), "updated_at": ""} for row in rows
    ]
    for row, exported_row in zip(rows, exported, strict=True):
        assert datetime.fromisoformat(exported_row["updated_at"]) == datetime.fromisoformat(row["updated_at"])


def test_the_csv_is_not_paged(client: TestClient, store: Store) -> None:
    assert len(csv_rows(client, store)) == len(STOCK)
    response = client.get(f"/api/stores/{store.code}/inventory.csv", params={"limit": 2})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "limit"]


BAD_FILTERS: list[tuple[dict[str, Any], str]] = [
    ({"sort": "price"}, "sort"),
    ({"sort": "--sku"}, "sort"),
    ({"q": "x" * 81}, "q"),
    ({"category": "x" * 61}, "category"),
    ({"out_of_stock": "maybe"}, "out_of_stock"),
]


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [("inventory", params, field) for params, field in [*BAD_FILTERS, ({"limit": 0}, "limit")]]
    + [("inventory.csv", params, field) for params, field in BAD_FILTERS],
)
def test_bad_parameters_are_422_naming_the_field(
    client: TestClient, store: Store, path: str, params: dict[str, Any], field: str
) -> None:
    response = client.get(f"/api/stores/{store.code}/{path}", params=params)
    assert response.status_code == 422
    (detail,) = response.json()["detail"]
    assert detail["loc"] == ["query", field]
    assert detail["input"] == str(params[field])


def test_an_unknown_or_overlong_store_code_is_refused(client: TestClient, store: Store) -> None:
    for path in ("inventory", "inventory.csv"):
        assert client.get(f"/api/stores/NOPE-1/{path}").status_code == 404
        response = client.get(f"/api/stores/{'X' * 33}/{path}")
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["path", "code"]
