"""GET /api/forecasts/series: the latest finished run's series, to find the ones worth a look."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from fastcommerce.catalog.service import sku_ids_by_code
from fastcommerce.forecasting.models import ForecastRun, ForecastSeries
from fastcommerce.stores.models import Store
from tests.factories import make_sku, make_store, pincodes

Series = tuple[
    Store, str, str, float | None, float | None, float | None
]  # store, sku, model, wape, mase, units


def make_run(session: Session, series: list[Series], status: str = "done") -> ForecastRun:
    """A forecast run that used `model` for each store × SKU, with that backtest accuracy."""
    run = ForecastRun(model="auto", horizon_days=7, history_days=28, status=status, series=len(series))
    session.add(run)
    session.flush()
    ids = sku_ids_by_code(session, [sku for _, sku, *_ in series])
    reasons = {None: "all zero"}
    session.add_all(
        ForecastSeries(
            run_id=run.id,
            store_id=store.id,
            sku_id=ids[sku],
            model=model,
            reason=reasons.get(wape, "best backtest score"),
            wape=wape,
            mase=mase,
            backtest_units=units,
        )
        for store, sku, model, wape, mase, units in series
    )
    session.flush()
    return run


@pytest.fixture
def planned(session: Session) -> tuple[list[Store], list[str]]:
    """Two stores, four SKUs, a finished run whose accuracy is known, and an older one and a running one
    (neither of which the list may show)."""
    home, other = pincodes(session)[:2]
    north, south = make_store(session, home), make_store(session, other)
    milk, bread, eggs, salt = (make_sku(session) for _ in range(4))
    make_run(session, [(north, milk, "ets", 0.01, 0.1, 1.0)])
    make_run(
        session,
        [
            # a small series badly forecast: the worst WAPE, but few units missed
            (north, milk, "croston", 1.5, 2.0, 4.0),
            # a big series forecast well: a low WAPE, yet the most units missed
            (north, bread, "ets", 0.2, 0.7, 500.0),
            (south, bread, "arima", 0.4, 0.9, 50.0),
            (south, eggs, "ets", 0.3, 0.8, 100.0),
            (north, salt, "zero", None, None, None),
        ],
    )
    make_run(session, [(north, milk, "arima", 0.5, 1.0, 1.0)], status="running")
    return [north, south], [milk, bread, eggs, salt]


def listed(client: TestClient, **params: str | int) -> tuple[list[tuple[str, str]], int]:
    response = client.get("/api/forecasts/series", params=params)
    assert response.status_code == 200, response.text
    return [(row["store"], row["sku"]) for row in response.json()], int(response.headers["X-Total-Count"])


def test_the_series_that_missed_the_most_units_come_first(
    client: TestClient, planned: tuple[list[Store], list[str]]
) -> None:
    (north, south), (milk, bread, eggs, salt) = planned
    rows, total = listed(client)
    # units missed: bread at north 100, eggs 30, bread at south 20, milk 6; salt has no backtest: last
    assert rows == [
        (north.code, bread),
        (south.code, eggs),
        (south.code, bread),
        (north.code, milk),
        (north.code, salt),
    ]
    assert total == 5
    first = client.get("/api/forecasts/series").json()[0]
    assert first == {
        "store": north.code,
        "sku": bread,
        "name": f"Test item {bread}",
        "category": "Snacks",
        "model": "ets",
        "reason": "best backtest score",
        "wape": 0.2,
        "mase": 0.7,
        "backtest_units": 500.0,
        "error_units": 100.0,
    }


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("-wape", [(0, 0), (1, 1), (1, 2), (0, 1), (0, 3)]),
        ("wape", [(0, 1), (1, 2), (1, 1), (0, 0), (0, 3)]),
        ("-mase", [(0, 0), (1, 1), (1, 2), (0, 1), (0, 3)]),
        ("units", [(0, 0), (1, 1), (1, 2), (0, 1), (0, 3)]),
        ("-units", [(0, 1), (1, 2), (1, 1), (0, 0), (0, 3)]),
        ("sku", [(0, 0), (0, 1), (1, 1), (1, 2), (0, 3)]),
        ("store", [(0, 0), (0, 1), (0, 3), (1, 1), (1, 2)]),
        ("-store", [(1, 1), (1, 2), (0, 0), (0, 1), (0, 3)]),
    ],
)
def test_sorts_put_series_without_a_backtest_last_and_break_ties_by_store_and_sku(
    client: TestClient, planned: tuple[list[Store], list[str]], sort: str, order: list[tuple[int, int]]
) -> None:
    stores, skus = planned
    rows, _ = listed(client, sort=sort)
    assert rows == [(stores[s].code, skus[k]) for s, k in order]


def test_filters_and_pages_with_the_total_of_what_matches(
    client: TestClient, planned: tuple[list[Store], list[str]]
) -> None:
    (north, south), (milk, bread, eggs, _) = planned
    assert listed(client, store=south.code) == ([(south.code, eggs), (south.code, bread)], 2)
    assert listed(client, sku=bread) == ([(north.code, bread), (south.code, bread)], 2)
    assert listed(client, model="ets") == ([(north.code, bread), (south.code, eggs)], 2)
    assert listed(client, model="prophet") == ([], 0)  # a model this run did not use
    assert listed(client, q=f"item {eggs.lower()}") == ([(south.code, eggs)], 1)  # the name, any case
    assert listed(client, q="100%") == ([], 0)  # no wildcards
    assert listed(client, store=north.code, q=milk) == ([(north.code, milk)], 1)
    assert listed(client, sort="sku", limit=2, offset=1) == ([(north.code, bread), (south.code, bread)], 5)
    assert listed(client, limit=2, offset=10) == ([], 5)


def test_bad_parameters_are_named(client: TestClient, planned: tuple[list[Store], list[str]]) -> None:
    for params, loc, kind in [
        ({"store": "NOPE"}, ["query", "store"], "unknown_store"),
        ({"sku": "NOPE"}, ["query", "sku"], "unknown_sku"),
        ({"model": "magic"}, ["query", "model"], "unknown_model"),
        ({"sort": "price"}, ["query", "sort"], "literal_error"),
        ({"limit": 0}, ["query", "limit"], "greater_than_equal"),
        ({"limit": 501}, ["query", "limit"], "less_than_equal"),
        ({"offset": -1}, ["query", "offset"], "greater_than_equal"),
        ({"q": "x" * 65}, ["query", "q"], "string_too_long"),
    ]:
        response = client.get("/api/forecasts/series", params=params)
        assert response.status_code == 422, params
        [detail] = response.json()["detail"]
        assert (detail["loc"], detail["type"]) == (loc, kind)
        assert detail["input"] == str(next(iter(params.values())))


def test_without_a_finished_run_there_is_nothing_to_list(client: TestClient, session: Session) -> None:
    store = make_store(session, pincodes(session)[0])
    make_run(session, [(store, make_sku(session), "ets", 0.1, 0.5, 10.0)], status="running")
    response = client.get("/api/forecasts/series")
    assert response.status_code == 404 and "no forecast run has finished yet" in response.text


def test_accuracy_gives_each_models_backtest_units(
    client: TestClient, planned: tuple[list[Store], list[str]]
) -> None:
    body = client.get("/api/forecasts/accuracy").json()
    assert {model: row["units"] for model, row in body["models"].items()} == {
        "ets": 600.0,
        "arima": 50.0,
        "croston": 4.0,
    }
    assert body["overall"]["units"] == 654.0 and body["overall"]["series"] == 4
    # the overall WAPE is the units missed over the units: what the list's error_units add up to
    missed = sum(row["error_units"] or 0 for row in client.get("/api/forecasts/series").json())
    assert body["overall"]["wape"] == pytest.approx(missed / 654.0, abs=1e-4)
