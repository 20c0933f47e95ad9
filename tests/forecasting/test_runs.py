"""Forecast runs over the database and the forecasts API."""

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from fastcommerce.config import get_settings
from fastcommerce.forecasting import distributed
from fastcommerce.forecasting.engine import ForecastResult
from fastcommerce.forecasting.flows import run_forecasts
from fastcommerce.forecasting.models import ForecastSeries
from fastcommerce.forecasting.reading import _hours_ahead, _runs_out_at
from fastcommerce.forecasting.service import demand_table
from fastcommerce.orders.schemas import OrderIn, OrderLineIn
from fastcommerce.orders.service import ingest
from tests.factories import make_sku, receive, stocked_store

IST = ZoneInfo("Asia/Kolkata")
WEEKLY = (3, 2, 2, 3, 4, 6, 8)  # units a day, Monday first


def history(session: Session, days: int) -> tuple[str, str, str, str, int]:
    """A store with a weekly-patterned SKU whose stock runs short (lost demand), a SKU bought once a week,
    and a SKU it stocks but nobody buys; orders at 19:00 local on each of the `days` days before today."""
    home, store, busy = stocked_store(session, 10)
    weekly, idle = make_sku(session), make_sku(session)
    receive(session, store, weekly, 1000)
    receive(session, store, idle, 5)
    today = datetime.now(IST).replace(hour=19, minute=0, second=0, microsecond=0)
    orders = []
    for back in range(days, 0, -1):
        at = today - timedelta(days=back)
        lines = [OrderLineIn(sku=busy, qty=WEEKLY[at.weekday()])]
        if at.weekday() == 5:
            lines.append(OrderLineIn(sku=weekly, qty=7))
        orders.append(OrderIn(order_id=f"F-{back}", pincode=home.pincode, created_at=at, lines=lines))
    ingest(session, orders)
    lost = sum(WEEKLY[(today - timedelta(days=b)).weekday()] for b in range(days, 0, -1)) - 10
    return store.code, busy, weekly, idle, lost


def test_demand_is_fulfilled_plus_lost_with_zero_days_for_every_stocked_sku(session: Session) -> None:
    store, busy, weekly, idle, lost = history(session, 21)
    table = demand_table(session, get_settings(), history_days=28)
    by_series = table.groupby("unique_id")["y"].agg(["size", "sum"])
    assert by_series.loc[f"{store}:{busy}", "sum"] == 10 + lost  # 10 sold, the rest lost: all demand
    assert by_series.loc[f"{store}:{weekly}", "sum"] == 7 * 3
    assert by_series.loc[f"{store}:{idle}", "sum"] == 0
    # series start on the store's first day with demand and run to yesterday, every day present
    assert set(by_series["size"]) == {21}
    assert table["ds"].max().date() == datetime.now(IST).date() - timedelta(days=1)


def test_local_days_run_from_local_midnight_to_midnight(session: Session) -> None:
    home, store, sku = stocked_store(session, 100)
    midnight = datetime.now(IST).replace(hour=0, minute=0, second=0, microsecond=0)
    first = midnight - timedelta(days=3)
    times = [
        first + timedelta(minutes=30),
        first + timedelta(hours=23, minutes=30),
        midnight - timedelta(minutes=1),
    ]
    ingest(
        session,
        [
            OrderIn(
                order_id=f"TZ-{i}", pincode=home.pincode, created_at=at, lines=[OrderLineIn(sku=sku, qty=1)]
            )
            for i, at in enumerate(times)
        ],
    )
    table = demand_table(session, get_settings(), history_days=3)
    days = table[table["unique_id"] == f"{store.code}:{sku}"].set_index("ds")["y"]
    assert {day.date(): y for day, y in days.items()} == {
        first.date(): 2,
        (first + timedelta(days=1)).date(): 0,
        (first + timedelta(days=2)).date(): 1,
    }


