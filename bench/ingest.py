"""Bulk ingest throughput with rollups: the ordering engine on simulator orders, beside a raw COPY of the
same lines into an unindexed table (the floor of what PostgreSQL can take).

    uv run python -m bench.ingest [--orders 60000] [--batch 5000]
"""

import argparse
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from bench.common import fresh_database, machine, record
from fastcommerce.config import get_settings
from fastcommerce.db import copy_rows, session_factory
from fastcommerce.orders.service import ORDER_LINE_COLUMNS, ingest
from fastcommerce.seed import seed_demo
from fastcommerce.simulation.flows import city_simulation

START = datetime(2026, 11, 2, 6, 0, tzinfo=UTC)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=60_000)
    parser.add_argument("--batch", type=int, default=5_000)
    args = parser.parse_args()
    settings = get_settings()
    with fresh_database():
        factory = session_factory()
        with factory() as session:
            seed_demo(session, settings)
            session.execute(text("UPDATE stock_level SET on_hand = on_hand + 100000"))
            session.execute(
                text(
                    "INSERT INTO stock_movement (store_id, sku_id, kind, qty, reference, actor, created_at)"
                    " SELECT store_id, sku_id, 'receipt', 100000, 'bench', 'bench', now() FROM stock_level"
                )
            )
            session.commit()
            sims = [city_simulation(session, settings, c.code, 7, 60_000) for c in settings.cities]
        orders = []
        hour = START
        while len(orders) < args.orders:
            for sim in sims:
                orders += sim.simulator.orders(hour, hour + timedelta(hours=1))
            hour += timedelta(hours=1)
        orders = sorted(orders[: args.orders], key=lambda o: o.created_at or START)
        lines = sum(len(o.lines) for o in orders)

        started = time.perf_counter()
        for at in range(0, len(orders), args.batch):
            with factory() as session:
                ingest(session, orders[at : at + args.batch])
                session.commit()
        engine_s = time.perf_counter() - started

        with factory() as session:
            rows = session.execute(
                text(
                    "SELECT order_id, line_no, sku_id, requested, fulfilled, lost, revenue_paise, created_at, pincode, store_id"
                    " FROM order_line"
                )
            ).all()
            session.execute(text("CREATE UNLOGGED TABLE raw_copy (LIKE order_line INCLUDING DEFAULTS)"))
            session.commit()
        started = time.perf_counter()
        for at in range(0, len(rows), args.batch * 5):
            with factory() as session:
                copy_rows(session, "raw_copy", ORDER_LINE_COLUMNS, rows[at : at + args.batch * 5])
                session.commit()
        copy_s = time.perf_counter() - started
        with factory() as session:
            rollup_rows = session.execute(
                text(
                    "SELECT (SELECT count(*) FROM demand_pincode_5m), (SELECT count(*) FROM demand_pincode_hour),"
                    " (SELECT count(*) FROM demand_store_sku_hour)"
                )
            ).one()
        where = machine()

    record(
        "ingest",
        f"""
## Bulk ingest with rollups

`uv run python -m bench.ingest --orders {args.orders} --batch {args.batch}`: {len(orders):,} simulator orders
({lines:,} lines, three cities, {(hour - START) / timedelta(hours=1):.0f} simulated hours) placed through the ordering
engine in transactions of {args.batch:,} orders: idempotency check, stock locked and taken, order lines and
ledger rows written with COPY, and the three rollups (pincode x 5 min, pincode x hour, store x SKU x hour,
{rollup_rows[0]:,} / {rollup_rows[1]:,} / {rollup_rows[2]:,} rows) upserted in the same transaction.
The baseline COPYs the same lines into an unlogged, unindexed table.

| path | seconds | order lines/s |
|---|---|---|
| ordering engine with rollups (`ingest`) | {engine_s:.1f} | {lines / engine_s:,.0f} |
| baseline: raw COPY of the same lines | {copy_s:.1f} | {lines / copy_s:,.0f} |
""",
        where,
    )
    print(f"ingest {lines / engine_s:,.0f} lines/s (raw COPY {lines / copy_s:,.0f} lines/s)")


if __name__ == "__main__":
    main()
