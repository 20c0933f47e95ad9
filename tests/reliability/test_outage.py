"""The database goes away under a stream of orders and comes back: the API answers 503 with Retry-After
(never 500), health says unavailable, it recovers by itself, the live stream's listener reconnects, and
clients that retry get every order placed exactly once."""

import json
import random
import threading
import time
from collections import Counter
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker

from fastcommerce.auth.permissions import Permission
from fastcommerce.config import get_settings
from fastcommerce.db import sqlalchemy_url, utcnow
from fastcommerce.inventory.reconciliation import check_ledger
from fastcommerce.simulation.flows import SimulationTotals, city_simulation, simulate_live
from tests.conftest import api_key
from tests.factories import stocked_store
from tests.live.test_stream import read_until
from tests.reliability.faults import CuttableProxy, api_process, placed_totals

CLIENTS = 4
ORDERS_PER_CLIENT = 60
STOCK = 200
ORDERS_PER_SECOND = 5


@pytest.fixture
def proxy(database_url: str) -> Iterator[CuttableProxy]:
    line = CuttableProxy(database_url)
    try:
        yield line
    finally:
        line.close()


def place_until_accepted(client: httpx.Client, order: dict[str, object], seen: Counter[int]) -> None:
    while True:
        response = client.post("/api/orders", json=order)
        seen[response.status_code] += 1
        if response.status_code != 503:
            assert response.status_code == 201, response.text
            return
        assert response.headers["Retry-After"].isdigit()
        assert response.json()["detail"][0]["type"] == "database_unavailable"
        time.sleep(0.1)  # a real client waits Retry-After seconds; the test has no time to


def test_a_database_outage_under_orders_gives_503s_then_every_order_exactly_once(
    committed: sessionmaker[Session], proxy: CuttableProxy
) -> None:
    with committed() as session:
        home, store, sku = stocked_store(session, STOCK)
        storefront = api_key(session, Permission.ORDERS_WRITE, Permission.READ)
        session.commit()
    rng = random.Random(13)
    orders = [
        [
            {
                "order_id": f"OUT-{c}-{i}",
                "pincode": home.pincode,
                "lines": [{"sku": sku, "qty": rng.randint(1, 3)}],
            }
            for i in range(ORDERS_PER_CLIENT)
        ]
        for c in range(CLIENTS)
    ]
    seen: Counter[int] = Counter()
    with api_process(proxy.url) as api, httpx.Client(base_url=api, timeout=30, headers=storefront) as client:
        with client.stream("GET", "/api/stream") as stream:
            threads = [
                threading.Thread(
                    target=lambda batch=batch: [place_until_accepted(client, o, seen) for o in batch]
                )
                for batch in orders
            ]
            for thread in threads:
                thread.start()
            while sum(seen.values()) < CLIENTS * ORDERS_PER_CLIENT // 4:
                time.sleep(0.01)
            proxy.cut()
            time.sleep(1)
            health = client.get("/api/health")
            assert (health.status_code, health.json()["status"]) == (503, "unavailable")
            time.sleep(2)
            proxy.restore()
            recovered_at = time.monotonic()
            while client.get("/api/health").status_code != 200:
                assert time.monotonic() - recovered_at < 10, "the API did not recover by itself"
                time.sleep(0.1)
            recovery_s = time.monotonic() - recovered_at
            for thread in threads:
                thread.join(60)
            assert not any(thread.is_alive() for thread in threads)

            late = {"order_id": "OUT-after", "pincode": home.pincode, "lines": [{"sku": sku, "qty": 1}]}
            assert client.post("/api/orders", json=late).status_code == 201
            events, _ = read_until(stream, "demand", within=10)  # the listener reconnected
            assert any(json.loads(e["data"])["pincodes"].get(str(home.pincode)) for e in events)

        replayed = Counter(
            client.post("/api/orders", json=order).status_code for batch in orders for order in batch
        )
    assert seen[503] > 0, "the outage was not seen"
    assert set(seen) <= {201, 503}, f"unexpected statuses: {seen}"
    assert replayed == {200: CLIENTS * ORDERS_PER_CLIENT}, "a replay was not recognised as a retry"
    print(
        f"\n{CLIENTS} clients × {ORDERS_PER_CLIENT} orders, the database cut 3 s: {seen[503]} answers 503,"
        f" {seen[201]} placed; healthy {recovery_s:.1f} s after the database was back; the replay all 200"
    )

    requested = sum(line["qty"] for batch in orders for o in batch for line in o["lines"]) + 1
    with committed() as session:
        placed, units, fulfilled, lost = placed_totals(session, "OUT-")
        on_hand = session.execute(
            text("SELECT on_hand FROM stock_level WHERE store_id = :s"), {"s": store.id}
        ).scalar_one()
        assert (placed, units) == (CLIENTS * ORDERS_PER_CLIENT + 1, requested)
        assert fulfilled + lost == requested and fulfilled == STOCK - on_hand and on_hand >= 0
        assert check_ledger(session) == []


def test_the_demos_live_orders_wait_out_an_outage_and_place_its_window_after(
    committed: sessionmaker[Session], proxy: CuttableProxy
) -> None:
    settings = get_settings()
    with committed() as session:
        stocked_store(session, 10_000)
        session.commit()
        probe = city_simulation(session, settings, "BLR", seed=3, orders_per_day=86_400)
        per_hour_now = probe.simulator.expected_orders_per_hour(utcnow())  # small at night
        rate = 86_400 * ORDERS_PER_SECOND * 3_600 / per_hour_now
        sims = [city_simulation(session, settings, "BLR", seed=3, orders_per_day=rate)]
    through_proxy = create_engine(sqlalchemy_url(proxy.url), pool_pre_ping=True)
    stop = threading.Event()
    totals: list[SimulationTotals] = []
    live = threading.Thread(
        target=lambda: totals.append(
            simulate_live(sessionmaker(through_proxy), settings, sims, stop, tick_seconds=0.2)
        )
    )
    live.start()
    try:
        time.sleep(1)
        proxy.cut()
        cut_at = utcnow()
        time.sleep(1.5)
        restored_at = utcnow()
        proxy.restore()
        time.sleep(2)
    finally:
        stop.set()
        live.join(10)
        through_proxy.dispose()
    assert totals, "the live orders stopped at the outage"
    with committed() as session:
        during = session.execute(
            text("SELECT count(*) FROM customer_order WHERE created_at BETWEEN :a AND :b"),
            {"a": cut_at, "b": restored_at},
        ).scalar_one()
        assert during > 0, "the outage's orders were never placed"
        assert check_ledger(session) == []