def test_a_run_stores_a_forecast_per_series_that_the_api_serves(
    committed: sessionmaker[Session], client: TestClient
) -> None:
    assert client.get("/api/forecasts/accuracy").status_code == 404  # nothing has run yet
    with committed() as session:
        store, busy, _, idle, _ = history(session, 42)
        session.commit()
    seen: list[tuple[int, int]] = []
    summary = run_forecasts(
        committed, get_settings(), horizon_days=7, n_jobs=1, progress=lambda d, t: seen.append((d, t))
    )
    assert summary.series == 3 and seen[-1] == (3, 3)

    body = client.get("/api/forecasts", params={"store": store, "sku": busy}).json()
    assert body["model"] != "zero" and body["reason"] == "best backtest score"
    assert len(body["points"]) == 7
    days = [datetime.fromisoformat(p["day"]).weekday() for p in body["points"]]
    # true demand follows the weekly pattern, although only 10 units were ever sold
    assert [p["yhat"] for p in body["points"]] == pytest.approx([WEEKLY[d] for d in days], abs=1.0)
    assert all(
        p["yhat_lower_95"] <= p["yhat_lower_80"] <= p["yhat"] <= p["yhat_upper_80"] <= p["yhat_upper_95"]
        for p in body["points"]
    )
    # the expected demand and quantiles of each day, and of the days from the first through it (a lead time)
    for p in body["points"]:
        assert p["mean"] > 0 and p["q50"] <= p["q90"] <= p["q98"]
        assert p["lead_q50"] <= p["lead_q90"] <= p["lead_q98"]
    points = body["points"]
    assert points[0]["lead_mean"] == pytest.approx(points[0]["mean"], abs=1e-3)
    assert points[-1]["lead_mean"] == pytest.approx(sum(p["mean"] for p in points), abs=0.01)
    # a week's 98% quantile is at most the sum of the days' (less where demand varies: test_distribution)
    assert points[-1]["lead_q98"] <= sum(p["q98"] for p in points) + 1e-3
    assert sum(a["lost_units"] for a in body["actuals"]) > 0
    assert len(body["actuals"]) == 29 and body["actuals"][-1]["units"] == 0  # 28 days and today, none yet
    assert body["on_hand"] == 0 and body["runs_out_at"] is not None
    assert len(body["next_hours"]) == 24
    assert sum(h["yhat"] for h in body["next_hours"]) > 0

    idle_body = client.get("/api/forecasts", params={"store": store, "sku": idle, "horizon": 3}).json()
    assert idle_body["model"] == "zero" and [p["yhat"] for p in idle_body["points"]] == [0, 0, 0]
    assert idle_body["on_hand"] == 5 and idle_body["runs_out_at"] is None

    accuracy = client.get("/api/forecasts/accuracy").json()
    assert accuracy["overall"]["series"] == 2  # the idle series is all zero: nothing to backtest
    with committed() as session:
        tested = session.execute(
            select(ForecastSeries.sku_id, ForecastSeries.wape, ForecastSeries.backtest_units).where(
                ForecastSeries.wape.is_not(None)
            )
        ).all()
    # a run of few series backtests on four windows where they are long enough (42 days: 4 weeks after two);
    # the busy SKU's covered its last four weeks: four times the weekly pattern's units
    assert sorted(units for _, _, units in tested) == [7 * 4, sum(WEEKLY) * 4]
    weighted = sum(w * u for _, w, u in tested) / sum(u for _, _, u in tested)
    assert accuracy["overall"]["wape"] == pytest.approx(weighted, abs=1e-4)
    assert accuracy["not_backtested"] == {"all zero": 1}
    assert sum(m["series"] for m in accuracy["models"].values()) == 2
    runs = client.get("/api/forecasts/runs").json()
    assert runs[0]["status"] == "done" and runs[0]["series_done"] == runs[0]["series"] == 3
    listed = client.get("/api/forecasts/series", params={"store": store})
    assert listed.headers["X-Total-Count"] == "3"
    rows = listed.json()
    assert rows[-1]["sku"] == idle and rows[-1]["model"] == "zero" and rows[-1]["wape"] is None
    busy_row = next(row for row in rows if row["sku"] == busy)
    assert (busy_row["model"], busy_row["wape"]) == (
        body["model"],
        pytest.approx(body["backtest"]["wape"], abs=1e-4),
    )


def test_a_run_on_a_local_dask_cluster_stores_every_series(
    committed: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("dask.distributed", reason="the scale extra: uv sync --extra scale")
    with committed() as session:
        history(session, 42)
        session.commit()
    on_dask: list[int] = []

    def forecast_on_dask(table: pd.DataFrame, *args: Any, **kwargs: Any) -> ForecastResult:
        on_dask.append(table["unique_id"].nunique())
        return partitioned(table, *args, **kwargs)

    partitioned = distributed.forecast
    monkeypatch.setattr(distributed, "forecast", forecast_on_dask)
    settings = get_settings().model_copy(update={"forecast_dask": "local"})
    seen: list[tuple[int, int]] = []
    summary = run_forecasts(committed, settings, horizon_days=7, progress=lambda d, t: seen.append((d, t)))
    assert on_dask == [3] and summary.series == 3 and seen[-1] == (3, 3)
    with committed() as session:
        stored = (
            session.execute(select(ForecastSeries.model).where(ForecastSeries.run_id == summary.run_id))
            .scalars()
            .all()
        )
    assert len(stored) == 3 and "zero" in stored


def test_bad_forecast_requests_name_the_parameter(client: TestClient, session: Session) -> None:
    _, store, sku = stocked_store(session, 1)
    unknown_store = client.get("/api/forecasts", params={"store": "NOPE", "sku": sku})
    assert unknown_store.status_code == 422 and unknown_store.json()["detail"][0]["loc"] == ["query", "store"]
    unknown_sku = client.get("/api/forecasts", params={"store": store.code, "sku": "NOPE"})
    assert unknown_sku.status_code == 422 and unknown_sku.json()["detail"][0]["loc"] == ["query", "sku"]
    zero = client.get("/api/forecasts", params={"store": store.code, "sku": sku, "horizon": 0})
    assert zero.status_code == 422 and zero.json()["detail"][0]["loc"] == ["query", "horizon"]
    missing = client.get("/api/forecasts", params={"store": store.code})
    assert missing.status_code == 422 and missing.json()["detail"][0]["loc"] == ["query", "sku"]


def test_hours_ahead_spread_the_day_by_the_profile_and_find_the_stock_out() -> None:
    now = datetime(2026, 11, 23, 10, 30, tzinfo=IST)  # a Monday, half past ten
    evening = [[0.0] * 18 + [0.5, 0.5] + [0.0] * 4 for _ in range(7)]  # all demand at 18:00-20:00
    hours = _hours_ahead({now.date(): 10.0, now.date() + timedelta(days=1): 20.0}, evening, IST, now)
    assert hours[0][0] == datetime(2026, 11, 23, 10, 0, tzinfo=IST)
    assert len(hours) == 14 + 24  # from this hour to the end of tomorrow
    assert {at.hour: y for at, y in hours[:14]} == {h: (5.0 if h in (18, 19) else 0.0) for h in range(10, 24)}
    assert _runs_out_at(12, hours, now) == datetime(2026, 11, 24, 18, 0, tzinfo=IST)
    assert _runs_out_at(0, hours, now) == now
    assert _runs_out_at(31, hours, now) is None
