"""A deterministic quick-commerce order generator: no database, just the shape of demand.

Orders arrive as a Poisson process per pincode and local hour: morning and bigger evening peaks, busier
and later weekends, hot pincodes (lognormal weights), Zipf-like SKU popularity, categories by hour (milk
and bread in the morning, snacks and ice cream in the evening), 3-6 lines an order, and occasional rain
or festival spikes. Each hour is generated from its own seed, so any split of a time range gives the
same orders, and `--live` can generate hour by hour.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from fastcommerce.orders.schemas import OrderIn, OrderLineIn

# Share of a weekday's orders in each local hour (0-23): a morning peak and a bigger dinner peak.
WEEKDAY_HOURS = np.array(
    [
        1.0,
        0.5,
        0.3,
        0.3,
        0.4,
        1.0,
        2.8,
        5.0,
        6.6,
        6.0,
        4.6,
        4.4,
        4.8,
        4.4,
        3.8,
        3.9,
        4.6,
        6.0,
        8.0,
        10.6,
        10.2,
        7.4,
        4.6,
        2.2,
    ]
)
# Weekends: a later, flatter morning and a long evening.
WEEKEND_HOURS = np.array(
    [
        1.4,
        0.8,
        0.4,
        0.3,
        0.3,
        0.6,
        1.4,
        2.8,
        4.4,
        5.6,
        6.0,
        5.8,
        5.6,
        5.0,
        4.4,
        4.4,
        5.0,
        6.2,
        8.0,
        9.8,
        9.6,
        7.6,
        5.0,
        2.6,
    ]
)
WEEKEND_VOLUME = 1.25
UNSERVED_WEIGHT = 0.1
ZIPF_EXPONENT = 1.1
LINES_PER_ORDER = (3, 6)
QTY_CHOICES, QTY_WEIGHTS = np.array([1, 2, 3]), np.array([0.75, 0.18, 0.07])
MORNING, EVENING, NIGHT = range(6, 11), range(17, 23), (23, 0, 1, 2)
# Category weight by time of day (others 1.0).
CATEGORY_BY_TIME = {
    "Dairy & Breakfast": {"morning": 2.6, "evening": 0.7},
    "Bakery": {"morning": 2.4, "evening": 0.7},
    "Fruits & Vegetables": {"morning": 1.8, "evening": 1.0},
    "Meat & Eggs": {"morning": 1.6, "evening": 1.2},
    "Snacks": {"morning": 0.5, "evening": 1.9, "night": 2.2},
    "Ice Cream & Frozen": {"morning": 0.3, "evening": 2.2, "night": 2.4},
    "Beverages": {"morning": 0.7, "evening": 1.6, "night": 1.8},
    "Biscuits & Chocolates": {"morning": 0.8, "evening": 1.4, "night": 1.6},
}
RAIN_DAILY_CHANCE, RAIN_MULTIPLIER, RAIN_HOURS = 0.3, (1.6, 2.5), (2, 4)
RAIN_PINCODE_SHARE = (0.2, 0.4)
FESTIVAL_DAILY_CHANCE, FESTIVAL_MULTIPLIER, FESTIVAL_PINCODE_SHARE = 0.04, 1.5, 0.8


@dataclass(frozen=True)
class SimPincode:
    pincode: int
    served: bool


@dataclass(frozen=True)
class SimSku:
    sku: str
    category: str


@dataclass(frozen=True)
class DemandEvent:
    kind: str  # "rain" or "festival"
    start: datetime
    end: datetime
    pincodes: frozenset[int]
    multiplier: float


@dataclass(frozen=True)
class SimConfig:
    orders_per_day: float
    seed: int
    order_id_prefix: str = "SIM"
    timezone: str = "Asia/Kolkata"


def _time_of_day(hour: int) -> str:
    if hour in MORNING:
        return "morning"
    if hour in EVENING:
        return "evening"
    return "night" if hour in NIGHT else "day"


class OrderSimulator:
    def __init__(self, pincodes: Sequence[SimPincode], skus: Sequence[SimSku], config: SimConfig) -> None:
        if not pincodes or len(skus) < LINES_PER_ORDER[1]:
            raise ValueError(f"need pincodes and at least {LINES_PER_ORDER[1]} SKUs to simulate orders")
        self.config = config
        self.zone = ZoneInfo(config.timezone)
        self.pincodes = list(pincodes)
        self.skus = list(skus)
        rng = np.random.default_rng([config.seed, 0])
        weights = rng.lognormal(0.0, 0.9, len(pincodes))
        weights *= np.array([1.0 if p.served else UNSERVED_WEIGHT for p in pincodes])
        self.pincode_share = weights / weights.sum()
        rank = rng.permutation(len(skus)) + 1
        self.popularity = 1.0 / rank**ZIPF_EXPONENT
        self.sku_weights = {
            part: self._category_weights(part) for part in ("morning", "evening", "night", "day")
        }

    def _category_weights(self, part: str) -> np.ndarray:
        factor = np.array([CATEGORY_BY_TIME.get(s.category, {}).get(part, 1.0) for s in self.skus])
        weights: np.ndarray = self.popularity * factor
        normalised: np.ndarray = weights / weights.sum()
        return normalised

    def expected_orders_per_hour(self, at: datetime) -> float:
        local = at.astimezone(self.zone)
        weekend = local.weekday() >= 5
        profile = WEEKEND_HOURS if weekend else WEEKDAY_HOURS
        volume = self.config.orders_per_day * (WEEKEND_VOLUME if weekend else 1.0)
        return float(volume * profile[local.hour] / profile.sum())

    def _day_start(self, at: datetime) -> datetime:
        local = at.astimezone(self.zone)
        return local.replace(hour=0, minute=0, second=0, microsecond=0)

    def _events_of_day(self, day: datetime) -> list[DemandEvent]:
        rng = np.random.default_rng([self.config.seed, 1, day.toordinal()])
        events = []
        codes = np.array([p.pincode for p in self.pincodes])
        if rng.random() < RAIN_DAILY_CHANCE:
            start = day + timedelta(hours=int(rng.integers(12, 21)))
            hours = int(rng.integers(RAIN_HOURS[0], RAIN_HOURS[1] + 1))
            share = rng.uniform(*RAIN_PINCODE_SHARE)
            # Rain falls on a neighbourhood: a run of pincodes next to each other in number.
            size = max(1, int(share * len(codes)))
            first = int(rng.integers(0, len(codes)))
            hit = frozenset(int(c) for c in np.roll(np.sort(codes), -first)[:size])
            events.append(
                DemandEvent("rain", start, start + timedelta(hours=hours), hit, rng.uniform(*RAIN_MULTIPLIER))
            )
        if rng.random() < FESTIVAL_DAILY_CHANCE:
            hit = frozenset(
                int(c) for c in rng.choice(codes, int(FESTIVAL_PINCODE_SHARE * len(codes)), replace=False)
            )
            events.append(DemandEvent("festival", day, day + timedelta(days=1), hit, FESTIVAL_MULTIPLIER))
        return events

    def events(self, start: datetime, end: datetime) -> list[DemandEvent]:
        day = self._day_start(start)
        found = []
        while day < end:
            found += [e for e in self._events_of_day(day) if e.start < end and e.end > start]
            day = self._day_start(day + timedelta(hours=26))
        return found

    def _multipliers(self, hour_start: datetime) -> np.ndarray:
        multipliers = np.ones(len(self.pincodes))
        for event in self._events_of_day(self._day_start(hour_start)):
            if event.start <= hour_start < event.end:
                hit = np.array([p.pincode in event.pincodes for p in self.pincodes])
                multipliers[hit] *= event.multiplier
        return multipliers

    def _hour(self, hour_start: datetime) -> Iterator[OrderIn]:
        slot = int(hour_start.timestamp()) // 3600
        rng = np.random.default_rng([self.config.seed, 2, slot])
        rates = self.expected_orders_per_hour(hour_start) * self.pincode_share * self._multipliers(hour_start)
        counts = rng.poisson(rates)
        total = int(counts.sum())
        if not total:
            return
        pincodes = np.repeat(np.arange(len(self.pincodes)), counts)
        seconds = np.sort(rng.uniform(0, 3600, total))
        rng.shuffle(pincodes)
        weights = self.sku_weights[_time_of_day(hour_start.astimezone(self.zone).hour)]
        stamp = hour_start.astimezone(UTC).strftime("%Y%m%d%H")
        for n in range(total):
            size = int(rng.integers(LINES_PER_ORDER[0], LINES_PER_ORDER[1] + 1))
            chosen = rng.choice(len(self.skus), size, replace=False, p=weights)
            qty = rng.choice(QTY_CHOICES, size, p=QTY_WEIGHTS)
            yield OrderIn(
                order_id=f"{self.config.order_id_prefix}-{stamp}-{n:05d}",
                pincode=self.pincodes[pincodes[n]].pincode,
                created_at=hour_start + timedelta(seconds=float(seconds[n])),
                lines=[
                    OrderLineIn(sku=self.skus[i].sku, qty=int(q)) for i, q in zip(chosen, qty, strict=True)
                ],
            )

    def orders(self, start: datetime, end: datetime) -> Iterator[OrderIn]:
        """Orders with created_at in [start, end), in time order."""
        hour = datetime.fromtimestamp(int(start.timestamp()) // 3600 * 3600, UTC)
        while hour < end:
            for order in self._hour(hour):
                assert order.created_at is not None
                if start <= order.created_at < end:
                    yield order
            hour += timedelta(hours=1)
