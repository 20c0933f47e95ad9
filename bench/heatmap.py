"""Heatmap latency at 10 M order lines: `GET /api/heatmap`'s service for 24 h windows, beside a plain
GROUP BY over the raw lines for the same windows.

    uv run python bench/heatmap.py [--lines 10000000] [--queries 200]

The lines are generated with numpy in the shape of the demand simulator (daily peaks, hot pincodes,
Zipf SKUs) and COPied in; the rollups are then rebuilt, which a test shows equals incremental upkeep.
"""

import argparse
import random
import time
from datetime import UTC, datetime, timedelta

import httpx
import numpy as np
from rich.progress import Progress
from sqlalchemy import select, text

from bench.common import api_server, fresh_database, machine, new_admin, percentile, record
from fastcommerce.catalog.models import Sku
from fastcommerce.config import get_settings
from fastcommerce.db import copy_rows, session_factory
from fastcommerce.demand.rollups import rebuild
from fastcommerce.geo.models import Pincode
from fastcommerce.orders.service import ORDER_LINE_COLUMNS
from fastcommerce.seed import seed_demo
from fastcommerce.stores.models import ServiceArea

DAYS = 30
END = datetime(2026, 11, 1, tzinfo=UTC)
HOURLY = np.array([2, 1, 1, 1, 1, 2, 4, 7, 9, 8, 6, 6, 7, 6, 5, 5, 6, 8, 11, 13, 12, 9, 6, 3], dtype=float)
IST_OFFSET = timedelta(hours=5, minutes=30)


def generate(session, lines_wanted: int, progress: Progress) -> int:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(7)
    pincodes = np.array(session.scalars(select(Pincode.pincode).order_by(Pincode.pincode)).all())
    serving = dict(session.execute(select(ServiceArea.pincode, ServiceArea.store_id)).all())
    skus = session.execute(select(Sku.id, Sku.price_paise).order_by(Sku.id)).all()
    sku_ids = np.array([s[0] for s in skus])
    prices = dict(skus)
    pin_weights = rng.lognormal(0, 1, len(pincodes))
    pin_weights /= pin_weights.sum()
    sku_weights = 1 / np.arange(1, len(sku_ids) + 1) ** 1.1
    sku_weights /= sku_weights.sum()
    hour_weights = HOURLY / HOURLY.sum()
    orders = lines_wanted // 4
    task = progress.add_task("generating and copying order lines", total=lines_wanted)
    start = END - timedelta(days=DAYS)
    order_key = lines = 0
    per_chunk = 50_000
    while lines < lines_wanted:
        n = min(per_chunk, orders - order_key) or per_chunk
        day = rng.integers(0, DAYS, n)
        hour = rng.choice(24, n, p=hour_weights)
        second = rng.integers(0, 3600, n)
        created = [
            start + timedelta(days=int(d), hours=int(h), seconds=int(s)) - IST_OFFSET
            for d, h, s in zip(day, hour, second, strict=True)
        ]
        pins = rng.choice(pincodes, n, p=pin_weights)
        keys = range(order_key + 1, order_key + n + 1)
        with session_factory()() as s:
            copy_rows(
                s,
                "customer_order",
                (
                    ("id", "int8"),
                    ("order_id", "varchar"),
                    ("pincode", "int4"),
                    ("store_id", "int4"),
                    ("created_at", "timestamptz"),
                    ("received_at", "timestamptz"),
                    ("request_hash", "varchar"),
                ),
                (
                    (k, f"BENCH-{k}", int(p), serving.get(int(p)), c, c, "-")
                    for k, p, c in zip(keys, pins, created, strict=True)
                ),
            )
            rows = []
            for k, p, c, count in zip(keys, pins, created, rng.integers(3, 7, n), strict=True):
                store = serving.get(int(p))
                for line_no, sku in enumerate(rng.choice(sku_ids, count, replace=False, p=sku_weights)):
                    qty = int(rng.integers(1, 3))
                    lost = qty if store is None or rng.random() < 0.08 else 0
                    rows.append(
                        (
                            k,
                            line_no,
                            int(sku),
                            qty,
                            qty - lost,
                            lost,
                            (qty - lost) * prices[int(sku)],
                            c,
                            int(p),
                            store,
                        )
                    )
            copy_rows(s, "order_line", ORDER_LINE_COLUMNS, rows)
            s.commit()
        order_key += n
        lines += len(rows)
        progress.update(task, advance=len(rows))
    with session_factory()() as s:
        s.execute(text("SELECT setval(pg_get_serial_sequence('customer_order', 'id'), :n)"), {"n": order_key})
        s.commit()
    return lines


