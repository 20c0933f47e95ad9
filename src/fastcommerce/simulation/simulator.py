"""A deterministic generator of quick-commerce orders, for demos and load tests; it touches no database.

Orders arrive as a non-homogeneous Poisson process over local time: a city-wide rate by hour of day and
day of week, shared among pincodes by fixed lognormal weights and raised inside random rain and festival
events. Each order picks 3–6 distinct SKUs by Zipf popularity, reweighted by category for its local hour.

Every random draw comes from a generator seeded by (seed, stream, slot), a slot being one UTC hour for
orders and one local day for events, so any window can be generated piece by piece (hour by hour when
streaming live) with exactly the same result as in one go.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from fastcommerce.bounds import SIMULATED_TIME
from fastcommerce.config import DEFAULT_TIMEZONE
from fastcommerce.orders.schemas import OrderIn

# Relative order volume by local hour (0–23), normalised below to a mean of 1: a breakfast peak, a
# dinner peak about 3× the mean hour and almost nothing at 1–5 am. Weekends wake up later and flatter.
WEEKDAY_HOURLY_SHAPE = (
    0.4, 0.18, 0.08, 0.06, 0.07, 0.18, 0.55, 1.25, 1.6, 1.4, 0.95, 0.75,
    0.7, 0.65, 0.55, 0.55, 0.7, 1.05, 1.8, 2.6, 3.0, 2.4, 1.5, 0.8,
)  # fmt: skip
WEEKEND_HOURLY_SHAPE = (
    0.5, 0.25, 0.1, 0.06, 0.06, 0.12, 0.3, 0.6, 0.95, 1.2, 1.3, 1.2,
    0.95, 0.8, 0.7, 0.65, 0.75, 1.05, 1.75, 2.55, 3.0, 2.5, 1.6, 0.9,
)  # fmt: skip
WEEKEND_VOLUME_FACTOR = 1.25

PINCODE_WEIGHT_SIGMA = 1.0  # of the lognormal pincode weights: a few hot pincodes, a long quiet tail
UNSERVED_PINCODE_FACTOR = 0.1
SKU_ZIPF_EXPONENT = 1.1

MORNING, DAYTIME, EVENING, LATE_NIGHT = range(4)
# 0–5 late night, 6–10 morning, 11–16 daytime, 17–21 evening, 22–23 late night
DAYPART_OF_LOCAL_HOUR = (
    (LATE_NIGHT,) * 6 + (MORNING,) * 5 + (DAYTIME,) * 6 + (EVENING,) * 5 + (LATE_NIGHT,) * 2
)
# Multiplies a SKU's popularity by its category and the order's day part (morning, daytime, evening,
# late night); a category not listed weighs 1 all day.
CATEGORY_DAYPART_WEIGHTS: dict[str, tuple[float, float, float, float]] = {
    "Dairy & Breakfast": (2.5, 1.0, 0.7, 0.5),
    "Bakery": (2.2, 1.0, 0.8, 0.6),
    "Fruits & Vegetables": (2.0, 1.2, 0.9, 0.4),
    "Meat & Eggs": (1.8, 1.0, 1.1, 0.5),
    "Staples": (1.2, 1.1, 0.9, 0.5),
    "Masala & Spices": (1.1, 1.1, 1.0, 0.5),
    "Snacks": (0.5, 1.0, 1.8, 2.2),
    "Ice Cream & Frozen": (0.3, 1.1, 1.8, 2.3),
    "Beverages": (0.7, 1.2, 1.6, 1.8),
    "Biscuits & Chocolates": (0.8, 1.0, 1.3, 1.5),
    "Instant Food": (0.7, 1.0, 1.2, 2.0),
    "Personal Care": (1.0, 1.1, 1.0, 0.8),
    "Home Care": (1.0, 1.2, 0.9, 0.7),
    "Baby Care": (1.0, 1.0, 1.0, 1.2),
}

LINES_PER_ORDER = (3, 4, 5, 6)
LINES_PER_ORDER_PROBABILITIES = (0.35, 0.3, 0.2, 0.15)
LINE_QTY = (1, 2, 3)
LINE_QTY_PROBABILITIES = (0.8, 0.15, 0.05)

RAIN_EVENTS_PER_WEEK = 2.0
RAIN_HOURS = (2, 5)  # inclusive
RAIN_PINCODE_SHARE = (0.2, 0.4)  # of all pincodes, a run of neighbouring pincode numbers
RAIN_MULTIPLIER = (1.6, 2.5)
FESTIVAL_PROBABILITY_PER_DAY = 1 / 30
FESTIVAL_PINCODE_SHARE = 0.85  # each pincode joins a festival with this probability
FESTIVAL_MULTIPLIER = 1.5

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_SLOT = timedelta(hours=1)
# Every UTC offset in use is a whole number of quarter hours, so within a quarter of a UTC hour the local
# hour, and with it the rate, is constant; events start and end on local hours, so on quarters too.
_QUARTERS_PER_SLOT = 4
_QUARTER = _SLOT / _QUARTERS_PER_SLOT
_MS_PER_QUARTER = _QUARTER // timedelta(milliseconds=1)
_DRAWS_PER_ROUND = 2 * max(LINES_PER_ORDER)  # SKU draws per order, repeats included, before checking
_PINCODE_STREAM, _SKU_STREAM, _EVENT_STREAM, _ORDER_STREAM = range(4)

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]


def _mean_one(shape: tuple[float, ...]) -> tuple[float, ...]:
    mean = sum(shape) / len(shape)
    return tuple(value / mean for value in shape)


_WEEKDAY_HOUR_FACTORS = _mean_one(WEEKDAY_HOURLY_SHAPE)
_WEEKEND_HOUR_FACTORS = tuple(WEEKEND_VOLUME_FACTOR * f for f in _mean_one(WEEKEND_HOURLY_SHAPE))


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
    orders_per_day: float  # city-wide mean on an average weekday
    seed: int
    order_id_prefix: str = "SIM"
    timezone: str = DEFAULT_TIMEZONE


@dataclass(frozen=True)
class _EventEffect:
    start: datetime
    end: datetime
    pincode_mask: BoolArray
    multiplier: float


def _rng(*key: int) -> np.random.Generator:
    return np.random.default_rng(list(key))


def _require_aware(**moments: datetime) -> None:
    for name, moment in moments.items():
        if moment.utcoffset() is None:
            raise ValueError(f"{name} must be timezone-aware, got {moment!r}")


def _slot_of(moment: datetime) -> int:
    return (moment - _EPOCH) // _SLOT


def _weighted_draws(rng: np.random.Generator, cdfs: FloatArray, rows: IntArray, per_row: int) -> IntArray:
    """per_row column indices for each row r, drawn with replacement by cumulative weights cdfs[rows[r]]."""
    uniforms = rng.random((rows.size, per_row))
    draws = np.empty(uniforms.shape, dtype=np.int64)
    for row in np.unique(rows):
        mine = rows == row
        draws[mine] = np.searchsorted(cdfs[row], uniforms[mine], side="right")
    return draws


def _first_occurrences(draws: IntArray) -> BoolArray:
    """Whether each draw is the first of its value in its row."""
    order = np.argsort(draws, axis=1, kind="stable")
    ordered = np.take_along_axis(draws, order, axis=1)
    first_when_ordered = np.ones(draws.shape, dtype=bool)
    first_when_ordered[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    first = np.empty(draws.shape, dtype=bool)
    np.put_along_axis(first, order, first_when_ordered, axis=1)
    return first


def _distinct_draws(rng: np.random.Generator, cdfs: FloatArray, rows: IntArray, counts: IntArray) -> IntArray:
    """counts[r] distinct column indices for each row r, drawn by the cumulative weights cdfs[rows[r]], all
    rows one after another. Drawing with replacement and skipping repeats is drawing without replacement."""
    draws = np.empty((rows.size, 0), dtype=np.int64)
    while True:
        draws = np.hstack([draws, _weighted_draws(rng, cdfs, rows, _DRAWS_PER_ROUND)])
        first = _first_occurrences(draws)
        if (first.sum(axis=1) >= counts).all():
            wanted: IntArray = draws[first & (np.cumsum(first, axis=1) <= counts[:, None])]
            return wanted


class OrderSimulator:
    def __init__(self, pincodes: Sequence[SimPincode], skus: Sequence[SimSku], config: SimConfig) -> None:
        if not pincodes or not skus:
            raise ValueError("the simulator needs at least one pincode and one SKU")
        if len({p.pincode for p in pincodes}) < len(pincodes) or len({s.sku for s in skus}) < len(skus):
            raise ValueError("pincodes and SKUs must be unique")
        if config.orders_per_day < 0 or config.seed < 0:
            raise ValueError("orders_per_day and seed must not be negative")
        self._config = config
        self._zone = ZoneInfo(config.timezone)
        ordered_pincodes = sorted(pincodes, key=lambda p: p.pincode)
        ordered_skus = sorted(skus, key=lambda s: s.sku)
        self._pincodes = [p.pincode for p in ordered_pincodes]
        self._pincode_index = {pincode: i for i, pincode in enumerate(self._pincodes)}
        self._skus = [s.sku for s in ordered_skus]
        self._pincode_weights = self._draw_pincode_weights(ordered_pincodes)
        self._sku_cdf_by_hour = self._draw_sku_cdf_by_hour(ordered_skus)

    @property
    def config(self) -> SimConfig:
        return self._config

    def _draw_pincode_weights(self, pincodes: Sequence[SimPincode]) -> FloatArray:
        """Each pincode's share of the city's orders, before events; they sum to 1."""
        rng = _rng(self._config.seed, _PINCODE_STREAM)
        weights = rng.lognormal(0.0, PINCODE_WEIGHT_SIGMA, len(pincodes))
        weights *= np.array([1.0 if p.served else UNSERVED_PINCODE_FACTOR for p in pincodes])
        normalised: FloatArray = weights / weights.sum()
        return normalised

    def _draw_sku_cdf_by_hour(self, skus: Sequence[SimSku]) -> FloatArray:
        """Cumulative SKU choice probabilities (columns) at each local hour (rows)."""
        rng = _rng(self._config.seed, _SKU_STREAM)
        ranks = np.empty(len(skus))
        ranks[rng.permutation(len(skus))] = np.arange(1, len(skus) + 1)
        flat = (1.0, 1.0, 1.0, 1.0)
        by_daypart = np.array([CATEGORY_DAYPART_WEIGHTS.get(s.category, flat) for s in skus]).T
        weights = ranks**-SKU_ZIPF_EXPONENT * by_daypart[list(DAYPART_OF_LOCAL_HOUR)]
        cdfs: FloatArray = np.cumsum(weights, axis=1) / weights.sum(axis=1, keepdims=True)
        cdfs[:, -1] = 1.0  # no rounding may leave a uniform draw beyond the last SKU
        return cdfs

    def expected_orders_per_hour(self, at: datetime) -> float:
        """The city-wide order rate at that instant, before events."""
        _require_aware(at=at)
        local = at.astimezone(self._zone)
        factors = _WEEKEND_HOUR_FACTORS if local.weekday() >= 5 else _WEEKDAY_HOUR_FACTORS
        return self._config.orders_per_day / 24 * factors[local.hour]

    def events(self, start: datetime, end: datetime) -> list[DemandEvent]:
        """The events that overlap [start, end), by start."""
        _require_aware(start=start, end=end)
        first_day = start.astimezone(self._zone).date() - timedelta(days=1)  # a rain may run past midnight
        last_day = end.astimezone(self._zone).date()
        days = (first_day + timedelta(days=n) for n in range((last_day - first_day).days + 1))
        found = [e for day in days for e in self._day_events(day) if e.start < end and e.end > start]
        return sorted(found, key=lambda e: e.start)

    def _day_events(self, day: date) -> list[DemandEvent]:
        """The events that start on this local day."""
        rng = _rng(self._config.seed, _EVENT_STREAM, day.toordinal())
        events = [self._rain(rng, day) for _ in range(rng.poisson(RAIN_EVENTS_PER_WEEK / 7))]
        if rng.random() < FESTIVAL_PROBABILITY_PER_DAY:
            events.append(self._festival(rng, day))
        return events

    def _rain(self, rng: np.random.Generator, day: date) -> DemandEvent:
        start = datetime.combine(day, time(int(rng.integers(24))), tzinfo=self._zone)
        hours = int(rng.integers(RAIN_HOURS[0], RAIN_HOURS[1] + 1))
        count = max(1, round(rng.uniform(*RAIN_PINCODE_SHARE) * len(self._pincodes)))
        first = int(rng.integers(len(self._pincodes) - count + 1))
        return DemandEvent(
            kind="rain",
            start=start,
            end=(start.astimezone(UTC) + timedelta(hours=hours)).astimezone(self._zone),
            pincodes=frozenset(self._pincodes[first : first + count]),
            multiplier=round(float(rng.uniform(*RAIN_MULTIPLIER)), 2),
        )

    def _festival(self, rng: np.random.Generator, day: date) -> DemandEvent:
        joins = rng.random(len(self._pincodes)) < FESTIVAL_PINCODE_SHARE
        return DemandEvent(
            kind="festival",
            start=datetime.combine(day, time(), tzinfo=self._zone),
            end=datetime.combine(day + timedelta(days=1), time(), tzinfo=self._zone),
            pincodes=frozenset(p for p, joined in zip(self._pincodes, joins, strict=True) if joined),
            multiplier=FESTIVAL_MULTIPLIER,
        )

    def orders(self, start: datetime, end: datetime) -> Iterator[OrderIn]:
        """The orders created in [start, end), by created_at; made one UTC hour at a time, lazily.

        An order id is the prefix, the UTC hour the order falls in and the order's rank within that hour:
        SIM-202611231400Z-0042.
        """
        _require_aware(start=start, end=end)
        return self._orders(start, end)

    def _orders(self, start: datetime, end: datetime) -> Iterator[OrderIn]:
        slots = range(_slot_of(start), _slot_of(end - timedelta.resolution) + 1)
        effects = [
            _EventEffect(e.start, e.end, self._pincode_mask(e.pincodes), e.multiplier)
            for e in self.events(_EPOCH + slots.start * _SLOT, _EPOCH + slots.stop * _SLOT)
        ]
        for slot in slots:
            slot_start = _EPOCH + slot * _SLOT
            overlapping = [e for e in effects if e.start < slot_start + _SLOT and e.end > slot_start]
            yield from self._slot_orders(slot_start, overlapping, start, end)

    def _pincode_mask(self, pincodes: frozenset[int]) -> BoolArray:
        mask = np.zeros(len(self._pincodes), dtype=bool)
        mask[[self._pincode_index[p] for p in pincodes]] = True
        return mask

    def _quarter_rates(
        self, quarter_starts: Sequence[datetime], effects: Sequence[_EventEffect]
    ) -> FloatArray:
        """Expected orders per quarter hour (rows) and pincode (columns), events included."""
        city = np.array([self.expected_orders_per_hour(t) for t in quarter_starts]) / _QUARTERS_PER_SLOT
        rates: FloatArray = np.outer(city, self._pincode_weights)
        for effect in effects:
            active = np.array([effect.start <= t < effect.end for t in quarter_starts])
            rates[np.ix_(active, effect.pincode_mask)] *= effect.multiplier
        return rates

    def _slot_orders(
        self, slot_start: datetime, effects: Sequence[_EventEffect], start: datetime, end: datetime
    ) -> list[OrderIn]:
        """The slot's orders created in [start, end); the draws, and so the ids, are the whole slot's."""
        rng = _rng(self._config.seed, _ORDER_STREAM, _slot_of(slot_start))
        millis, pincodes, local_hours = self._arrivals(rng, slot_start, effects)
        baskets = self._baskets(rng, local_hours)
        id_stem = f"{self._config.order_id_prefix}-{slot_start:%Y%m%d%H%M}Z"
        orders = []
        for n, (ms, pincode, lines) in enumerate(
            zip(millis.tolist(), pincodes.tolist(), baskets, strict=True)
        ):
            created_at = (slot_start + timedelta(milliseconds=ms)).astimezone(self._zone)
            if start <= created_at < end:
                orders.append(
                    OrderIn.model_validate(
                        {
                            "order_id": f"{id_stem}-{n:04d}",
                            "pincode": self._pincodes[pincode],
                            "created_at": created_at,
                            "lines": lines,
                        },
                        context=SIMULATED_TIME,
                    )
                )
        return orders

    def _arrivals(
        self, rng: np.random.Generator, slot_start: datetime, effects: Sequence[_EventEffect]
    ) -> tuple[IntArray, IntArray, IntArray]:
        """The slot's orders by time: milliseconds into the slot, pincode index and local hour of each."""
        quarter_starts = [slot_start + q * _QUARTER for q in range(_QUARTERS_PER_SLOT)]
        counts = rng.poisson(self._quarter_rates(quarter_starts, effects)).ravel()
        quarters, pincodes = np.divmod(np.repeat(np.arange(counts.size), counts), len(self._pincodes))
        millis = quarters * _MS_PER_QUARTER + rng.integers(_MS_PER_QUARTER, size=quarters.size)
        by_time = np.argsort(millis, kind="stable")
        local_hours = np.array([t.astimezone(self._zone).hour for t in quarter_starts])
        return millis[by_time], pincodes[by_time], local_hours[quarters[by_time]]

    def _baskets(self, rng: np.random.Generator, local_hours: IntArray) -> list[list[dict[str, Any]]]:
        """The lines of orders placed at these local hours."""
        sizes = rng.choice(LINES_PER_ORDER, p=LINES_PER_ORDER_PROBABILITIES, size=local_hours.size)
        sizes = np.minimum(sizes, len(self._skus))
        skus = _distinct_draws(rng, self._sku_cdf_by_hour, local_hours, sizes)
        qtys = rng.choice(LINE_QTY, p=LINE_QTY_PROBABILITIES, size=skus.size)
        lines = [
            {"sku": self._skus[sku], "qty": qty}
            for sku, qty in zip(skus.tolist(), qtys.tolist(), strict=True)
        ]
        ends = np.cumsum(sizes).tolist()
        return [lines[a:b] for a, b in pairwise([0, *ends])]
