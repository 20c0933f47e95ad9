"""The simulator's orders have the shape of quick commerce, deterministically."""

from collections import Counter
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from fastcommerce.catalog.demo import demo_catalog
from fastcommerce.demand.simulator import (
    LINES_PER_ORDER,
    WEEKEND_VOLUME,
    OrderSimulator,
    SimConfig,
    SimPincode,
    SimSku,
)
from fastcommerce.orders.schemas import OrderIn

IST = ZoneInfo("Asia/Kolkata")
MONDAY = datetime(2026, 11, 16, tzinfo=IST)
SKUS = [SimSku(s.sku, s.category) for s in demo_catalog(300, seed=7)]
PINCODES = [SimPincode(560000 + i, served=i % 4 != 0) for i in range(60)]
CATEGORY = {s.sku: s.category for s in SKUS}


def simulator(seed: int = 7, orders_per_day: float = 3000) -> OrderSimulator:
    return OrderSimulator(PINCODES, SKUS, SimConfig(orders_per_day=orders_per_day, seed=seed))


@pytest.fixture(scope="module")
def week() -> list[OrderIn]:
    return list(simulator().orders(MONDAY, MONDAY + timedelta(days=7)))


def local_hour(order: OrderIn) -> int:
    assert order.created_at is not None
    return order.created_at.astimezone(IST).hour


def test_same_seed_same_orders_and_any_split_gives_the_same_orders() -> None:
    start, middle, end = MONDAY, MONDAY + timedelta(hours=30, minutes=17), MONDAY + timedelta(days=2)
    whole = list(simulator().orders(start, end))
    assert whole == list(simulator().orders(start, middle)) + list(simulator().orders(middle, end))
    assert whole != list(simulator(seed=8).orders(start, end))
    assert len({o.order_id for o in whole}) == len(whole)
    assert all(start <= o.created_at < end for o in whole if o.created_at)
    assert [o.created_at for o in whole] == sorted(o.created_at for o in whole if o.created_at)


def test_volume_matches_the_configured_rate(week: list[OrderIn]) -> None:
    expected = 3000 * (5 + 2 * WEEKEND_VOLUME)  # events add a little on top
    assert expected * 0.95 <= len(week) <= expected * 1.2


def test_evening_peak_and_quiet_nights(week: list[OrderIn]) -> None:
    by_hour = Counter(local_hour(o) for o in week)
    mean = len(week) / 24
    assert by_hour[20] > 2 * mean
    assert by_hour[20] > 10 * by_hour[3]
    assert by_hour[8] > 2 * by_hour[5]  # a morning peak too


def test_weekends_are_busier(week: list[OrderIn]) -> None:
    by_day = Counter(o.created_at.astimezone(IST).weekday() for o in week if o.created_at)
    weekday_median = sorted(by_day[d] for d in range(5))[2]  # a festival may lift one weekday
    assert min(by_day[5], by_day[6]) > 1.1 * weekday_median


def share(orders: list[OrderIn], categories: set[str]) -> float:
    lines = [line for o in orders for line in o.lines]
    return sum(CATEGORY[line.sku] in categories for line in lines) / len(lines)


def test_milk_and_bread_in_the_morning_snacks_and_ice_cream_in_the_evening(week: list[OrderIn]) -> None:
    morning = [o for o in week if 6 <= local_hour(o) <= 10]
    evening = [o for o in week if 18 <= local_hour(o) <= 22]
    breakfast = {"Dairy & Breakfast", "Bakery"}
    treats = {"Snacks", "Ice Cream & Frozen"}
    assert share(morning, breakfast) > 2 * share(evening, breakfast)
    assert share(evening, treats) > 2 * share(morning, treats)


def test_lines_skus_and_pincodes(week: list[OrderIn]) -> None:
    assert all(LINES_PER_ORDER[0] <= len(o.lines) <= LINES_PER_ORDER[1] for o in week)
    assert all(len({line.sku for line in o.lines}) == len(o.lines) for o in week)
    units = Counter()
    for o in week:
        for line in o.lines:
            units[line.sku] += line.qty
    ranked = sorted(units.values(), reverse=True)
    assert sum(ranked[: len(SKUS) // 10]) > 0.35 * sum(ranked)  # the top tenth of SKUs sells much more
    by_pincode = Counter(o.pincode for o in week)
    assert max(by_pincode.values()) > 4 * sorted(by_pincode.values())[len(by_pincode) // 2]  # hot pincodes


def test_events_raise_demand_where_and_when_they_happen() -> None:
    sim = simulator(orders_per_day=6000)
    month = (MONDAY, MONDAY + timedelta(days=28))
    rains = [e for e in sim.events(*month) if e.kind == "rain"]
    assert rains, "a month without rain is unlikely with this seed"
    orders = list(sim.orders(*month))
    for rain in rains[:3]:
        inside = sum(
            1 for o in orders if o.pincode in rain.pincodes and rain.start <= o.created_at < rain.end
        )
        expected = sum(
            sim.expected_orders_per_hour(rain.start + timedelta(hours=h))
            for h in range(int((rain.end - rain.start) / timedelta(hours=1)))
        ) * sum(s for p, s in zip(PINCODES, sim.pincode_share, strict=True) if p.pincode in rain.pincodes)
        assert inside > 1.3 * expected
