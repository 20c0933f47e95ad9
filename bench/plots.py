"""Plots of the simulator's output, to see that it looks like quick commerce (PNGs in docs/).

uv run python -m bench.plots
"""

from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from fastcommerce.catalog.demo import demo_catalog
from fastcommerce.config import DEFAULT_CITIES
from fastcommerce.geo.pincodes import city_pincodes
from fastcommerce.simulation.simulator import OrderSimulator, SimConfig, SimPincode, SimSku

DOCS = Path(__file__).parent.parent / "docs"
IST = ZoneInfo("Asia/Kolkata")
MONDAY = datetime(2026, 11, 16, tzinfo=IST)


def main() -> None:
    city = DEFAULT_CITIES[0]
    places = city_pincodes(city, 25, 1500)
    names = {p.pincode: p.name for p in places}
    # Roughly the demo: 10 stores serve about 40% of the pincodes (here: every other one).
    pincodes = [SimPincode(p.pincode, served=i % 5 < 2) for i, p in enumerate(places)]
    skus = [SimSku(s.sku, s.category) for s in demo_catalog(500, seed=7)]
    simulator = OrderSimulator(pincodes, skus, SimConfig(orders_per_day=1500, seed=7, timezone=city.timezone))
    orders = list(simulator.orders(MONDAY, MONDAY + timedelta(days=7)))

    per_hour = Counter(
        o.created_at.astimezone(IST).replace(minute=0, second=0, microsecond=0)
        for o in orders
        if o.created_at
    )
    hours = [MONDAY + timedelta(hours=h) for h in range(7 * 24)]
    fig, ax = plt.subplots(figsize=(12, 4))
    ax.plot(hours, [per_hour[h] for h in hours], linewidth=1.2)
    events = simulator.events(MONDAY, MONDAY + timedelta(days=7))
    for event in events:
        ax.axvspan(
            event.start, event.end, color="tab:blue" if event.kind == "rain" else "tab:orange", alpha=0.15
        )
    ax.set_title(
        f"Simulated orders per hour, {city.name}, one week from Monday {MONDAY:%d %b %Y} ({len(events)} rain/festival events shaded)"
    )
    ax.set_ylabel("orders per hour")
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(DOCS / "simulator-orders-per-hour.png", dpi=110)

    top = Counter(o.pincode for o in orders).most_common(15)
    fig, ax = plt.subplots(figsize=(10, 5))
    served = {p.pincode: p.served for p in pincodes}
    ax.barh(
        [f"{p} {names[p]}" for p, _ in reversed(top)],
        [n for _, n in reversed(top)],
        color=["tab:green" if served[p] else "tab:red" for p, _ in reversed(top)],
    )
    ax.set_title(
        f"Top pincodes by simulated orders in the week ({len(orders):,} orders; red: no store serves it)"
    )
    ax.set_xlabel("orders")
    fig.tight_layout()
    fig.savefig(DOCS / "simulator-top-pincodes.png", dpi=110)
    print(f"wrote {DOCS / 'simulator-orders-per-hour.png'} and {DOCS / 'simulator-top-pincodes.png'}")


if __name__ == "__main__":
    main()
