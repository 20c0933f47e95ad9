"""Concurrent HTTP clients competing for scarce stock through the real API process, each with its own
storefront API key: every line's fulfilled + lost equals what it asked for, exactly the stock there was is
sold, on-hand never goes below zero, and the ledger reconciles."""

import asyncio
import random
from collections import Counter
from typing import Any

import aiohttp
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from fastcommerce.auth.permissions import Permission
from fastcommerce.inventory.reconciliation import check_ledger
from tests.conftest import api_key
from tests.factories import make_sku, receive, stocked_store
from tests.reliability.faults import api_process

CLIENTS = 16
ORDERS_PER_CLIENT = 1_000
STOCK = 15_000  # of ~32,000 units asked for: most lines compete for the last units


def test_concurrent_clients_sell_exactly_the_stock_there_is_and_lose_the_rest(
    committed: sessionmaker[Session], database_url: str
) -> None:
    with committed() as session:
        home, store, first = stocked_store(session, STOCK)
        second = make_sku(session)
        receive(session, store, second, STOCK // 3)
        keys = [api_key(session, Permission.ORDERS_WRITE) for _ in range(CLIENTS)]
        session.commit()
    rng = random.Random(29)
    orders: list[list[dict[str, Any]]] = [
        [
            {
                "order_id": f"RUSH-{c}-{n}",
                "pincode": home.pincode,
                "lines": [{"sku": first, "qty": rng.randint(1, 3)}, {"sku": second, "qty": 1}],
            }
            for n in range(ORDERS_PER_CLIENT)
        ]
        for c in range(CLIENTS)
    ]
    statuses: Counter[int] = Counter()
    answers: dict[str, Any] = {}

    async def client(http: aiohttp.ClientSession, key: dict[str, str], batch: list[dict[str, Any]]) -> None:
        for order in batch:
            async with http.post("/api/orders", json=order, headers=key) as answer:
                statuses[answer.status] += 1
                answers[order["order_id"]] = await answer.json()

    async def clients(base: str) -> None:
        connector = aiohttp.TCPConnector(limit=CLIENTS)
        async with aiohttp.ClientSession(
            base, connector=connector, timeout=aiohttp.ClientTimeout(60)
        ) as http:
            await asyncio.gather(*(client(http, keys[c], orders[c]) for c in range(CLIENTS)))

    with api_process(database_url) as base:
        asyncio.run(clients(base))
    assert statuses == {201: CLIENTS * ORDERS_PER_CLIENT}

    asked = {first: 0, second: 0}
    sold = {first: 0, second: 0}
    for batch in orders:
        for order in batch:
            for line, placed in zip(order["lines"], answers[order["order_id"]]["lines"], strict=True):
                assert placed["fulfilled"] + placed["lost"] == line["qty"] == placed["requested"]
                asked[line["sku"]] += line["qty"]
                sold[line["sku"]] += placed["fulfilled"]
    assert sold == {first: STOCK, second: STOCK // 3}, f"asked {asked}"
    with committed() as session:
        on_hand = dict(
            session.execute(
                text(
                    "SELECT k.sku, l.on_hand FROM stock_level l JOIN sku k ON k.id = l.sku_id"
                    " WHERE l.store_id = :store"
                ),
                {"store": store.id},
            ).all()
        )
        lines = session.execute(
            text(
                "SELECT sum(l.requested), sum(l.fulfilled), sum(l.lost) FROM order_line l"
                " JOIN customer_order o ON o.id = l.order_id WHERE o.order_id LIKE 'RUSH-%'"
            )
        ).one()
        assert on_hand == {first: 0, second: 0}
        assert tuple(lines) == (
            sum(asked.values()),
            sum(sold.values()),
            sum(asked.values()) - sum(sold.values()),
        )
        assert check_ledger(session) == []
