"""The order simulator: deterministic, the same however a window is split, and shaped like quick commerce."""

from collections import Counter
from collections.abc import Iterable
from datetime import datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from fastcommerce.orders.schemas import OrderIn
from fastcommerce.simulation.simulator import (
    CATEGORY_DAYPART_WEIGHTS,
    DemandEvent,
    OrderSimulator,
    SimConfig,
    SimPincode,
    SimSku,
)

IST = ZoneInfo("Asia/Kolkata")
MONDAY = datetime(2026, 11, 23, tzinfo=IST)
DAY = timedelta(days=1)
WEEK = timedelta(days=7)
ORDERS_PER_DAY = 4500
SKUS = [SimSku(f"{i:02d}-{n:03d}", cat) for i, cat in enumerate(CATEGORY_DAYPART_WEIGHTS) for n in range(36)]
CATEGORY_OF = {s.sku: s.category for s in SKUS}
PINCODES = [SimPincode(560001 + i, served=i % 3 != 0) for i in range(120)]
SERVED = {p.pincode for p in PINCODES if p.served}


def simulator(seed: int = 7, orders_per_day: float = ORDERS_PER_DAY) -> OrderSimulator:
    return OrderSimulator(PINCODES, SKUS, SimConfig(orders_per_day=orders_per_day, seed=seed))


def local(order: OrderIn) -> datetime:
    assert order.created_at is not None
    return order.created_at.astimezone(IST)


def dumped(orders: Iterable[OrderIn]) -> list[dict[str, object]]:
    return [order.model_dump() for order in orders]


@pytest.fixture(scope="module")
def week() -> list[OrderIn]:
    return list(simulator().orders(MONDAY, MONDAY + WEEK))


@pytest.fixture(scope="module")
def orders_by_local_hour(week: list[OrderIn]) -> Counter[int]:
    return Counter(local(order).hour for order in week)


def test_same_inputs_and_seed_give_the_same_orders_whatever_the_input_order() -> None:
    first = dumped(simulator().orders(MONDAY, MONDAY + DAY))
    reordered = OrderSimulator(PINCODES[::-1], SKUS[::-1], SimConfig(orders_per_day=ORDERS_PER_DAY, seed=7))

    assert len(first) > 1000
    assert dumped(reordered.orders(MONDAY, MONDAY + DAY)) == first
    assert dumped(simulator(seed=8).orders(MONDAY, MONDAY + DAY)) != first


def test_hours_with_the_same_rate_draw_different_orders() -> None:
    sim = simulator()
    monday_dinner = MONDAY + timedelta(hours=20)
    tuesday_dinner = monday_dinner + DAY

    def baskets(start: datetime) -> list[list[str]]:
        return [[line.sku for line in order.lines] for order in sim.orders(start, start + timedelta(hours=1))]

    assert sim.expected_orders_per_hour(monday_dinner) == sim.expected_orders_per_hour(tuesday_dinner)
    assert baskets(monday_dinner) != baskets(tuesday_dinner)


@pytest.mark.parametrize(
    "cuts",
    [
        [timedelta(hours=5, minutes=17, seconds=3.25), timedelta(hours=13, minutes=30)],
        [timedelta(hours=h) for h in range(1, 24)],
    ],
    ids=["ragged", "hour by hour"],
)
def test_a_window_split_anywhere_gives_the_same_orders(cuts: list[timedelta]) -> None:
    sim = simulator()
    bounds = [MONDAY, *(MONDAY + cut for cut in cuts), MONDAY + DAY]
    pieces = [order for a, b in pairwise(bounds) for order in sim.orders(a, b)]

    assert dumped(pieces) == dumped(sim.orders(MONDAY, MONDAY + DAY))


def test_orders_are_sorted_unique_and_inside_the_window(week: list[OrderIn]) -> None:
    times = [local(order) for order in week]

    assert times == sorted(times)
    assert times[0] >= MONDAY
    assert times[-1] < MONDAY + WEEK
    assert len({order.order_id for order in week}) == len(week)
    assert all(order.order_id.startswith("SIM-") for order in week)


