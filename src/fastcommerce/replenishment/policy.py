"""Restocking math with no database: reorder levels from a demand distribution, the constraints a restock
line meets in order (each leaves a reason a person can read), and the allocation of scarce units by expected
lost sales. The policy simulator (simulation/policy.py) runs on it, and so will the planner.

Timing. An order placed at a wave's cut-off arrives at that wave (the lead time); an order placed at the
next cut-off arrives only at the next wave, the next-but-one wave seen from this cut-off. So the stock on hand
and in transit must cover demand until then: the protection interval, the lead time plus the review period
(from this wave to the next). The reorder point s is the service-level quantile of demand over the
protection interval; the order-up-to level S is s plus the expected demand of the review period. A line is
ordered when the position (on hand + in transit) is below s, up to S. Or, for a fill-rate target (the
share of demand served, β service), s is the smallest stock whose expected shortage over the protection
interval is at most (1 − target) × the units one order brings (fill_rate_reorder_levels): a quantile of the
same distribution, its level chosen per position.

Demand over a window is a mean and a variance, read as a negative binomial (a Poisson when the variance is not
above the mean): whole units, skewed, with the fat right tail of lumpy demand. Quantiles and expected lost
sales come from its exact probabilities, never from a normal approximation (which fails at small means).

Constraints, in this order: case pack (round up), minimum order quantity, shelf life (order no more than is
expected to sell before it expires; one case when some of it will sell), store capacity (a category's
room where it has a limit of its own, then total units), hub
availability (scarce hub stock goes, a case at a time, where it saves the most expected lost sales; never more
than the hub holds).
"""

import heapq
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

_TAIL_SDS = 12.0  # the probabilities are computed this many standard deviations past the mean
_TAIL_UNITS = 10
_POISSON_TOLERANCE = 1e-9


def _ints(values: npt.ArrayLike) -> IntArray:
    return np.asarray(values, dtype=np.int64)


def _floats(values: npt.ArrayLike) -> FloatArray:
    return np.asarray(values, dtype=np.float64)


@dataclass(frozen=True)
class DemandDistribution:
    """Demand over one window for each of n positions: means and variances (a variance below its mean is
    raised to it, a Poisson)."""

    mean: FloatArray
    variance: FloatArray

    @classmethod
    def of(cls, mean: npt.ArrayLike, variance: npt.ArrayLike) -> "DemandDistribution":
        m, v = np.broadcast_arrays(_floats(mean), _floats(variance))
        m, v = np.atleast_1d(m).copy(), np.atleast_1d(v).copy()
        if not (np.isfinite(m).all() and np.isfinite(v).all()) or (m < 0).any() or (v < 0).any():
            raise ValueError("demand means and variances must be finite and not negative")
        return cls(m, np.maximum(v, m))

    def __len__(self) -> int:
        return int(self.mean.size)

    def take(self, index: IntArray) -> "DemandDistribution":
        return DemandDistribution(self.mean[index], self.variance[index])

    def _support(self) -> int:
        if not len(self):
            return 1
        return int(np.ceil((self.mean + _TAIL_SDS * np.sqrt(self.variance)).max())) + _TAIL_UNITS

    def cdf(self) -> FloatArray:
        """P(D ≤ k) for k = 0 … K−1 (columns), K reaching far into the tail."""
        k = np.arange(self._support(), dtype=np.float64)
        m, v = self.mean[:, None], self.variance[:, None]
        with np.errstate(divide="ignore", invalid="ignore"):
            poisson = v <= m * (1 + _POISSON_TOLERANCE)
            r = np.where(poisson, 1.0, m * m / np.where(poisson, 1.0, v - m))
            p = np.where(poisson, 1.0, m / np.where(v > 0, v, 1.0))  # P(success) of the negative binomial
            log_first = np.where(poisson, -m, r * np.log(np.where(p > 0, p, 1.0)))
            step = np.where(
                poisson,
                np.log(np.where(m > 0, m, 1.0)) - np.log(k[:-1] + 1),
                np.log(k[:-1] + r) - np.log(k[:-1] + 1) + np.log1p(-np.where(poisson, 0.0, p)),
            )
        log_pmf = np.concatenate([log_first, log_first + np.cumsum(step, axis=1)], axis=1)
        cdf = np.minimum(np.cumsum(np.exp(log_pmf), axis=1), 1.0)
        cdf[(m == 0).ravel()] = 1.0  # no demand at all
        return _floats(cdf)

    def quantile(self, level: float) -> IntArray:
        """The smallest k with P(D ≤ k) ≥ level, per position."""
        if not 0 < level < 1:
            raise ValueError(f"a quantile level lies strictly between 0 and 1, got {level}")
        cdf = self.cdf()
        reached = cdf >= level - 1e-12
        return _ints(np.where(reached.any(axis=1), reached.argmax(axis=1), cdf.shape[1]))

    def mean_served_table(self) -> FloatArray:
        """E[min(D, x)] for x = 0 … K (columns): the units a stock of x serves, on average."""
        survival = 1.0 - self.cdf()
        table = np.zeros((len(self), survival.shape[1] + 1))
        table[:, 1:] = np.cumsum(survival, axis=1)
        return table

    def expected_shortage(self, stock: npt.ArrayLike) -> FloatArray:
        """E[(D − stock)⁺] per position: the units expected to be lost with that stock."""
        table = self.mean_served_table()
        x = np.clip(np.broadcast_to(_ints(stock), self.mean.shape), 0, table.shape[1] - 1)
        served = table[np.arange(len(self)), x]
        return _floats(np.maximum(self.mean - served, 0.0))


