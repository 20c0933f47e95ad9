"""The live stream: an order placed shows up within 2 s; reconnects resume; slow clients stay bounded."""

import asyncio
import json
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from sqlalchemy.orm import Session, sessionmaker

from fastcommerce.auth.permissions import Permission, Role
from fastcommerce.auth.service import add_user
from fastcommerce.live.hub import StreamHub
from fastcommerce.main import create_app
from tests.conftest import api_key
from tests.factories import stocked_store


def parse(chunk: str) -> list[dict[str, str]]:
    """SSE messages as dicts of their fields (comments and retry lines dropped)."""
    events = []
    for block in chunk.strip().split("\n\n"):
        fields = dict(
            line.split(": ", 1) for line in block.splitlines() if ": " in line and not line.startswith(":")
        )
        if "event" in fields:
            events.append(fields)
    return events


@pytest.fixture
def server(committed: sessionmaker[Session]) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not instance.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        instance.should_exit = True
        thread.join(timeout=10)


def read_until(response: httpx.Response, kind: str, within: float) -> tuple[list[dict[str, str]], float]:
    started = time.monotonic()
    buffer = ""
    for text in response.iter_text():
        buffer += text
        events = parse(buffer)
        if any(e["event"] == kind for e in events):
            return events, time.monotonic() - started
        if time.monotonic() - started > within:
            break
    raise AssertionError(f"no {kind} event within {within} s; got {buffer!r}")


def test_an_order_appears_on_the_stream_within_two_seconds_and_reconnects_resume(
    server: str, committed: sessionmaker[Session]
) -> None:
    with committed() as session:
        home, store, sku = stocked_store(session, 3)
        storefront = api_key(session, Permission.ORDERS_WRITE)
        add_user(session, "watcher", "watcher-password", Role.VIEWER, [])
        session.commit()
        pincode, store_code = home.pincode, store.code
    order = {"order_id": "LIVE-1", "pincode": pincode, "lines": [{"sku": sku, "qty": 4}]}
    with (
        httpx.Client(base_url=server, timeout=10) as dashboard,
        httpx.Client(base_url=server, timeout=10, headers=storefront) as storefront_client,
    ):
        signed_in = dashboard.post(
            "/api/auth/login", json={"username": "watcher", "password": "watcher-password"}
        )
        assert signed_in.status_code == 200 and "httponly" in signed_in.headers["set-cookie"].lower()
        with dashboard.stream("GET", "/api/stream") as response:  # with the session cookie, as a browser
            assert response.headers["content-type"].startswith("text/event-stream")
            posted = time.monotonic()
            assert storefront_client.post("/api/orders", json=order).status_code == 201
            events, _ = read_until(response, "alert", within=5)
            assert time.monotonic() - posted < 2.5
    demand = next(e for e in events if e["event"] == "demand")
    assert json.loads(demand["data"])["pincodes"][str(pincode)] == {
        "units": 4,
        "orders": 1,
        "lost_units": 1,
        "revenue": 3 * 2000,
    }
    stock = json.loads(next(e for e in events if e["event"] == "stock")["data"])
    assert {"store_code": store_code, "sku": sku, "on_hand": 0} in stock["levels"]
    alert = json.loads(next(e for e in events if e["event"] == "alert")["data"])
    assert (alert["kind"], alert["store_code"], alert["sku"]) == ("out_of_stock", store_code, sku)

    first_id = int(demand["id"])
    with (
        httpx.Client(base_url=server, timeout=10, cookies=dashboard.cookies) as client,
        client.stream("GET", "/api/stream", headers={"Last-Event-ID": str(first_id - 1)}) as response,
    ):
        replayed, _ = read_until(response, "alert", within=3)
    assert [int(e["id"]) for e in replayed] == [int(e["id"]) for e in events]


def test_hub_coalesces_replays_and_bounds_slow_clients() -> None:
    async def scenario() -> None:
        hub = StreamHub(flush_seconds=3600, queue_size=5, buffer_size=4)
        slow = hub.subscribe(None)
        assert await anext(slow) == "retry: 2000\n\n"
        for _ in range(3):
            hub.publish({"kind": "demand", "items": [[560001, 2, 1, 0, 500], [560002, 1, 1, 1, 0]]})
        assert hub.flush()
        first = parse(hub.buffer[-1][1])[0]
        assert json.loads(first["data"])["pincodes"]["560001"] == {
            "units": 6,
            "orders": 3,
            "lost_units": 0,
            "revenue": 1500,
        }
        assert not hub.flush()  # nothing new, nothing sent

        for n in range(10):
            hub.publish({"kind": "stock", "items": [["S", "K", n]]})
            hub.flush()
        subscriber = next(iter(hub.subscribers))
        assert subscriber.queue.qsize() <= 7 and subscriber.dropped > 0
        received = [await anext(slow) for _ in range(subscriber.queue.qsize())]
        assert any("event: resync" in m for m in received)
        assert '"on_hand":9' in received[-1]

        late = hub.subscribe(last_event_id=1)  # ids 2..7 were pushed out of a buffer of 4
        assert await anext(late) == "retry: 2000\n\n"
        assert "event: resync" in await anext(late)
        resumed = hub.subscribe(last_event_id=hub.last_id - 2)
        await anext(resumed)
        assert [int(parse(await anext(resumed))[0]["id"]) for _ in range(2)] == [hub.last_id - 1, hub.last_id]

    asyncio.run(scenario())
