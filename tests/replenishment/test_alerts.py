"""Alerts on real PostgreSQL: each kind opens from its condition, is not duplicated while open, resolves when
the condition clears, and is announced on the live stream."""

import json
from datetime import timedelta

import psycopg
from fastapi.testclient import TestClient
from sqlalchemy import Engine, insert, make_url, select
from sqlalchemy.orm import Session, sessionmaker

from fastcommerce.auth.permissions import Role
from fastcommerce.config import get_settings
from fastcommerce.db import utcnow
from fastcommerce.demand.models import StoreSkuDemandHour
from fastcommerce.inventory.service import StockItem, set_on_hand
from fastcommerce.live.events import CHANNEL
from fastcommerce.orders.schemas import OrderIn, OrderLineIn
from fastcommerce.orders.service import ingest
from fastcommerce.replenishment.alerts import evaluate_alerts
from fastcommerce.replenishment.models import Alert
from fastcommerce.replenishment.rebalancing import transfer_suggestions
from fastcommerce.stores.models import ServiceArea, Store
from tests.conftest import bearer
from tests.factories import receive
from tests.replenishment.world import IST, PLANNING_AT, forecast, make_world, sku_ids_of


def alerts(session: Session) -> list[tuple[str, str, str]]:
    return [(a.kind, a.status, a.message) for a in session.scalars(select(Alert).order_by(Alert.id))]


def test_low_stock_at_the_reorder_point_opens_once_and_resolves_when_stock_arrives(
    client: TestClient, session: Session
) -> None:
    world = make_world(session, stores=1, skus=1, on_hand=10, reorder_point=10, max_stock=40)
    settings = get_settings()
    first = evaluate_alerts(session, settings, now=PLANNING_AT)
    again = evaluate_alerts(session, settings, now=PLANNING_AT + timedelta(minutes=1))
    assert (first.opened, again.opened, again.resolved) == (1, 0, 0)
    [(kind, status, message)] = alerts(session)
    assert (kind, status) == (
        "low_stock",
        "open",
    ) and "at or below the reorder point 10 (no recent demand)" in message

    listed = client.get("/api/alerts", params={"status": "open", "store": world.stores[0].code})
    assert listed.headers["x-total-count"] == "1"
    alert_id = listed.json()[0]["id"]
    ravi = bearer(session, Role.STORE_MANAGER, [world.stores[0].code], username="ravi")
    acked = client.post(f"/api/alerts/{alert_id}/ack", headers=ravi).json()
    assert (acked["status"], acked["acknowledged_by"]) == ("acknowledged", "ravi")
    assert evaluate_alerts(session, settings, now=PLANNING_AT).opened == 0  # acknowledged is still open

    receive(session, world.stores[0], world.skus[0], 5)
    cleared = evaluate_alerts(session, settings, now=PLANNING_AT + timedelta(minutes=2))
    assert cleared.resolved == 1
    assert [(k, s) for k, s, _ in alerts(session)] == [("low_stock", "resolved")]
    assert client.post(f"/api/alerts/{alert_id}/ack").status_code == 409
    assert client.post("/api/alerts/999999/ack").status_code == 404
    assert client.get("/api/alerts", params={"kind": "nope"}).status_code == 422


def test_a_forecast_predicts_the_stock_out_before_the_next_delivery(session: Session) -> None:
    """240 a day, spread evenly over the hours (no history for a profile): from 03:40 to the 06:00 wave
    23.3 units are expected; 10 on hand run out in the hour ending 05:00."""
    world = make_world(session, stores=1, skus=1, on_hand=10, reorder_point=2, max_stock=400)
    forecast(session, world, 240.0)
    evaluate_alerts(session, get_settings(), now=PLANNING_AT)
    alert = session.scalars(select(Alert)).one()
    assert (
        alert.kind == "low_stock"
        and "23.3 expected to sell before the next delivery at 06:00 (forecast)" in alert.message
    )
    assert alert.stockout_at is not None and alert.stockout_at.astimezone(IST).hour == 5

    suggestions = transfer_suggestions(session, get_settings(), "BLR", now=PLANNING_AT)
    assert suggestions == []  # no neighbour holds a surplus


