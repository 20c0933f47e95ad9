"""The policy simulator: the order simulator's demand replayed through dark stores restocked in waves from
a finite mother hub, under a restocking policy; no database. `fastcommerce simulate policy` runs it.

The world: `stores` dark stores, each serving `pincodes_per_store` pincodes of one simulated city (the order
simulator's orders from those pincodes are the store's demand: the pincodes' random weights make busy and
quiet stores, rain hits runs of neighbouring pincodes); the first `skus` SKUs of the demo catalog with their
case packs and shelf lives; one mother hub, supplied once a day.

Time, in hours from local midnight of a Monday:
- training (`train_days`): demand only. The policies learn from it (min/max tunes its s and S; the forecast
  policy fits the forecasting engine, calibrates it and learns the hour-of-day profile); nothing is stocked.
- warm-up (`warmup_days`): replayed, not measured; stock settles after the initial fill (every store at S,
  the hub at its target, all fresh).
- measured (`days`): replayed and measured.

Every replayed hour, in this order: lots past their shelf life are wasted (stores and hub); the supplier's
delivery reaches the hub (daily at `hub_delivery_hour`; the hub orders `hub_lead_hours` before, up to about
`hub_cover_days` of the city's recent demand in whole cases, at most half a perishable's shelf life);
shipments due at a wave reach their stores; at a wave's cut-off every store × SKU line is planned
(replenishment/policy.py: s and S from the policy, then case pack, minimum order, shelf life, store
capacity, hub stock) and leaves the hub, oldest lot first but no lot that would expire before the next wave,
in transit until the wave; then the hour's demand is served, oldest lot first, and whatever cannot be served
is lost. Demand = served + lost is what the policies see (the forecast policy learns from it).

A lot is a quantity of one SKU that reached the hub from the supplier together, with the hour it expires
(its arrival plus the SKU's shelf life); it keeps that hour when part of it moves to a store.
"""

import hashlib
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import Protocol
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from fastcommerce.catalog.demo import demo_catalog
from fastcommerce.catalog.schemas import SkuCreate
from fastcommerce.config import DEFAULT_TIMEZONE
from fastcommerce.errors import ForecastInputError
from fastcommerce.forecasting.choices import require_model
from fastcommerce.replenishment.demand import (
    BandedCalibration,
    Calibration,
    calibrate_banded,
    hour_shares,
)
from fastcommerce.replenishment.policy import (
    DemandDistribution,
    FloatArray,
    IntArray,
    LineInputs,
    LinePlan,
    cap_by_shelf_life,
    empirical_fill_rate_reorder_levels,
    empirical_reorder_levels,
    fill_rate_reorder_levels,
    plan_lines,
    reorder_levels,
    round_up_to_case,
    sellable_before_expiry,
)
from fastcommerce.simulation.simulator import OrderSimulator, SimConfig, SimPincode, SimSku

