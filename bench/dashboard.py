"""Dashboard: first map with pincode areas, JS of the first load, and H3 resolution 9 over a city, in Chromium.

Runs the API on a fresh database with the demo data set and a week of simulated Bengaluru orders, and
`frontend/e2e/paint.bench.mjs` in Debian's Chromium against it. Needs the build (`make frontend`).
"""

import argparse
import gzip
import json
import os
import re
import statistics
import subprocess
from pathlib import Path

from bench.common import api_server, fresh_database, machine, new_admin, percentile, record
from fastcommerce.config import get_settings
from fastcommerce.db import session_factory
from fastcommerce.seed import seed_demo
from fastcommerce.simulation.flows import city_simulation, simulate_history

DIST = Path("frontend/dist")
SCRIPT = Path("frontend/e2e/paint.bench.mjs")


def first_load_js() -> tuple[int, int]:
    """(bytes, gzipped bytes) of the scripts index.html loads before anything is clicked."""
    index = (DIST / "index.html").read_text()
    names = re.findall(r'(?:src|href)="/(assets/[^"]+\.js)"', index)
    raw = [(DIST / name).read_bytes() for name in names]
    return sum(map(len, raw)), sum(len(gzip.compress(b, 9)) for b in raw)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--days", type=int, default=7)
    args = parser.parse_args()
    settings = get_settings()
    with fresh_database() as url:
        with session_factory()() as session:
            seed_demo(session, settings)
            session.commit()
            sim = city_simulation(session, settings, "BLR", settings.demo_seed, None)
        simulate_history(session_factory(), get_settings(), sim, args.days)
        where = machine()
        visitor = new_admin(url)
        with api_server(url) as base:
            out = subprocess.run(
                ["node", str(SCRIPT)],
                env=os.environ | visitor.env() | {"BASE_URL": base, "RUNS": str(args.runs)},
                capture_output=True,
                text=True,
                check=True,
            ).stdout
    found = json.loads(out.strip().splitlines()[-1])
    raw, gzipped = first_load_js()

    def row(name: str, values: list[float]) -> str:
        return f"| {name} | {len(values)} | {statistics.median(values):.0f} | {percentile(values, 95):.0f} |"

    body = f"""
## Dashboard

`uv run python -m bench.dashboard --runs {args.runs} --days {args.days}`: the API on the demo data set with
{args.days} days of simulated Bengaluru orders, the dashboard's build, Debian Chromium headless (1280 × 800)
driven by playwright-core. First map: from navigation to {">"} 50 pincode areas drawn, a fresh browser profile
each run (nothing cached). H3 resolution 9: the whole city, {found["cells"]} cells; restyle: switching the
metric until every cell has its new colour (the heatmap request and the restyle: what each step of playback
will do).

| what | runs | median ms | p95 ms |
|---|---|---|---|
{row("first map with pincode areas (cold)", found["paint"])}
{row("H3 resolution 9, whole city, drawn", found["h3Draw"])}
{row("H3 resolution 9, restyle on a metric change", found["restyle"])}

JavaScript of the first load (`index.html`'s scripts and module preloads): {raw / 1024:.0f} KB,
**{gzipped / 1024:.0f} KB gzipped** (goal < 400 KB); the pincode panel loads on the first click.
"""
    record("dashboard", body, where)
    print(body)


if __name__ == "__main__":
    main()