def test_without_a_forecast_the_recent_daily_rate_projects_the_stock_out(session: Session) -> None:
    """96 units a day over the last 14 days: 9.3 expected before the 06:00 wave, more than the 5 on hand of
    one SKU; the other sells 48 a day (4.7 expected), which 5 cover."""
    world = make_world(session, stores=1, skus=2, on_hand=5, reorder_point=20, max_stock=60)
    store = world.stores[0]
    sku_ids = sku_ids_of(session, world.skus)
    session.execute(
        insert(StoreSkuDemandHour),
        [
            {
                "store_id": store.id,
                "sku_id": sku_ids[sku],
                "hour_at": PLANNING_AT - timedelta(days=day, hours=1),
                "units": per_day,
                "orders": per_day,
                "lost_units": 0,
                "revenue_paise": 0,
            }
            for sku, per_day in zip(world.skus, (96, 48), strict=True)
            for day in range(14)
        ],
    )
    evaluate_alerts(session, get_settings(), now=PLANNING_AT)
    [alert] = session.scalars(select(Alert))
    assert alert.sku_id == sku_ids[world.skus[0]]
    assert "9.3 expected to sell before the next delivery at 06:00 (the last 14 days' rate)" in alert.message


def test_a_neighbour_with_a_surplus_is_suggested_for_a_transfer(session: Session) -> None:
    world = make_world(session, stores=2, skus=1, on_hand=10, reorder_point=2, max_stock=20)
    forecast(session, world, 240.0)
    receive(session, world.stores[1], world.skus[0], 90)  # 100 on hand, 2 × 23.3 needed
    [suggestion] = transfer_suggestions(session, get_settings(), "BLR", now=PLANNING_AT)
    assert (suggestion.from_store, suggestion.to_store, suggestion.sku) == (
        world.stores[1].code,
        world.stores[0].code,
        world.skus[0],
    )
    assert suggestion.qty == 14  # 23.3 expected − 10 on hand, rounded up


def test_out_of_stock_with_demand_arriving_and_overstock(session: Session) -> None:
    world = make_world(session, stores=1, skus=2, on_hand=0, reorder_point=2, max_stock=10)
    empty, full = world.skus
    receive(session, world.stores[0], full, 25)  # more than 2 × max stock
    home = world.stores[0]
    pincode = session.scalar(select(ServiceArea.pincode).where(ServiceArea.store_id == home.id))
    assert pincode is not None
    now = utcnow()
    ingest(
        session,
        [OrderIn(order_id="OOS-1", pincode=pincode, created_at=now, lines=[OrderLineIn(sku=empty, qty=3)])],
    )
    evaluate_alerts(session, get_settings(), now=now + timedelta(minutes=1))
    found = {a.kind: a for a in session.scalars(select(Alert))}
    assert set(found) == {"out_of_stock", "overstock"}
    assert found["out_of_stock"].value == 3 and "3 units asked for and lost" in found["out_of_stock"].message
    assert found["overstock"].value == 25


def test_a_demand_anomaly_against_the_same_hour_of_earlier_weeks(session: Session) -> None:
    world = make_world(session, stores=1, skus=1, on_hand=30)
    store, now = world.stores[0], utcnow()
    last_hour = now.replace(minute=0, second=0, microsecond=0) - timedelta(hours=1)
    sku_id = sku_ids_of(session, world.skus)[world.skus[0]]
    rows = [(last_hour, 100)] + [(last_hour - timedelta(weeks=k), 10 + k % 2) for k in range(1, 5)]
    session.execute(
        insert(StoreSkuDemandHour),
        [
            {
                "store_id": store.id,
                "sku_id": sku_id,
                "hour_at": at,
                "units": n,
                "orders": n,
                "lost_units": 0,
                "revenue_paise": 0,
            }
            for at, n in rows
        ],
    )
    evaluate_alerts(session, get_settings(), now=now)
    [alert] = session.scalars(select(Alert).where(Alert.kind == "demand_anomaly"))
    assert alert.sku_id is None and alert.value > 100 and "100 units" in alert.message


def test_opened_and_resolved_alerts_are_announced_on_the_live_stream(
    committed: sessionmaker[Session], engine: Engine
) -> None:
    url = make_url(str(engine.url)).set(drivername="postgresql").render_as_string(False)
    with psycopg.connect(url, autocommit=True) as listener:
        listener.execute(f"LISTEN {CHANNEL}")
        with committed() as session:
            world = make_world(session, stores=1, skus=1, on_hand=1)
            session.commit()
            evaluate_alerts(session, get_settings(), now=PLANNING_AT)
            session.commit()
            receive(session, world.stores[0], world.skus[0], 50)
            evaluate_alerts(session, get_settings(), now=PLANNING_AT)
            session.commit()
        heard = [json.loads(n.payload) for n in listener.notifies(timeout=2, stop_after=2)]
    items = [item for payload in heard if payload["kind"] == "alert" for item in payload["items"]]
    assert [(i["kind"], i["status"], i["store_code"], i["sku"]) for i in items] == [
        ("low_stock", "open", world.stores[0].code, world.skus[0]),
        ("low_stock", "resolved", world.stores[0].code, world.skus[0]),
    ]