def order_up_to(s: npt.ArrayLike, review_mean: npt.ArrayLike) -> IntArray:
    """S = s + the review period's expected demand, rounded up."""
    return _ints(s) + _ints(np.ceil(_floats(review_mean) - 1e-9))


def reorder_levels(
    protection: DemandDistribution, review_mean: npt.ArrayLike, service_level: float
) -> tuple[IntArray, IntArray]:
    """(s, S): s = the service-level quantile of protection-interval demand, S = order_up_to(s)."""
    s = protection.quantile(service_level)
    return s, order_up_to(s, review_mean)


def _smallest_stock_within(shortage: FloatArray, allowed: FloatArray) -> IntArray:
    """Per row, the smallest x (column) with shortage[x] ≤ allowed (shortage falls with x); the last column
    when none is."""
    ok = shortage <= allowed[:, None] + 1e-12
    return _ints(np.where(ok.any(axis=1), ok.argmax(axis=1), shortage.shape[1] - 1))


def _allowed_shortage(order_size: npt.ArrayLike, target: float, n: int) -> FloatArray:
    if not 0 < target < 1:
        raise ValueError(f"a fill-rate target lies strictly between 0 and 1, got {target}")
    size = np.broadcast_to(_floats(order_size), (n,))
    if not np.isfinite(size).all() or (size < 0).any():
        raise ValueError("order sizes must be finite and not negative")
    return _floats((1 - target) * size)


def fill_rate_reorder_levels(
    protection: DemandDistribution, review_mean: npt.ArrayLike, order_size: npt.ArrayLike, target: float
) -> tuple[IntArray, IntArray]:
    """(s, S) for a fill-rate target (β service, "P2"): s = the smallest stock whose expected shortage over
    the protection interval, E[(D − s)⁺], is at most (1 − target) × `order_size`, the units one order
    brings (the review period's demand, or a whole case pack or minimum order when that is more). A
    replenishment cycle then loses about (1 − target) of what it sells: the quantile of protection-interval
    demand that s is, is chosen per position (a slow mover whose case lasts many cycles' demand needs a low
    one). S = s + the review period's expected demand (rounded up), as in reorder_levels. Exact: read from
    DemandDistribution.mean_served_table, all positions at once."""
    allowed = _allowed_shortage(order_size, target, len(protection))
    shortage = protection.mean[:, None] - protection.mean_served_table()  # E[(D − x)⁺], x = 0 … K
    s = _smallest_stock_within(shortage, allowed)
    return s, order_up_to(s, review_mean)


