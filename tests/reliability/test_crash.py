"""The API process is SIGKILLed while a storefront sends bulk orders; a new one starts and the client sends
everything again from the start: every order is placed exactly once, and the ledger reconciles."""

import os
import random
import signal
import threading
import time
from typing import Any

import httpx
import psutil
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from fastcommerce.auth.permissions import Permission
from fastcommerce.inventory.reconciliation import check_ledger
from tests.conftest import api_key
from tests.factories import stocked_store
from tests.reliability.faults import api_process, placed_totals

BATCHES = 20
PER_BATCH = 250
STOCK = 6_000  # of ~7,500 units asked for: some lines are lost, as in a real rush


def listening_pid(base: str) -> int:
    port = int(base.rsplit(":", 1)[1])
    [pid] = {c.pid for c in psutil.net_connections("tcp") if c.laddr.port == port and c.status == "LISTEN"}
    assert pid is not None
    return pid


def test_a_killed_api_and_a_full_replay_place_every_order_exactly_once(
    committed: sessionmaker[Session], database_url: str
) -> None:
    with committed() as session:
        home, store, sku = stocked_store(session, STOCK)
        storefront = api_key(session, Permission.ORDERS_WRITE)
        session.commit()
    rng = random.Random(41)
    batches: list[list[dict[str, Any]]] = [
        [
            {
                "order_id": f"CRASH-{b}-{n}",
                "pincode": home.pincode,
                "lines": [{"sku": sku, "qty": rng.randint(1, 2)}],
            }
            for n in range(PER_BATCH)
        ]
        for b in range(BATCHES)
    ]
    acknowledged: list[dict[str, Any]] = []
    cut_off: list[Exception] = []

    def send_all(base: str) -> None:
        with httpx.Client(base_url=base, headers=storefront, timeout=60) as client:
            for batch in batches:
                try:
                    answer = client.post("/api/orders/bulk", json=batch)
                except httpx.TransportError as error:
                    cut_off.append(error)
                    return
                acknowledged.append(answer.json())

    with api_process(database_url) as first:
        sender = threading.Thread(target=send_all, args=(first,))
        sender.start()
        while len(acknowledged) < BATCHES // 4:
            time.sleep(0.01)
        time.sleep(0.05)  # into the next batch's transaction
        os.kill(listening_pid(first), signal.SIGKILL)
        sender.join(60)
    assert cut_off, "the API was killed between requests, not during one"
    before = sum(result["created"] for result in acknowledged)
    assert BATCHES // 4 * PER_BATCH <= before < BATCHES * PER_BATCH

    with (
        api_process(database_url) as second,
        httpx.Client(base_url=second, headers=storefront, timeout=60) as client,
    ):
        replayed = [client.post("/api/orders/bulk", json=batch).json() for batch in batches]
    created = sum(r["created"] for r in replayed)
    duplicate = sum(r["duplicate"] for r in replayed)
    assert (sum(r["rejected"] for r in replayed), created + duplicate) == (0, BATCHES * PER_BATCH)
    assert duplicate >= before  # every order acknowledged before the kill is recognised

    asked = sum(line["qty"] for batch in batches for order in batch for line in order["lines"])
    with committed() as session:
        orders, requested, fulfilled, lost = placed_totals(session, "CRASH-")
        on_hand = session.execute(
            text("SELECT on_hand FROM stock_level WHERE store_id = :s"), {"s": store.id}
        ).scalar_one()
        assert (orders, requested) == (BATCHES * PER_BATCH, asked)
        assert fulfilled + lost == asked and fulfilled == STOCK - on_hand == STOCK
        assert check_ledger(session) == []