def _open_alerts(session: Session) -> set[tuple[str, int, int | None, str, float, object]]:
    return {
        (a.kind, a.store_id, a.sku_id, a.message, a.value, a.stockout_at)
        for a in session.scalars(select(Alert).where(Alert.status != "resolved"))
    }


def test_a_minutes_evaluation_judges_only_what_changed_and_agrees_with_a_full_one(
    committed: sessionmaker[Session],
) -> None:
    """240 a day: 23.3 expected from 03:40 to the 06:00 wave. 30 on hand is enough; after a count of 20
    it is not (low stock), a store given 5 receives 50 (resolved), a max lowered to 10 makes an overstock.
    The minute after, only those rows are judged, and a full evaluation at the same moment finds exactly the
    same alerts. Fifty minutes on, with nothing moved, only the projected stock-out is judged, and it is
    gone (15 expected before 06:00). Each step is its own transaction, as in the scheduler."""
    settings = get_settings().model_copy(update={"alert_change_margin_minutes": 0})
    cities = len(settings.city_zones())
    with committed() as session:
        world = make_world(session, stores=2, skus=3, on_hand=30, reorder_point=2, max_stock=400)
        forecast(session, world, 240.0)
        ids = sku_ids_of(session, world.skus)
        first, second = world.stores

        def count(store: Store, sku: str, units: int, max_stock: int = 400) -> None:
            item = StockItem(store.id, ids[sku], store.code, sku)
            set_on_hand(session, item, units, "test count", "test", 2, max_stock)
            session.commit()

        count(second, world.skus[2], 5)
        full = evaluate_alerts(session, settings, now=PLANNING_AT)
        session.commit()
        assert (full.full_cities, full.judged, full.opened) == (cities, 6, 1)

        count(first, world.skus[0], 20)
        receive(session, second, world.skus[2], 50)
        session.commit()
        count(first, world.skus[1], 30, max_stock=10)
        minute = evaluate_alerts(session, settings, now=PLANNING_AT + timedelta(minutes=1))
        session.commit()
        assert (minute.full_cities, minute.judged) == (0, 3)  # the three rows changed (one had the alert)
        assert (minute.opened, minute.resolved) == (2, 1)
        seen = _open_alerts(session)
        assert {(kind, store, sku) for kind, store, sku, *_ in seen} == {
            ("low_stock", first.id, ids[world.skus[0]]),
            ("overstock", first.id, ids[world.skus[1]]),
        }
        again = evaluate_alerts(session, settings, now=PLANNING_AT + timedelta(minutes=1), full=True)
        session.commit()
        assert (again.full_cities, again.judged, again.opened, again.resolved) == (cities, 6, 0, 0)
        assert _open_alerts(session) == seen

        later = evaluate_alerts(session, settings, now=PLANNING_AT + timedelta(minutes=50))
        session.commit()
        assert (later.full_cities, later.judged, later.resolved) == (0, 1, 1)  # only the projected alert
        assert {kind for kind, *_ in _open_alerts(session)} == {"overstock"}


def test_a_new_wave_or_forecast_run_judges_every_row_again(session: Session) -> None:
    world = make_world(session, stores=1, skus=2, on_hand=30, reorder_point=2, max_stock=400)
    settings = get_settings()
    cities = len(settings.city_zones())
    assert evaluate_alerts(session, settings, now=PLANNING_AT).full_cities == cities
    assert evaluate_alerts(session, settings, now=PLANNING_AT + timedelta(minutes=1)).full_cities == 0
    forecast(session, world, 240.0)  # a new run: 23.3 expected before 06:00, 30 on hand
    assert evaluate_alerts(session, settings, now=PLANNING_AT + timedelta(minutes=2)).full_cities == cities
    after_wave = evaluate_alerts(session, settings, now=PLANNING_AT + timedelta(hours=2, minutes=30))
    assert (after_wave.full_cities, after_wave.judged) == (cities, 2)
    assert evaluate_alerts(session, settings, now=PLANNING_AT).full_cities == cities  # the clock went back
    assert evaluate_alerts(session, settings, now=PLANNING_AT + timedelta(minutes=59)).full_cities == 0
    hour_on = evaluate_alerts(session, settings, now=PLANNING_AT + timedelta(minutes=60))
    assert hour_on.full_cities == cities  # the last full one was an hour before