def empirical_fill_rate_reorder_levels(
    protection_samples: npt.ArrayLike, review_samples: npt.ArrayLike, order_size: npt.ArrayLike, target: float
) -> tuple[IntArray, IntArray]:
    """(s, S) per row from past windows (columns) for a fill-rate target, as fill_rate_reorder_levels with
    the windows' own distribution: s = the smallest stock with mean((x − s)⁺) over the protection-interval
    sums x (whole units, rounded up) at most (1 − target) × `order_size`; S = s + the mean review-period
    sum. Never above the largest window, which loses nothing in the past windows."""
    samples = np.atleast_2d(_floats(protection_samples))
    rows, n = samples.shape
    if n == 0:
        raise ValueError("no past windows to learn from")
    allowed = _allowed_shortage(order_size, target, rows)
    units = np.maximum(_ints(np.ceil(samples - 1e-9)), 0)
    width = int(units.max(initial=0)) + 2
    counts = np.bincount((units + np.arange(rows)[:, None] * width).ravel(), minlength=rows * width)
    survival = 1.0 - np.cumsum(counts.reshape(rows, width), axis=1) / n  # P(X > k)
    shortage = np.cumsum(survival[:, ::-1], axis=1)[:, ::-1]  # E[(X − x)⁺] = Σ_{k ≥ x} P(X > k)
    s = _smallest_stock_within(shortage, allowed)
    review = np.atleast_2d(_floats(review_samples)).mean(axis=1)
    return s, order_up_to(s, review)


def empirical_reorder_levels(
    protection_samples: npt.ArrayLike, review_samples: npt.ArrayLike, service_level: float
) -> tuple[IntArray, IntArray]:
    """(s, S) per row from past windows (columns): s = the service-level quantile of the protection-interval
    sums (inverted CDF), S = s + the mean review-period sum. Beyond the samples' reach (level above 1 − 1/n)
    s is the larger of their maximum and the quantile of a negative binomial with their mean and variance."""
    samples = np.atleast_2d(_floats(protection_samples))
    n = samples.shape[1]
    if n == 0:
        raise ValueError("no past windows to learn from")
    if service_level <= 1 - 1 / n:
        s = _ints(np.ceil(np.quantile(samples, service_level, axis=1, method="inverted_cdf") - 1e-9))
    else:
        fitted = DemandDistribution.of(samples.mean(axis=1), samples.var(axis=1))
        s = np.maximum(_ints(np.ceil(samples.max(axis=1))), fitted.quantile(service_level))
    review = np.atleast_2d(_floats(review_samples)).mean(axis=1)
    return s, order_up_to(s, review)


def order_need(position: npt.ArrayLike, s: npt.ArrayLike, big_s: npt.ArrayLike) -> IntArray:
    """S − position where the position is below s, else 0."""
    pos, low, high = _ints(position), _ints(s), _ints(big_s)
    return _ints(np.where(pos < low, np.maximum(high - pos, 0), 0))


