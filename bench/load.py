"""Single orders over HTTP at 16 concurrent clients, as a storefront's order feed sends them (an API key with
`orders:write`): orders per second and latency, against 1 and 2 API worker processes. The load generator
runs in its own process; the API in its own (uvicorn); both on this machine's cores with PostgreSQL.

    uv run python -m bench.load [--clients 16] [--orders 10000] [--workers 1 2]
"""

import argparse
import asyncio
import gc
import json
import multiprocessing
import os
import random
import statistics
import time
from collections import Counter
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
import psutil
from sqlalchemy import text

from bench.common import api_server, fresh_database, machine, percentile, record
from fastcommerce.auth.permissions import Permission
from fastcommerce.auth.service import create_api_key
from fastcommerce.config import get_settings
from fastcommerce.db import session_factory
from fastcommerce.inventory.reconciliation import check_ledger
from fastcommerce.seed import seed_demo
from fastcommerce.simulation.flows import city_simulation

START = datetime(2026, 11, 2, 6, 0, tzinfo=UTC)
PARTS = ("API", "PostgreSQL", "load generator")


def bodies(count: int) -> list[dict[str, Any]]:
    """`count` simulated Bengaluru orders as a storefront sends them: now (no created_at), fresh ids."""
    settings = get_settings()
    with session_factory()() as session:
        sim = city_simulation(session, settings, "BLR", 11, 60_000)
    orders = []
    hour = START
    while len(orders) < count:
        orders += sim.simulator.orders(hour, hour + timedelta(hours=1))
        hour += timedelta(hours=1)
    run = random.Random(5).getrandbits(32)
    return [
        {**o.model_dump(mode="json", exclude={"created_at"}), "order_id": f"LOAD-{run:x}-{n}"}
        for n, o in enumerate(orders[:count])
    ]


async def _send(base: str, key: str, batches: list[list[dict[str, Any]]]) -> list[tuple[float, int]]:
    connector = aiohttp.TCPConnector(limit=len(batches))
    headers = {"X-API-Key": key, "Content-Type": "application/json"}
    async with aiohttp.ClientSession(base, connector=connector, headers=headers) as client:

        async def one_client(batch: list[dict[str, Any]]) -> list[tuple[float, int]]:
            seen = []
            for body in batch:
                data = json.dumps(body).encode()
                started = time.perf_counter()
                async with client.post("/api/orders", data=data) as answer:
                    await answer.read()
                seen.append((time.perf_counter() - started, answer.status))
            return seen

        done = await asyncio.gather(*(one_client(batch) for batch in batches))
    return [result for client_results in done for result in client_results]


def _generator(base: str, key: str, batches: list[list[dict[str, Any]]], out: Any) -> None:
    # The orders to send live for the whole run: frozen, the collector's full passes skip them (each pass
    # over them held every client for ~200 ms, which the latencies then counted as the API's).
    gc.freeze()
    started, cpu = time.perf_counter(), time.process_time()
    results = asyncio.run(_send(base, key, batches))
    out.send((results, time.perf_counter() - started, time.process_time() - cpu))


@dataclass
class Run:
    results: list[tuple[float, int]]  # (seconds, status) per order
    seconds: float
    cpu: dict[str, float]  # CPU seconds by who spent them: the API, PostgreSQL, the load generator


def _cpu(processes: list[psutil.Process]) -> dict[int, float]:
    """CPU seconds each process has spent (those gone in the meantime left out)."""
    spent = {}
    for process in processes:
        with suppress(psutil.NoSuchProcess):
            times = process.cpu_times()
            spent[process.pid] = times.user + times.system
    return spent


def _parts(base: str) -> dict[str, list[psutil.Process]]:
    """The API's processes (uvicorn and its workers, by port) and PostgreSQL's (when the server is local)."""
    port = base.rsplit(":", 1)[1]
    api = [
        p
        for p in psutil.process_iter(["cmdline"])
        if "fastcommerce.main:app" in (cmdline := " ".join(p.info["cmdline"] or [])) and port in cmdline
    ]
    api += [child for p in api for child in p.children(recursive=True)]
    database = [p for p in psutil.process_iter(["name"]) if p.info["name"] == "postgres"]
    return {"API": api, "PostgreSQL": database}