def timed(call) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the database (to explain queries)")
    args = parser.parse_args()
    settings = get_settings()
    with fresh_database(keep=args.keep) as url, Progress() as progress:
        print(f"database: {url}")
        with session_factory()() as session:
            seed_demo(session, settings)
            session.commit()
            lines = generate(session, args.lines, progress)
        task = progress.add_task("rebuilding rollups", total=None)
        started = time.perf_counter()
        with session_factory()() as session:
            counts = rebuild(session, get_settings())
            session.commit()
        with session_factory()() as session:
            session.connection().exec_driver_sql("ANALYZE")
            session.commit()
        rebuild_s = time.perf_counter() - started
        progress.update(task, total=1, completed=1)

        where = machine()
        rng = random.Random(11)
        # As the dashboard asks (window=24h ending now, which the API rounds up to a whole 5-minute bucket).
        ends = [
            END - timedelta(minutes=5 * rng.randint(0, (DAYS - 8) * 24 * 12)) for _ in range(args.queries)
        ]
        cities = [rng.choice(["BLR", "DEL", "BOM"]) for _ in ends]
        results: dict[str, list[float]] = {"pincode": [], "h3": [], "raw": []}
        task = progress.add_task("timing queries", total=len(ends) * 3)
        visitor = new_admin(url)
        with (
            api_server(url) as base,
            httpx.Client(base_url=base, timeout=30, headers=visitor.headers(base)) as client,
            session_factory()() as session,
        ):
            for end, city in zip(ends, cities, strict=True):
                for level in ("pincode", "h3"):
                    params = {"to": end.isoformat(), "window": "24h", "city": city, "level": level}
                    results[level].append(
                        timed(lambda p=params: client.get("/api/heatmap", params=p).raise_for_status())
                    )
                results["raw"].append(
                    timed(
                        lambda e=end, c=city: session.execute(
                            text(
                                "SELECT l.pincode, SUM(l.requested), COUNT(DISTINCT l.order_id), SUM(l.lost),"
                                " SUM(l.revenue_paise) FROM order_line l JOIN pincode p ON p.pincode = l.pincode"
                                " WHERE p.city = :city AND l.created_at >= :s AND l.created_at < :e GROUP BY l.pincode"
                            ),
                            {"city": c, "s": e - timedelta(hours=24), "e": e},
                        ).all()
                    )
                )
                progress.advance(task, 3)

    def row(name: str, values: list[float]) -> str:
        return f"| {name} | {percentile(values, 50):.1f} | {percentile(values, 95):.1f} | {max(values):.1f} |"

    record(
        "heatmap",
        f"""
## Heatmap latency at {lines / 1e6:.1f} M order lines

`uv run python bench/heatmap.py --lines {args.lines} --queries {args.queries}`: {lines:,} lines over {DAYS} days
(30 stores, 500 SKUs, 318 pincodes), rollups rebuilt in {rebuild_s:.0f} s ({", ".join(f"{t} {n:,} rows" for t, n in counts.items())}).
Each query is `GET /api/heatmap?window=24h&to=…&city=…` over HTTP to the API in its own uvicorn process
(routing, validation, the queries and the JSON response, ~45 kB) for a 24 h window ending at a random 5-minute boundary (what `window=24h`
without `to` asks: the API rounds "now" up to the end of the current bucket); it answers the window, the
previous window and four earlier weeks (6 windows) in one query and builds the GeoJSON of every pincode
(or cell) of the city. The baseline is one plain GROUP BY over the raw lines for the same single window.

| query ({args.queries} each) | p50 ms | p95 ms | max ms |
|---|---|---|---|
{row("GET /api/heatmap level=pincode", results["pincode"])}
{row("GET /api/heatmap level=h3 (res 8)", results["h3"])}
{row("baseline: GROUP BY over raw lines (1 window)", results["raw"])}
""",
        where,
    )
    print(
        f"heatmap p95 {percentile(results['pincode'], 95):.1f} ms (baseline {percentile(results['raw'], 95):.1f} ms)"
    )


if __name__ == "__main__":
    main()