def round_up_to_case(qty: npt.ArrayLike, case_pack: npt.ArrayLike) -> IntArray:
    """Whole case packs, rounded up."""
    q, cp = _ints(qty), np.maximum(_ints(case_pack), 1)
    return _ints(-(-q // cp) * cp)


def apply_moq(qty: npt.ArrayLike, moq: npt.ArrayLike, case_pack: npt.ArrayLike) -> IntArray:
    """A line below the minimum order quantity is raised to it (in whole cases); an empty line stays empty."""
    q = _ints(qty)
    return _ints(np.where((q > 0) & (q < _ints(moq)), round_up_to_case(moq, case_pack), q))


def cap_by_shelf_life(
    qty: npt.ArrayLike, sellable: npt.ArrayLike, stock_at_delivery: npt.ArrayLike, case_pack: npt.ArrayLike
) -> IntArray:
    """No more than is expected to sell before it expires: `sellable` is the expected demand between the
    delivery and the expiry of what would be sent; the stock already there sells first (FIFO). Whole cases,
    rounded down; still one case when part of it is expected to sell, none when nothing of it is. An
    infinite `sellable` (demand not known) caps nothing."""
    q, cp = _ints(qty), np.maximum(_ints(case_pack), 1)
    room = _floats(sellable) - np.maximum(_floats(stock_at_delivery), 0.0)
    bounded = np.isfinite(room)
    whole_cases = _ints(np.floor(np.where(bounded, np.maximum(room, 0.0), 0.0) / cp + 1e-9)) * cp
    capped = np.where(room > 0, np.maximum(whole_cases, cp), 0)
    return _ints(np.where(bounded, np.minimum(q, capped), q))


def sellable_before_expiry(stock_at_delivery: float, lots: Sequence[tuple[float, float]]) -> float:
    """The most units that can be sent, oldest lot first, each expected to sell before it expires.
    `lots`: (expected demand from the delivery until the lot expires, units), oldest first; the stock
    already at the store sells first. A lot that cannot sell whole stops the count (the units behind it
    would go after it)."""
    ahead = max(stock_at_delivery, 0.0)
    sendable = 0.0
    for demand_until_expiry, units in lots:
        fits = demand_until_expiry - ahead - sendable
        if fits <= 0:
            break
        if fits < units:
            return sendable + fits
        sendable += units
    return sendable


def allocate(
    requested: npt.ArrayLike,
    case_pack: npt.ArrayLike,
    budget: int,
    stock: npt.ArrayLike,
    demand: DemandDistribution,
    allow_partial: bool = False,
) -> IntArray:
    """Share `budget` units among lines that ask for more in all, a case at a time, each case going where it
    saves the most expected lost sales per unit (E[(D − stock − granted)⁺] falls most), so no line gets
    more than it asked for and all together never more than the budget. `allow_partial` lets the last units
    go as a broken case (a hub's last units); otherwise a case that does not fit whole is not sent."""
    req, cp, base = _ints(requested), np.maximum(_ints(case_pack), 1), _ints(stock)
    if budget < 0:
        raise ValueError(f"budget must not be negative, got {budget}")
    if req.sum() <= budget:
        return req.copy()
    served = demand.mean_served_table()
    top = served.shape[1] - 1

    def gain(i: int, granted: int, size: int) -> float:
        low = min(max(int(base[i]) + granted, 0), top)
        high = min(max(int(base[i]) + granted + size, 0), top)
        return float(served[i, high] - served[i, low]) / size

    granted = np.zeros_like(req)
    heap = [(-gain(i, 0, min(int(cp[i]), int(req[i]))), i) for i in np.flatnonzero(req > 0).tolist()]
    heapq.heapify(heap)
    left = int(budget)
    while heap and left > 0:
        _, i = heapq.heappop(heap)
        size = min(int(cp[i]), int(req[i] - granted[i]))
        if size > left:
            if not allow_partial:
                continue
            size = left
        granted[i] += size
        left -= size
        if granted[i] < req[i]:
            nxt = min(int(cp[i]), int(req[i] - granted[i]))
            heapq.heappush(heap, (-gain(i, int(granted[i]), nxt), i))
    return granted


@dataclass(frozen=True)
class LineInputs:
    """One line per (store, SKU) to consider at a wave's cut-off; every field an array of the same length."""

    store: IntArray  # the store's index (for capacity)
    sku: IntArray  # the SKU's index (for hub stock)
    position: IntArray  # on hand + in transit
    stock_at_delivery: FloatArray  # position − expected demand until the delivery
    s: IntArray
    big_s: IntArray
    case_pack: IntArray
    moq: IntArray
    sellable: FloatArray  # expected demand from the delivery until what would be sent expires
    protection: DemandDistribution  # demand until the next-but-one wave
    shelf: IntArray | None = None  # the line's (store, category) room with a limit of its own; -1: none


@dataclass(frozen=True)
class LinePlan:
    """The quantity of every line after each step (the last is what is sent) and what each step saw."""

    inputs: LineInputs
    need: IntArray
    case_packed: IntArray
    moq_applied: IntArray
    shelf_life_capped: IntArray
    category_capped: IntArray
    capacity_capped: IntArray
    qty: IntArray
    free_capacity: IntArray  # per store
    hub_available: IntArray  # per SKU
    free_category: IntArray  # per (store, category) limit, as LineInputs.shelf numbers them

    def changed(self) -> dict[str, int]:
        """How many lines each constraint changed."""
        steps = (
            ("case_pack", self.need, self.case_packed),
            ("moq", self.case_packed, self.moq_applied),
            ("shelf_life", self.moq_applied, self.shelf_life_capped),
            ("category_capacity", self.shelf_life_capped, self.category_capped),
            ("capacity", self.category_capped, self.capacity_capped),
            ("hub", self.capacity_capped, self.qty),
        )
        return {name: int((before != after).sum()) for name, before, after in steps}

    def reason(self, i: int) -> str:
        """Why line i gets its quantity, step by step, in words."""
        x = self.inputs
        pos, s, big_s = int(x.position[i]), int(x.s[i]), int(x.big_s[i])
        if not self.need[i]:
            return f"position {pos} is not below the reorder point s={s}: nothing to order"
        parts = [f"position {pos} is below s={s}: order up to S={big_s}, {int(self.need[i])} units"]
        cp = int(x.case_pack[i])
        steps = (
            (self.need, self.case_packed, f"case pack {cp}: rounded up to {{}}"),
            (self.case_packed, self.moq_applied, f"minimum order {int(x.moq[i])}: raised to {{}}"),
            (
                self.moq_applied,
                self.shelf_life_capped,
                f"shelf life: about {float(x.sellable[i]):.1f} sell before it expires and "
                f"{max(float(x.stock_at_delivery[i]), 0.0):.1f} are expected on hand at delivery: {{}}",
            ),
            (
                self.shelf_life_capped,
                self.category_capped,
                f"its category's room at the store: {_free_words(self._free_category(i))}, shared by "
                "expected lost sales: {}",
            ),
            (
                self.category_capped,
                self.capacity_capped,
                f"store capacity: {_free_words(int(self.free_capacity[x.store[i]]))}, shared by expected "
                "lost sales: {}",
            ),
            (
                self.capacity_capped,
                self.qty,
                f"hub holds {int(self.hub_available[x.sku[i]])} for every store that wants it, shared by "
                "expected lost sales: {}",
            ),
        )
        parts += [text.format(int(after[i])) for before, after, text in steps if before[i] != after[i]]
        return "; ".join(parts)

    def _free_category(self, i: int) -> int | None:
        shelf = self.inputs.shelf
        return None if shelf is None or shelf[i] < 0 else int(self.free_category[shelf[i]])


def _free_words(free: int | None) -> str:
    """Room left, in words: a store or category already holding more than its room has none."""
    if free is None:
        return "no limit"
    return f"{free} units free" if free >= 0 else f"no room ({-free} units over it already)"


def _share(
    qty: IntArray, group: IntArray, room: IntArray, lines: LineInputs, allow_partial: bool = False
) -> IntArray:
    """Lines in the same group (-1: none) share the group's `room`: where a group's lines ask for more, the
    units go by expected lost sales (allocate); the other lines keep their quantity."""
    out = qty.copy()
    member = group >= 0
    wanted = np.bincount(group[member], weights=qty[member], minlength=room.size)
    for g in np.flatnonzero(wanted > np.maximum(room, 0)).tolist():  # only the groups short of room
        mine = np.flatnonzero((group == g) & (qty > 0))
        out[mine] = allocate(
            qty[mine],
            lines.case_pack[mine],
            max(int(room[g]), 0),
            lines.position[mine],
            lines.protection.take(mine),
            allow_partial=allow_partial,
        )
    return out


def plan_lines(
    lines: LineInputs,
    free_capacity: npt.ArrayLike,
    hub_available: npt.ArrayLike,
    free_category: npt.ArrayLike = (),
) -> LinePlan:
    """Every constraint in order: case pack, minimum order, shelf life, store capacity (units free per
    (store, category) with a limit of its own, numbered by `lines.shelf`, then units free per store), hub
    availability (units per SKU)."""
    free, hub, shelf_free = _ints(free_capacity), _ints(hub_available), _ints(free_category)
    need = order_need(lines.position, lines.s, lines.big_s)
    packed = round_up_to_case(need, lines.case_pack)
    moq = apply_moq(packed, lines.moq, lines.case_pack)
    fresh = cap_by_shelf_life(moq, lines.sellable, lines.stock_at_delivery, lines.case_pack)
    shelved = fresh if lines.shelf is None else _share(fresh, lines.shelf, shelf_free, lines)
    fitted = _share(shelved, lines.store, free, lines)
    qty = _share(fitted, lines.sku, hub, lines, allow_partial=True)
    return LinePlan(lines, need, packed, moq, fresh, shelved, fitted, qty, free, hub, shelf_free)