def drive(base: str, key: str, orders: list[dict[str, Any]], clients: int) -> Run:
    """Every order sent once by `clients` concurrent clients, from a process of its own."""
    batches = [orders[c::clients] for c in range(clients)]
    before = {name: _cpu(processes) for name, processes in _parts(base).items()}
    receiver, sender = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.get_context("spawn").Process(
        target=_generator, args=(base, key, batches, sender)
    )
    process.start()
    results, seconds, generator_cpu = receiver.recv()
    process.join()
    # Processes that started meanwhile (a new database connection) count whole; ones that ended do not.
    cpu = {
        name: sum(seconds - before[name].get(pid, 0.0) for pid, seconds in _cpu(processes).items())
        for name, processes in _parts(base).items()
    }
    return Run(results, seconds, {**cpu, "load generator": generator_cpu})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--orders", type=int, default=10000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    settings = get_settings()
    rows = []
    where = machine(database=False)
    server = os.environ.get("DATABASE_URL")
    for workers in args.workers:
        with fresh_database() as url:
            with session_factory()() as session:
                seed_demo(session, settings)
                key = create_api_key(session, "storefront", [Permission.ORDERS_WRITE])
                session.commit()
            orders = bodies(args.orders + 200)
            with api_server(url, workers=workers) as base:
                drive(base, key, orders[:200], args.clients)  # warm up: connections, caches, plans
                run = drive(base, key, orders[200:], args.clients)
            with session_factory()() as session:
                mismatches = check_ledger(session)
                requested, fulfilled, lost = session.execute(
                    text("SELECT sum(requested), sum(fulfilled), sum(lost) FROM order_line")
                ).one()
            where = machine()
        # fresh_database points DATABASE_URL at the database it made: the next one is made beside it.
        if server is None:
            os.environ.pop("DATABASE_URL", None)
        else:
            os.environ["DATABASE_URL"] = server
        latencies = [s * 1000 for s, _ in run.results]
        statuses = Counter(status for _, status in run.results)
        assert statuses == {201: len(orders) - 200}, statuses
        assert mismatches == [] and requested == fulfilled + lost
        per_order = " / ".join(f"{run.cpu[part] * 1000 / len(run.results):.1f}" for part in PARTS)
        rows.append(
            f"| {workers} | {args.clients} | {len(run.results):,} | {len(run.results) / run.seconds:,.0f} |"
            f" {statistics.median(latencies):.0f} | {percentile(latencies, 95):.0f} |"
            f" {percentile(latencies, 99):.0f} | {max(latencies):.0f} | {per_order} |"
        )
        print(rows[-1], flush=True)
    record(
        "load",
        "## Orders over HTTP\n\n"
        f"`bench/load.py`: {args.clients} concurrent clients (one process of their own, aiohttp, keep-alive) each"
        " send single simulated Bengaluru orders to `POST /api/orders` with an API key, one after another;"
        " 200 orders warm up first. The API runs under uvicorn with the workers given, on a fresh database"
        " with the demo data; the ledger is checked after each run (clean, and fulfilled + lost = requested).\n\n"
        "CPU ms per order: what the API's processes, PostgreSQL's and the load generator each spent while"
        " the orders were sent, divided by the orders (the machine has "
        f"{os.cpu_count()} cores, so {os.cpu_count() or 1} × 1,000 ms per second is all there is).\n\n"
        "| API workers | clients | orders | orders/s | p50 ms | p95 ms | p99 ms | max ms |"
        " CPU ms per order: API / PostgreSQL / load generator |\n"
        "|---|---|---|---|---|---|---|---|---|\n" + "\n".join(rows),
        where,
    )


if __name__ == "__main__":
    main()