POLICIES = ("minmax", "forecast")
# What the service level sets. cycle (the rule): s = the service-level quantile of protection-interval
# demand, the share of replenishment cycles without a stock-out; fill: a fill-rate target, s = the smallest
# stock whose expected shortage a cycle is at most (1 − service level) × the units one order brings. For
# min/max "fill" is not the min/max but one tuned the same way on its training windows.
TARGETS = ("cycle", "fill")
HOURS = 24
START = date(2026, 6, 1)  # a Monday
CATALOG_SEED = 7  # the demo's catalog
PINCODE_BASE = 560_001
HUB_HISTORY_DAYS = 28
CALIBRATION_WEEKS = 4  # out-of-sample windows kept for calibration
CALIBRATION_BANDS = 4  # of forecast size, each calibrated on its own
HUB_SERVICE_LEVEL = 0.99

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class PolicySimConfig:
    policy: str = "forecast"
    service_level: float = 0.98
    days: int = 56  # measured
    stores: int = 10
    skus: int = 300
    seed: int = 1
    train_days: int = 35
    warmup_days: int = 7
    orders_per_store_day: float = 150.0
    pincodes_per_store: int = 4
    waves: tuple[int, ...] = (6, 15)  # local hours
    cutoff_hours: int = 2  # before each wave; the lead time from order to delivery
    moq_units: int = 0  # minimum order per store line
    capacity_units: int | None = None  # per store; None: one case of every SKU + capacity_days of demand
    capacity_days: float = 4.0
    hub_delivery_hour: int = 2  # the supplier delivers to the hub every day at this hour
    hub_lead_hours: int = 12  # the hub orders this long before each delivery
    hub_cover_days: float = 2.0  # the hub orders up to 99% of this many days of demand, in whole cases
    batch_review: bool = True  # S = s + the review period's demand; False: S = s (order up to s every wave)
    store_pack: int | None = None  # units per pack from the hub to a store; None: the SKU's case pack
    target: str = "cycle"  # one of TARGETS
    refit_days: int = 7
    forecast_model: str = "seasonal_median"
    history_days: int = 56  # the forecast learns from at most this many past days
    n_jobs: int = 1

    def __post_init__(self) -> None:
        problems = []
        if self.policy not in POLICIES:
            problems.append(f"policy must be one of {', '.join(POLICIES)}, got {self.policy!r}")
        if self.target not in TARGETS:
            problems.append(f"target must be one of {', '.join(TARGETS)}, got {self.target!r}")
        if not 0 < self.service_level < 1:
            problems.append(f"service_level must lie strictly between 0 and 1, got {self.service_level}")
        for name in (
            "days",
            "stores",
            "skus",
            "pincodes_per_store",
            "refit_days",
            "n_jobs",
            "hub_lead_hours",
        ):
            if getattr(self, name) < 1:
                problems.append(f"{name} must be at least 1, got {getattr(self, name)}")
        if self.train_days < 2 * self.refit_days:
            problems.append(f"train_days must be at least twice refit_days, got {self.train_days}")
        if self.store_pack is not None and self.store_pack < 1:
            problems.append(f"store_pack must be at least 1, got {self.store_pack}")
        if self.warmup_days < 0 or self.moq_units < 0 or self.orders_per_store_day <= 0:
            problems.append("warmup_days and moq_units must not be negative, orders_per_store_day positive")
        waves = list(self.waves)
        gaps = [b - a for a, b in pairwise([*waves, waves[0] + HOURS])] if waves else []
        if not waves or sorted(set(waves)) != waves or waves[-1] >= HOURS:
            problems.append(f"waves must be distinct local hours of the day in order, got {self.waves}")
        elif self.cutoff_hours < 1 or min(gaps) <= self.cutoff_hours or waves[0] < self.cutoff_hours:
            problems.append(
                f"cutoff_hours ({self.cutoff_hours}) must be positive, shorter than the time between waves"
                " and put the first wave's cut-off on the same day"
            )
        if not 0 <= self.hub_delivery_hour < HOURS:
            problems.append(f"hub_delivery_hour must be an hour of the day, got {self.hub_delivery_hour}")
        try:
            require_model(self.forecast_model)
        except ForecastInputError as error:
            problems.append(error.message)
        if problems:
            raise ValueError("; ".join(problems))

    @property
    def replay_days(self) -> int:
        return self.warmup_days + self.days


@dataclass(frozen=True)
class World:
    """Demand of the training and replayed days, per hour, store and SKU, and what is sold."""

    config: PolicySimConfig
    skus: list[SkuCreate]
    categories: list[str]
    category: IntArray  # per SKU, an index into categories
    case_pack: IntArray
    shelf_life_hours: IntArray
    demand: npt.NDArray[np.int32]  # [hour, store, sku]
    weekend: npt.NDArray[np.bool_]  # per day, and the day after the last

    @property
    def train_hours(self) -> int:
        return self.config.train_days * HOURS

    def store_packs(self) -> IntArray:
        """Units per pack from the hub to a store, per store × SKU (flattened, store-major)."""
        n = len(self.skus)
        packs = self.case_pack if self.config.store_pack is None else np.full(n, self.config.store_pack)
        return np.tile(packs, self.config.stores).astype(np.int64)

    def order_size(self, review_mean: FloatArray) -> FloatArray:
        """The units one order brings, per store × SKU: the review period's expected demand, or a whole
        pack or the minimum order when that is more (what a fill-rate target is a share of)."""
        size: FloatArray = np.maximum(
            np.maximum(review_mean, self.store_packs()), float(self.config.moq_units)
        ).astype(np.float64)
        return size


def build_world(config: PolicySimConfig, progress: Progress | None = None) -> World:
    """The order simulator's orders for every training and replayed day, summed per hour, store and SKU."""
    catalog = demo_catalog(config.skus, CATALOG_SEED)
    if len(catalog) < config.skus:
        raise ValueError(f"the demo catalog holds {len(catalog)} SKUs, fewer than {config.skus}")
    zone = ZoneInfo(DEFAULT_TIMEZONE)
    start = datetime.combine(START, datetime.min.time(), tzinfo=zone)
    days = config.train_days + config.replay_days
    pincodes = [SimPincode(PINCODE_BASE + i, True) for i in range(config.stores * config.pincodes_per_store)]
    simulator = OrderSimulator(
        pincodes,
        [SimSku(s.sku, s.category) for s in catalog],
        SimConfig(
            orders_per_day=config.orders_per_store_day * config.stores,
            seed=config.seed,
            order_id_prefix="POLICY",
            timezone=zone.key,
        ),
    )
    index = {s.sku: i for i, s in enumerate(catalog)}
    demand = np.zeros((days * HOURS, config.stores, len(catalog)), dtype=np.int32)
    hour = timedelta(hours=1)
    for day in range(days):
        day_start = start + timedelta(days=day)
        for order in simulator.orders(day_start, day_start + timedelta(days=1)):
            assert order.created_at is not None
            h = (order.created_at - start) // hour
            store = (order.pincode - PINCODE_BASE) // config.pincodes_per_store
            for line in order.lines:
                demand[h, store, index[line.sku]] += line.qty
        if progress:
            progress("demand", day + 1, days)
    categories = sorted({s.category for s in catalog})
    return World(
        config=config,
        skus=catalog,
        categories=categories,
        category=np.array([categories.index(s.category) for s in catalog], dtype=np.int64),
        case_pack=np.array([s.case_pack for s in catalog], dtype=np.int64),
        shelf_life_hours=np.array([(s.shelf_life_days or 3650) * HOURS for s in catalog], dtype=np.int64),
        demand=demand,
        weekend=np.array([(START + timedelta(days=d)).weekday() >= 5 for d in range(days + 1)]),
    )