def test_baskets_have_three_to_six_distinct_skus_mostly_single_units(week: list[OrderIn]) -> None:
    sizes = Counter(len(order.lines) for order in week)
    qtys = Counter(line.qty for order in week for line in order.lines)

    assert set(sizes) == {3, 4, 5, 6}
    assert all(len({line.sku for line in order.lines}) == len(order.lines) for order in week)
    assert set(qtys) == {1, 2, 3}
    assert qtys[1] > 0.7 * qtys.total()


def test_a_catalog_smaller_than_the_biggest_basket_caps_baskets_at_the_whole_catalog() -> None:
    skus = [SimSku(f"PET-{n}", "Pet Care") for n in range(4)]
    sim = OrderSimulator(PINCODES, skus, SimConfig(orders_per_day=2000, seed=1))

    baskets = [{line.sku for line in order.lines} for order in sim.orders(MONDAY, MONDAY + DAY)]

    assert Counter(len(basket) for basket in baskets).keys() == {3, 4}
    assert {s.sku for s in skus} in baskets


def test_week_volume_matches_orders_per_day_with_busier_weekends(week: list[OrderIn]) -> None:
    expected = ORDERS_PER_DAY * (5 + 2 * 1.25)
    per_day = Counter(local(order).weekday() for order in week)
    weekday_mean = sum(per_day[d] for d in range(5)) / 5
    weekend_mean = (per_day[5] + per_day[6]) / 2

    assert 0.9 * expected <= len(week) <= 1.1 * expected
    assert 1.1 < weekend_mean / weekday_mean < 1.45


def test_dinner_peak_towers_over_the_night(orders_by_local_hour: Counter[int]) -> None:
    mean_hour = orders_by_local_hour.total() / 24
    dinner_peak = max(orders_by_local_hour[h] for h in range(18, 23))

    assert dinner_peak > 2.5 * mean_hour
    assert dinner_peak > 2 * (orders_by_local_hour[3] + orders_by_local_hour[4])
    assert dinner_peak > 20 * orders_by_local_hour[3]
    assert max(orders_by_local_hour[h] for h in range(1, 5)) < 0.25 * mean_hour


def test_morning_peak_is_above_the_afternoon_lull(orders_by_local_hour: Counter[int]) -> None:
    morning_peak = max(orders_by_local_hour[h] for h in range(7, 11))
    afternoon = sum(orders_by_local_hour[h] for h in range(13, 16)) / 3

    assert morning_peak > 1.5 * afternoon


def test_weekend_mornings_peak_later(week: list[OrderIn]) -> None:
    def morning_peak_hour(weekend: bool) -> int:
        hours = Counter(local(o).hour for o in week if (local(o).weekday() >= 5) == weekend)
        return max(range(6, 13), key=lambda h: hours[h])

    assert morning_peak_hour(weekend=True) > morning_peak_hour(weekend=False)


def test_expected_rate_has_a_dinner_peak_of_three_times_the_mean_hour() -> None:
    sim = simulator()
    mean_hour = ORDERS_PER_DAY / 24
    monday = sum(sim.expected_orders_per_hour(MONDAY + timedelta(hours=h)) for h in range(24))
    saturday = sum(sim.expected_orders_per_hour(MONDAY + timedelta(days=5, hours=h)) for h in range(24))

    assert 2.7 < sim.expected_orders_per_hour(MONDAY + timedelta(hours=20)) / mean_hour < 3.3
    assert monday == pytest.approx(ORDERS_PER_DAY)
    assert saturday == pytest.approx(1.25 * ORDERS_PER_DAY)


def test_breakfast_goods_lead_in_the_morning_and_snacks_in_the_evening(week: list[OrderIn]) -> None:
    def share(categories: set[str], hours: range) -> float:
        units = Counter[bool]()
        for order in week:
            if local(order).hour in hours:
                for line in order.lines:
                    units[CATEGORY_OF[line.sku] in categories] += line.qty
        return units[True] / units.total()

    morning, evening = range(6, 11), range(18, 23)
    breakfast = {"Dairy & Breakfast", "Bakery"}
    treats = {"Snacks", "Ice Cream & Frozen"}

    assert share(breakfast, morning) > 1.5 * share(breakfast, evening)
    assert share(treats, evening) > 1.5 * share(treats, morning)