@dataclass(frozen=True)
class Cut:
    """A wave's cut-off: orders placed at `cutoff` arrive at `delivery`; the next orders at `next_delivery`.
    Absolute hours from the start of training."""

    cutoff: int
    delivery: int
    next_delivery: int

    @property
    def day(self) -> int:
        return self.cutoff // HOURS


def cuts_of_day(config: PolicySimConfig, day: int) -> list[Cut]:
    waves = [day * HOURS + w for w in config.waves] + [(day + 1) * HOURS + config.waves[0]]
    return [Cut(w - config.cutoff_hours, w, nxt) for w, nxt in pairwise(waves)]


@dataclass(frozen=True)
class WaveDemand:
    """What a policy tells the planner at a cut-off, per store × SKU (arrays [store, sku]; the distribution
    flattened in the same order)."""

    s: IntArray
    big_s: IntArray
    lead_mean: FloatArray  # expected demand from the cut-off to the delivery
    daily_mean: FloatArray  # expected demand a day, for shelf life
    protection: DemandDistribution  # demand from the cut-off to the next delivery


class RestockPolicy(Protocol):
    name: str
    service_level: float
    fits: int  # forecast fits made so far

    def wave(self, cut: Cut, observed: npt.NDArray[np.int32]) -> WaveDemand:
        """The levels for this cut-off; `observed` holds demand (served + lost) of every hour before it."""
        ...


def _window_sums(hourly: npt.NDArray[np.int32], windows: list[tuple[int, int]]) -> FloatArray:
    """hourly[hour, store, sku] summed over each [start, end) → [store × sku, window]."""
    cumulative = np.zeros((hourly.shape[0] + 1, hourly.shape[1] * hourly.shape[2]))
    cumulative[1:] = np.cumsum(hourly.reshape(hourly.shape[0], -1), axis=0)
    sums: FloatArray = np.stack([cumulative[b] - cumulative[a] for a, b in windows], axis=1)
    return sums


def training_cuts(config: PolicySimConfig, days: range) -> list[Cut]:
    return [c for d in days for c in cuts_of_day(config, d) if c.next_delivery <= days.stop * HOURS]


class MinMaxPolicy:
    """Static s and S per store × SKU from the training days: s = the service-level quantile of the demand
    over every past protection interval (cut-off to next-but-one wave, both waves pooled), S = s + the mean
    demand of a review period (wave to next wave), as replenishment.policy.empirical_reorder_levels. With a
    fill-rate target (config target "fill", not the issue's min/max: a tuned one) s is the smallest stock
    whose mean shortage over those intervals is at most (1 − service level) × the units one order brings
    (replenishment.policy.empirical_fill_rate_reorder_levels)."""

    name = "minmax"
    fits = 0

    def __init__(self, world: World, service_level: float) -> None:
        self.service_level = service_level
        observed = world.demand[: world.train_hours]
        cuts = training_cuts(world.config, range(world.config.train_days))
        protection = _window_sums(observed, [(c.cutoff, c.next_delivery) for c in cuts])
        review = _window_sums(observed, [(c.delivery, c.next_delivery) for c in cuts])
        lead = _window_sums(observed, [(c.cutoff, c.delivery) for c in cuts])
        shape = (world.config.stores, len(world.skus))
        self.target = world.config.target
        order_size = world.order_size(review.mean(axis=1))
        if not world.config.batch_review:
            review = np.zeros_like(review)
        if self.target == "fill":
            s, big_s = empirical_fill_rate_reorder_levels(protection, review, order_size, service_level)
        else:
            s, big_s = empirical_reorder_levels(protection, review, service_level)
        self._levels = WaveDemand(
            s=s.reshape(shape),
            big_s=big_s.reshape(shape),
            lead_mean=lead.mean(axis=1).reshape(shape),
            daily_mean=observed.sum(axis=0) / world.config.train_days,
            protection=DemandDistribution.of(protection.mean(axis=1), protection.var(axis=1)),
        )

    def wave(self, cut: Cut, observed: npt.NDArray[np.int32]) -> WaveDemand:
        return self._levels


@dataclass
class _Fit:
    first_day: int
    daily: FloatArray  # [store × sku, day from first_day]: forecast means, before calibration