def test_a_few_skus_take_most_units(week: list[OrderIn]) -> None:
    units = Counter[str]()
    for order in week:
        for line in order.lines:
            units[line.sku] += line.qty
    top_tenth = sum(count for _, count in units.most_common(len(SKUS) // 10))

    assert top_tenth > 0.5 * units.total()


def test_a_few_pincodes_are_hot_and_unserved_ones_quieter(week: list[OrderIn]) -> None:
    orders = Counter(order.pincode for order in week)
    top_tenth = sum(count for _, count in orders.most_common(len(PINCODES) // 10))
    per_served = sum(orders[p] for p in SERVED) / len(SERVED)
    per_unserved = sum(orders[p.pincode] for p in PINCODES if not p.served) / (len(PINCODES) - len(SERVED))

    assert top_tenth > 0.25 * len(week)
    assert per_unserved < 0.6 * per_served


def test_rain_and_festivals_come_as_specified_over_a_year() -> None:
    events = simulator().events(MONDAY, MONDAY + 52 * WEEK)
    rains = [e for e in events if e.kind == "rain"]
    festivals = [e for e in events if e.kind == "festival"]
    ordered_pincodes = sorted(p.pincode for p in PINCODES)

    assert {e.kind for e in events} == {"rain", "festival"}
    assert 0.65 * 104 < len(rains) < 1.35 * 104
    assert 1 <= len(festivals) <= 30
    for rain in rains:
        first = ordered_pincodes.index(min(rain.pincodes))
        assert rain.start.astimezone(IST).minute == 0
        assert timedelta(hours=2) <= rain.end - rain.start <= timedelta(hours=5)
        assert 0.2 * len(PINCODES) - 1 <= len(rain.pincodes) <= 0.4 * len(PINCODES) + 1
        assert rain.pincodes == set(ordered_pincodes[first : first + len(rain.pincodes)])  # neighbours
        assert 1.6 <= rain.multiplier <= 2.5
    for festival in festivals:
        assert festival.start.astimezone(IST).time() == time()
        assert festival.end - festival.start == DAY
        assert len(festival.pincodes) > 0.7 * len(PINCODES)
        assert festival.multiplier == 1.5


def test_events_are_the_same_however_the_window_is_split() -> None:
    sim = simulator()
    end = MONDAY + 8 * WEEK
    cuts = [MONDAY, MONDAY + timedelta(days=9, hours=5), MONDAY + timedelta(days=30, hours=2), end]
    whole = sim.events(MONDAY, end)
    pieces = [event for a, b in pairwise(cuts) for event in sim.events(a, b)]

    assert len(whole) > 8
    assert set(pieces) == set(whole)
    assert whole == simulator().events(MONDAY, end)


def _first_event_with_a_quiet_week_beside(sim: OrderSimulator, kind: str) -> tuple[DemandEvent, timedelta]:
    """The first event of this kind whose hours a week or two away have no event at all."""
    for event in sim.events(MONDAY, MONDAY + 52 * WEEK):
        if event.kind != kind:
            continue
        for shift in (-WEEK, WEEK, -2 * WEEK, 2 * WEEK):
            if not sim.events(event.start + shift, event.end + shift):
                return event, shift
    raise AssertionError(f"no {kind} event with a quiet week beside it")


@pytest.mark.parametrize(("kind", "orders_per_day"), [("rain", 50_000), ("festival", 10_000)])
def test_events_raise_orders_in_their_pincodes_during_their_hours(kind: str, orders_per_day: int) -> None:
    sim = simulator(orders_per_day=orders_per_day)
    event, shift = _first_event_with_a_quiet_week_beside(sim, kind)

    def orders_in_event_pincodes(start: datetime, end: datetime) -> int:
        return sum(order.pincode in event.pincodes for order in sim.orders(start, end))

    during = orders_in_event_pincodes(event.start, event.end)
    without = orders_in_event_pincodes(event.start + shift, event.end + shift)

    assert without > 100
    assert during > 1.3 * without
    assert during < 1.5 * event.multiplier * without


def test_naive_datetimes_are_refused() -> None:
    sim = simulator()
    naive = datetime(2026, 11, 23)

    with pytest.raises(ValueError, match="timezone-aware"):
        sim.orders(naive, MONDAY)
    with pytest.raises(ValueError, match="timezone-aware"):
        sim.events(MONDAY, naive)
    with pytest.raises(ValueError, match="timezone-aware"):
        sim.expected_orders_per_hour(naive)