class ForecastPolicy:
    """s and S from the forecasting engine (forecasting/engine.py, `auto` by default), refit every
    `refit_days` on daily demand (served + lost) of up to `history_days` past days. A step's mean is the
    forecast's expected demand (its `mean`), is split into hours by the
    training days' hour-of-day profile per category and day type, summed over the window, and read as a
    negative binomial whose bias and variance law are calibrated, per band of forecast size, on the windows
    the previous fit forecast
    and then saw (the first fit is calibrated by one that held out the last `refit_days` of training).
    s = the service-level quantile of demand until the next-but-one wave (config target "cycle"), or the
    smallest stock whose expected shortage over that interval is at most (1 − service level) × the units one
    order brings (target "fill": replenishment.policy.fill_rate_reorder_levels); S = s + the expected
    demand of the review period."""

    name = "forecast"

    def __init__(
        self,
        world: World,
        service_level: float,
        cache: dict[str, FloatArray] | None = None,
        on_fit: Callable[[int], None] | None = None,
    ) -> None:
        self._world = world
        self._config = world.config
        self.service_level = service_level
        self.target = world.config.target
        self._order_size = world.order_size
        self._cache = cache if cache is not None else {}
        self._on_fit = on_fit
        train = world.demand[: world.train_hours]
        by_category = np.zeros((self._config.train_days, HOURS, len(world.categories)))
        daily_hours = train.reshape(self._config.train_days, HOURS, -1, train.shape[2]).sum(axis=2)
        for c in range(len(world.categories)):
            by_category[:, :, c] = daily_hours[:, :, world.category == c].sum(axis=2)
        self.shares = hour_shares(by_category, world.weekend[: self._config.train_days])
        self._position_category = np.tile(world.category, self._config.stores)
        self._fit: _Fit | None = None
        self._calibration: Calibration | BandedCalibration = Calibration()
        self._pairs: deque[tuple[FloatArray, FloatArray]] = deque(maxlen=CALIBRATION_WEEKS)
        self.fits = 0

    @property
    def calibration(self) -> Calibration | BandedCalibration:
        return self._calibration

    def _daily_history(self, observed: npt.NDArray[np.int32], first: int, last: int) -> FloatArray:
        hours = observed[first * HOURS : last * HOURS]
        daily: FloatArray = hours.reshape(last - first, HOURS, -1).sum(axis=1).T.astype(np.float64)
        return daily  # [store × sku, day]

    def _forecast(self, observed: npt.NDArray[np.int32], day: int) -> _Fit:
        """The engine's daily means for days day … day + refit_days + 1, learnt from the days before."""
        import pandas as pd

        from fastcommerce.forecasting.engine import forecast

        first = max(0, day - self._config.history_days)
        history = self._daily_history(observed, first, day)
        horizon = self._config.refit_days + 2
        key = hashlib.sha256(
            history.tobytes() + f"{first}:{day}:{horizon}:{self._config.forecast_model}".encode()
        ).hexdigest()
        if key not in self._cache:
            n, days = history.shape
            dates = pd.date_range(START + timedelta(days=first), periods=days, freq="D")
            table = pd.DataFrame(
                {
                    "unique_id": np.repeat([f"{i:06d}" for i in range(n)], days),
                    "ds": np.tile(dates, n),
                    "y": history.ravel(),
                }
            )
            result = forecast(
                table,
                horizon,
                model=self._config.forecast_model,
                freq="D",
                levels=(80,),
                n_jobs=self._config.n_jobs,
            )
            points = result.points.sort_values(["unique_id", "ds"])
            self._cache[key] = points["mean"].to_numpy().reshape(n, horizon)
            self.fits += 1
            if self._on_fit:
                self._on_fit(day)
        return _Fit(day, self._cache[key])

    def _window_means(self, fit: _Fit, start: int, end: int) -> FloatArray:
        """Forecast mean demand over hours [start, end) per store × SKU, before calibration."""
        total = np.zeros(fit.daily.shape[0])
        for day in range(start // HOURS, (end - 1) // HOURS + 1):
            lo, hi = max(start, day * HOURS) - day * HOURS, min(end, (day + 1) * HOURS) - day * HOURS
            step = day - fit.first_day
            if not 0 <= step < fit.daily.shape[1]:
                raise ValueError(f"day {day} lies outside the forecast of days {fit.first_day}+")
            share = self.shares[int(self._world.weekend[day]), lo:hi].sum(axis=0)  # per category
            total += fit.daily[:, step] * share[self._position_category]
        return total

    def _pairs_of(
        self, fit: _Fit, observed: npt.NDArray[np.int32], days: range
    ) -> tuple[FloatArray, FloatArray]:
        """Forecast and observed demand over every protection interval within `days`."""
        cuts = training_cuts(self._config, days)
        predicted = np.concatenate([self._window_means(fit, c.cutoff, c.next_delivery) for c in cuts])
        actual = _window_sums(observed, [(c.cutoff, c.next_delivery) for c in cuts]).T.ravel()
        return predicted, actual

    def _refit(self, observed: npt.NDArray[np.int32], day: int) -> None:
        step = self._config.refit_days
        if self._fit is None:  # calibrated by a fit that held out the training's last refit_days
            held_out = self._forecast(observed, day - step)
            self._pairs.append(self._pairs_of(held_out, observed, range(day - step, day)))
        else:
            self._pairs.append(self._pairs_of(self._fit, observed, range(self._fit.first_day, day)))
        predicted = np.concatenate([p for p, _ in self._pairs])
        actual = np.concatenate([a for _, a in self._pairs])
        self._calibration = calibrate_banded(predicted, actual, CALIBRATION_BANDS)
        self._fit = self._forecast(observed, day)

    def wave(self, cut: Cut, observed: npt.NDArray[np.int32]) -> WaveDemand:
        if self._fit is None or cut.day >= self._fit.first_day + self._config.refit_days:
            self._refit(observed, cut.day)
        assert self._fit is not None
        shape = (self._config.stores, len(self._world.skus))
        raw = self._window_means(self._fit, cut.cutoff, cut.next_delivery)
        protection = self._calibration.distribution(raw)
        bias = self._calibration.scale(raw)  # the protection window's band sets the position's bias
        review = self._window_means(self._fit, cut.delivery, cut.next_delivery) * bias
        lead = self._window_means(self._fit, cut.cutoff, cut.delivery) * bias
        day = cut.day - self._fit.first_day
        daily = self._fit.daily[:, day : day + 2].mean(axis=1) * bias
        order_size = self._order_size(review)
        if not self._config.batch_review:
            review = np.zeros_like(review)
        if self.target == "fill":
            s, big_s = fill_rate_reorder_levels(protection, review, order_size, self.service_level)
        else:
            s, big_s = reorder_levels(protection, review, self.service_level)
        return WaveDemand(
            s=s.reshape(shape),
            big_s=big_s.reshape(shape),
            lead_mean=lead.reshape(shape),
            daily_mean=daily.reshape(shape),
            protection=protection,
        )


class _Stock:
    """Lots per location (stores 0 … n−1, the hub n) and SKU, oldest first, and the hour each expires."""

    def __init__(self, locations: int, skus: int) -> None:
        self.lots: list[list[deque[list[int]]]] = [[deque() for _ in range(skus)] for _ in range(locations)]
        self.on_hand = np.zeros((locations, skus), dtype=np.int64)
        self._expiring: dict[int, list[tuple[int, int]]] = {}

    def receive(self, location: int, sku: int, expires: int, qty: int) -> None:
        lots = self.lots[location][sku]
        if lots and lots[-1][0] > expires:
            raise AssertionError("lots must arrive in the order they expire")
        if lots and lots[-1][0] == expires:
            lots[-1][1] += qty
        else:
            lots.append([expires, qty])
            self._expiring.setdefault(expires, []).append((location, sku))
        self.on_hand[location, sku] += qty

    def arrive(self, location: int, sku: int, lots: list[tuple[int, int]], hour: int) -> int:
        """Receive a shipment's lots (expires, qty) at this hour; returns the units that expired on the way
        (received and wasted at once)."""
        expired = 0
        for expires, qty in lots:
            if expires > hour:
                self.receive(location, sku, expires, qty)
            else:
                expired += qty
        return expired

    def take(self, location: int, sku: int, qty: int, fresh_from: int | None = None) -> list[tuple[int, int]]:
        """Up to qty units, oldest first: (expires, qty) per lot taken. With `fresh_from`, lots expiring
        before that hour are left where they are (a hub sends no lot that would not last to the next wave)."""
        lots = self.lots[location][sku]
        skipped = []
        while fresh_from is not None and lots and lots[0][0] < fresh_from:
            skipped.append(lots.popleft())
        taken = []
        while qty > 0 and lots:
            expires, there = lots[0]
            n = min(there, qty)
            taken.append((expires, n))
            qty -= n
            if n == there:
                lots.popleft()
            else:
                lots[0][1] -= n
        lots.extendleft(reversed(skipped))
        self.on_hand[location, sku] -= sum(n for _, n in taken)
        return taken

    def fresh_lots(self, location: int, sku: int, fresh_from: int) -> list[tuple[int, int]]:
        """(expires, qty) of the lots that last until `fresh_from` or later, oldest first."""
        return [(e, q) for e, q in self.lots[location][sku] if e >= fresh_from]

    def expire(self, hour: int) -> list[tuple[int, int, int]]:
        """Waste every lot that expires by this hour: (location, sku, units) per position touched."""
        wasted = []
        for location, sku in self._expiring.pop(hour, []):
            lots = self.lots[location][sku]
            units = 0
            while lots and lots[0][0] <= hour:
                units += lots.popleft()[1]
            if units:
                self.on_hand[location, sku] -= units
                wasted.append((location, sku, units))
        return wasted


@dataclass
class Ledger:
    """Units per location (stores, then the hub) over the whole replay: received = sold + shipped + wasted
    + end − start, for every location; what the hub shipped reached a store or is in transit at the end."""

    start: IntArray
    received: IntArray
    sold: IntArray
    shipped: IntArray
    wasted: IntArray
    end: IntArray
    in_transit_end: int = 0

    def unbalanced(self) -> IntArray:
        """Per location, received − (sold + shipped + wasted + end − start): all zero when nothing is lost."""
        balance: IntArray = self.received - (self.sold + self.shipped + self.wasted + self.end - self.start)
        return balance


@dataclass
class Detail:
    """Over the measured hours, per store × SKU: units demanded, lost and wasted in the store, and the mean
    on-hand; per SKU: units wasted in the hub."""

    demand: IntArray
    lost: IntArray
    wasted: IntArray
    on_hand: FloatArray
    wasted_hub: IntArray

    @classmethod
    def empty(cls, stores: int, skus: int) -> "Detail":
        zeros = np.zeros((stores, skus), dtype=np.int64)
        return cls(
            zeros.copy(), zeros.copy(), zeros.copy(), np.zeros((stores, skus)), np.zeros(skus, np.int64)
        )

    def averaged(self, hours: int) -> "Detail":
        return Detail(self.demand, self.lost, self.wasted, self.on_hand / hours, self.wasted_hub)


@dataclass
class PolicySimResult:
    policy: str
    service_level: float
    fill_rate: float
    lost_units: int
    avg_on_hand_units: float  # all stores together, averaged over the measured hours
    stockout_sku_days: int  # store × SKU × day with demand lost
    orders_placed: int  # store restock lines sent (store × SKU × wave)
    wasted_units: int  # stores and hub
    demand_units: int
    sold_units: int
    avg_hub_on_hand_units: float
    wasted_store_units: int
    wasted_hub_units: int
    supplier_orders: int
    lines_changed_by: dict[str, int]
    forecast_fits: int
    seed: int
    days: int
    train_days: int
    warmup_days: int
    stores: int
    skus: int
    orders_per_store_day: float
    forecast_model: str | None
    batch_review: bool
    target: str = "cycle"  # what the service level meant for s (PolicySimConfig.target)
    seconds: float = 0.0
    ledger: Ledger | None = field(default=None, repr=False)
    detail: Detail | None = field(default=None, repr=False)

    def summary(self) -> dict[str, object]:
        """The JSON line's fields: the pinned ones first."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("ledger", "detail")}


def _store_capacity(world: World) -> IntArray:
    config = world.config
    if config.capacity_units is not None:
        return np.full(config.stores, config.capacity_units, dtype=np.int64)
    daily = world.demand[: world.train_hours].sum(axis=(0, 2)) / config.train_days
    capacity: IntArray = (int(world.case_pack.sum()) + np.ceil(config.capacity_days * daily)).astype(np.int64)
    return capacity


def make_policy(
    world: World, service_level: float | None = None, cache: dict[str, FloatArray] | None = None
) -> RestockPolicy:
    level = world.config.service_level if service_level is None else service_level
    if world.config.policy == "minmax":
        return MinMaxPolicy(world, level)
    return ForecastPolicy(world, level, cache=cache)


def replay(world: World, policy: RestockPolicy, progress: Progress | None = None) -> PolicySimResult:
    """Replay the warm-up and measured days under `policy` and measure the measured ones."""
    started = time.perf_counter()
    config = world.config
    n_stores, n_skus = config.stores, len(world.skus)
    hub = n_stores
    stock = _Stock(n_stores + 1, n_skus)
    observed = np.zeros_like(world.demand)
    observed[: world.train_hours] = world.demand[: world.train_hours]
    capacity = _store_capacity(world)
    moq = np.full(n_stores * n_skus, config.moq_units, dtype=np.int64)
    case_pack = world.store_packs()
    first = world.train_hours
    last = first + config.replay_days * HOURS
    measured_from = first + config.warmup_days * HOURS

    # The initial fill: every store at its first S, the hub at its target; all fresh.
    first_cut = cuts_of_day(config, config.train_days)[0]
    initial = policy.wave(first_cut, observed[: first_cut.cutoff])
    hub_target = _hub_target(world, _recent_daily_mean(world, observed, first))
    for sku in range(n_skus):
        expires = first + int(world.shelf_life_hours[sku])
        for store in range(n_stores):
            if initial.big_s[store, sku] > 0:
                stock.receive(store, sku, expires, int(initial.big_s[store, sku]))
        if hub_target[sku] > 0:
            stock.receive(hub, sku, expires, int(hub_target[sku]))
    start_stock = stock.on_hand.sum(axis=1)
    received = np.zeros(n_stores + 1, dtype=np.int64)
    sold = np.zeros(n_stores + 1, dtype=np.int64)
    shipped = np.zeros(n_stores + 1, dtype=np.int64)
    wasted = np.zeros(n_stores + 1, dtype=np.int64)

    in_transit: dict[int, list[tuple[int, int, list[tuple[int, int]]]]] = {}  # arrival → shipments
    transit_units = np.zeros((n_stores, n_skus), dtype=np.int64)
    hub_inbound: dict[int, IntArray] = {}
    cuts = {
        c.cutoff: c
        for d in range(config.train_days, config.train_days + config.replay_days)
        for c in cuts_of_day(config, d)
    }

    totals = {"demand": 0, "sold": 0, "orders": 0, "supplier_orders": 0, "wasted_store": 0, "wasted_hub": 0}
    on_hand_sum, hub_sum = 0.0, 0.0
    lost_by_day: dict[tuple[int, int, int], int] = {}
    detail = Detail.empty(n_stores, n_skus)
    changed: Counter[str] = Counter()  # lines each constraint changed, in LinePlan.changed()'s order

    for hour in range(first, last):
        measuring = hour >= measured_from
        for location, expired_sku, units in stock.expire(hour):
            wasted[location] += units
            if measuring:
                totals["wasted_hub" if location == hub else "wasted_store"] += units
                if location == hub:
                    detail.wasted_hub[expired_sku] += units
                else:
                    detail.wasted[location, expired_sku] += units
        arriving = hub_inbound.pop(hour, None)
        if arriving is not None:
            for sku in np.flatnonzero(arriving).tolist():
                stock.receive(hub, sku, hour + int(world.shelf_life_hours[sku]), int(arriving[sku]))
            received[hub] += int(arriving.sum())
        if hour % HOURS == (config.hub_delivery_hour - config.hub_lead_hours) % HOURS:
            order = _hub_order(world, observed, hour, stock.on_hand[hub], hub_inbound)
            if order.any():
                hub_inbound[hour + config.hub_lead_hours] = order
                if measuring:
                    totals["supplier_orders"] += int((order > 0).sum())
        for store, sku, lots in in_transit.pop(hour, []):
            expired = stock.arrive(store, sku, lots, hour)
            units = sum(q for _, q in lots)
            received[store] += units
            transit_units[store, sku] -= units
            wasted[store] += expired
            if measuring:
                totals["wasted_store"] += expired
                detail.wasted[store, sku] += expired
        cut = cuts.get(hour)
        if cut is not None:
            plan = _plan(world, policy, cut, observed, stock, transit_units, capacity, case_pack, moq)
            for i in np.flatnonzero(plan.qty).tolist():
                store, sku = divmod(i, n_skus)
                lots = stock.take(hub, sku, int(plan.qty[i]), fresh_from=cut.next_delivery)
                units = sum(q for _, q in lots)
                shipped[hub] += units
                transit_units[store, sku] += units
                in_transit.setdefault(cut.delivery, []).append((store, sku, lots))
            if measuring:
                totals["orders"] += int((plan.qty > 0).sum())
                changed.update(plan.changed())
        wanted = world.demand[hour]
        for store, sku in zip(*np.nonzero(wanted), strict=True):
            qty = int(wanted[store, sku])
            served = sum(q for _, q in stock.take(int(store), int(sku), qty))
            sold[store] += served
            if measuring:
                totals["demand"] += qty
                totals["sold"] += served
                detail.demand[store, sku] += qty
                detail.lost[store, sku] += qty - served
                if served < qty:
                    key = (int(store), int(sku), hour // HOURS)
                    lost_by_day[key] = lost_by_day.get(key, 0) + qty - served
        observed[hour] = wanted  # served + lost
        if measuring:
            detail.on_hand += stock.on_hand[:n_stores]
            on_hand_sum += float(stock.on_hand[:n_stores].sum())
            hub_sum += float(stock.on_hand[hub].sum())
        if progress and (hour + 1) % HOURS == 0:
            progress("replay", (hour + 1 - first) // HOURS, config.replay_days)

    ledger = Ledger(
        start=start_stock,
        received=received,
        sold=sold,
        shipped=shipped,
        wasted=wasted,
        end=stock.on_hand.sum(axis=1),
        in_transit_end=int(transit_units.sum()),
    )
    hours = config.days * HOURS
    demanded = totals["demand"]
    return PolicySimResult(
        policy=policy.name,
        service_level=policy.service_level,
        fill_rate=round(totals["sold"] / demanded, 5) if demanded else 1.0,
        lost_units=demanded - totals["sold"],
        avg_on_hand_units=round(on_hand_sum / hours, 1),
        stockout_sku_days=len(lost_by_day),
        orders_placed=totals["orders"],
        wasted_units=totals["wasted_store"] + totals["wasted_hub"],
        demand_units=demanded,
        sold_units=totals["sold"],
        avg_hub_on_hand_units=round(hub_sum / hours, 1),
        wasted_store_units=totals["wasted_store"],
        wasted_hub_units=totals["wasted_hub"],
        supplier_orders=totals["supplier_orders"],
        lines_changed_by=dict(changed),
        forecast_fits=policy.fits,
        seed=config.seed,
        days=config.days,
        train_days=config.train_days,
        warmup_days=config.warmup_days,
        stores=n_stores,
        skus=n_skus,
        orders_per_store_day=config.orders_per_store_day,
        forecast_model=config.forecast_model if policy.name == "forecast" else None,
        batch_review=config.batch_review,
        target=config.target,
        seconds=round(time.perf_counter() - started, 2),
        ledger=ledger,
        detail=detail.averaged(hours),
    )


def _plan(
    world: World,
    policy: RestockPolicy,
    cut: Cut,
    observed: npt.NDArray[np.int32],
    stock: _Stock,
    transit_units: IntArray,
    capacity: IntArray,
    case_pack: IntArray,
    moq: IntArray,
) -> LinePlan:
    config = world.config
    n_stores, n_skus = config.stores, len(world.skus)
    levels = policy.wave(cut, observed[: cut.cutoff])
    position = (stock.on_hand[:n_stores] + transit_units).ravel()
    at_delivery = position - levels.lead_mean.ravel()
    # What the hub would send, oldest first, lasting at least until the next wave; then fresh supply.
    lots = [stock.fresh_lots(n_stores, sku, cut.next_delivery) for sku in range(n_skus)]
    available = np.array([sum(q for _, q in sku_lots) for sku_lots in lots], dtype=np.int64)
    daily = levels.daily_mean.ravel()
    sellable = np.zeros(n_stores * n_skus)
    for i in np.flatnonzero(position < levels.s.ravel()).tolist():
        sku = i % n_skus
        per_hour = daily[i] / HOURS
        ahead = [(per_hour * (e - cut.delivery), float(q)) for e, q in lots[sku]]
        ahead.append((per_hour * float(world.shelf_life_hours[sku]), float("inf")))
        sellable[i] = sellable_before_expiry(at_delivery[i], ahead) + max(at_delivery[i], 0.0)
    free = capacity - np.maximum(at_delivery, 0).reshape(n_stores, n_skus).sum(axis=1)
    lines = LineInputs(
        store=np.repeat(np.arange(n_stores), n_skus),
        sku=np.tile(np.arange(n_skus), n_stores),
        position=position,
        stock_at_delivery=at_delivery,
        s=levels.s.ravel(),
        big_s=levels.big_s.ravel(),
        case_pack=case_pack,
        moq=moq,
        sellable=sellable,
        protection=levels.protection,
    )
    return plan_lines(lines, np.floor(free).astype(np.int64), available)


def _recent_daily_mean(world: World, observed: npt.NDArray[np.int32], hour: int) -> FloatArray:
    """The city's mean demand a day per SKU over the last HUB_HISTORY_DAYS whole days before `hour`."""
    end = hour // HOURS * HOURS
    begin = max(0, end - HUB_HISTORY_DAYS * HOURS)
    mean: FloatArray = observed[begin:end].sum(axis=(0, 1)) / max((end - begin) / HOURS, 1)
    return mean


def _hub_target(world: World, daily: FloatArray) -> IntArray:
    """The hub's order-up-to level per SKU: stores take whole cases, so the hub's demand over
    `hub_cover_days` is counted in cases (a Poisson with the city's recent mean) and covered at
    HUB_SERVICE_LEVEL; a slow SKU's target is a few cases, a fast one's about hub_cover_days of demand. A
    perishable's cover is at most half its shelf life: the stores get the other half."""
    days = np.minimum(world.config.hub_cover_days, world.shelf_life_hours / HOURS / 2)
    cases = DemandDistribution.of(days * daily / world.case_pack, 0.0)
    target: IntArray = cases.quantile(HUB_SERVICE_LEVEL) * world.case_pack
    return target


def _hub_order(
    world: World, observed: npt.NDArray[np.int32], hour: int, on_hand: IntArray, inbound: dict[int, IntArray]
) -> IntArray:
    """What the hub orders from the supplier: up to its target, in whole cases, no more than the city is
    expected to take before it expires."""
    config = world.config
    daily = _recent_daily_mean(world, observed, hour)
    position = on_hand + sum(inbound.values(), np.zeros_like(on_hand))
    target = _hub_target(world, daily)
    need = np.where(position < target, target - position, 0)
    packed = round_up_to_case(need, world.case_pack)
    at_delivery = position - daily * config.hub_lead_hours / HOURS
    return cap_by_shelf_life(packed, daily * world.shelf_life_hours / HOURS, at_delivery, world.case_pack)


def simulate_policy(
    config: PolicySimConfig, progress: Progress | None = None, cache: dict[str, FloatArray] | None = None
) -> PolicySimResult:
    """Build the world, make the policy (tuned or fitted on the training days) and replay."""
    started = time.perf_counter()
    world = build_world(config, progress)
    result = replay(world, make_policy(world, cache=cache), progress)
    result.seconds = round(time.perf_counter() - started, 2)
    return result
