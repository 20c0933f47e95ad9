"""The restock math (no database): distributions, reorder levels, each constraint with known answers, and
the allocation of scarce units."""

import math
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fastcommerce.replenishment.policy import (
    DemandDistribution,
    LineInputs,
    allocate,
    apply_moq,
    cap_by_shelf_life,
    empirical_fill_rate_reorder_levels,
    empirical_reorder_levels,
    fill_rate_reorder_levels,
    order_need,
    plan_lines,
    reorder_levels,
    round_up_to_case,
    sellable_before_expiry,
)


def ints(*values: int) -> np.ndarray:
    return np.array(values, dtype=np.int64)


def test_a_poisson_quantile_and_expected_shortage_match_the_textbook() -> None:
    poisson = DemandDistribution.of([2.0], [2.0])
    # P(D ≤ k) for Poisson(2): 0.135, 0.406, 0.677, 0.857, 0.947, 0.983
    assert poisson.quantile(0.9).tolist() == [4]
    assert poisson.quantile(0.98).tolist() == [5]
    assert poisson.quantile(0.5).tolist() == [2]
    assert poisson.expected_shortage([0]) == pytest.approx([2.0])
    assert poisson.expected_shortage([1]) == pytest.approx([1 + math.exp(-2)])
    assert poisson.expected_shortage([40]) == pytest.approx([0.0], abs=1e-12)


def test_a_negative_binomial_has_its_exact_probabilities() -> None:
    nb = DemandDistribution.of([4.0], [8.0])  # r = 4, p = 0.5: P(k) = C(k+3, 3) / 2^(k+4)
    cdf = nb.cdf()[0]
    exact = np.cumsum([math.comb(k + 3, 3) / 2 ** (k + 4) for k in range(20)])
    assert cdf[:20] == pytest.approx(exact, rel=1e-9)
    assert nb.quantile(0.95).tolist() == [int(np.argmax(exact >= 0.95))]
    assert nb.expected_shortage([0]) == pytest.approx([4.0], rel=1e-6)


def test_no_demand_needs_no_stock_and_many_positions_are_read_at_once() -> None:
    dist = DemandDistribution.of([0.0, 2.0, 300.0], [0.0, 2.0, 600.0])
    q = dist.quantile(0.98)
    assert q[0] == 0 and q[1] == 5
    assert 300 + 2 * math.sqrt(600) < q[2] < 300 + 2.4 * math.sqrt(600)  # z(0.98) ≈ 2.05, a little skew
    assert dist.expected_shortage([0, 0, 0]) == pytest.approx([0.0, 2.0, 300.0], rel=1e-6)


def test_bad_distributions_and_levels_are_refused() -> None:
    with pytest.raises(ValueError, match="finite and not negative"):
        DemandDistribution.of([-1.0], [1.0])
    with pytest.raises(ValueError, match="strictly between"):
        DemandDistribution.of([1.0], [1.0]).quantile(1.0)


def test_reorder_levels_are_the_quantile_and_the_quantile_plus_the_review_demand() -> None:
    s, big_s = reorder_levels(DemandDistribution.of([2.0], [2.0]), [3.2], 0.98)
    assert (s.tolist(), big_s.tolist()) == ([5], [9])


def test_empirical_levels_take_the_inverted_cdf_quantile_and_reach_beyond_the_sample() -> None:
    windows = np.arange(1, 101, dtype=float)[None, :]  # 1 … 100
    s, big_s = empirical_reorder_levels(windows, np.full((1, 4), 2.5), 0.9)
    assert (s.tolist(), big_s.tolist()) == ([90], [93])
    few = np.array([[3.0, 5.0, 4.0, 6.0, 2.0]])
    s_high, _ = empirical_reorder_levels(few, few, 0.999)  # beyond 1 − 1/5: max or a fitted tail
    assert s_high[0] >= 6
    assert s_high[0] > empirical_reorder_levels(few, few, 0.8)[0][0]


def test_fill_rate_levels_of_a_poisson_match_the_shortages_worked_by_hand() -> None:
    poisson = DemandDistribution.of([2.0], [2.0])
    # E[(D − s)⁺] for Poisson(2): s=0: 2; s=1: 1 + e⁻² = 1.135; s=2: 1.135 − P(D ≥ 2) = 0.541;
    # s=3: 0.541 − P(D ≥ 3) = 0.218; s=4: 0.218 − P(D ≥ 4) = 0.075
    e = math.exp(-2)
    by_hand = [2.0, 1 + e, 1 + e - (1 - 3 * e), 1 + e - (1 - 3 * e) - (1 - 5 * e)]
    four = DemandDistribution.of([2.0] * 4, [2.0] * 4)
    assert four.expected_shortage([0, 1, 2, 3]) == pytest.approx(by_hand)
    # An order of 5 units and a fill rate of 0.9: at most 0.5 short a cycle → s = 3 (0.218), not 2 (0.541).
    s, big_s = fill_rate_reorder_levels(poisson, [3.2], [5.0], 0.9)
    assert (s.tolist(), big_s.tolist()) == ([3], [7])  # S = s + ⌈3.2⌉, as reorder_levels
    assert fill_rate_reorder_levels(poisson, [3.2], [5.0], 0.89)[0].tolist() == [2]  # 0.55 allowed
    assert fill_rate_reorder_levels(poisson, [3.2], [5.0], 0.95)[0].tolist() == [3]  # 0.25 allowed
    assert fill_rate_reorder_levels(poisson, [3.2], [5.0], 0.96)[0].tolist() == [4]  # 0.2 allowed
    # A 12-unit case lasts six protection intervals' demand: 0.24 allowed, the 0.98 fill rate needs s = 3,
    # where the 0.98 quantile (the cycle service level) is 5.
    assert fill_rate_reorder_levels(poisson, [1.0], [12.0], 0.98)[0].tolist() == [3]
    assert poisson.quantile(0.98).tolist() == [5]


def test_fill_rate_levels_of_negative_binomials_match_scipy() -> None:
    stats = pytest.importorskip("scipy.stats")
    means = np.array([0.4, 1.5, 6.0, 30.0, 120.0])
    variances = np.array([0.9, 4.0, 15.0, 90.0, 200.0])
    order = np.array([12.0, 6.0, 10.0, 30.0, 60.0])
    dist = DemandDistribution.of(means, variances)
    r, p = means**2 / (variances - means), means / variances
    x = np.arange(2000)
    for target in (0.5, 0.9, 0.98, 0.995):
        s, _ = fill_rate_reorder_levels(dist, np.zeros(5), order, target)
        for i in range(5):
            pmf = stats.nbinom.pmf(x, r[i], p[i])
            shortage = np.array([(np.maximum(x - k, 0) * pmf).sum() for k in range(400)])
            expected = int(np.argmax(shortage <= (1 - target) * order[i]))
            assert s[i] == expected, (target, i)


def test_fill_rate_levels_fall_as_the_order_grows_and_rise_with_the_target() -> None:
    dist = DemandDistribution.of([1.0, 1.0, 1.0, 1.0], [1.5, 1.5, 1.5, 1.5])
    sizes = [1.0, 6.0, 12.0, 36.0]  # the units one order brings: a case pack above the review's demand
    s, _ = fill_rate_reorder_levels(dist, np.ones(4), sizes, 0.98)
    assert np.all(np.diff(s) <= 0) and s[-1] < s[0]
    levels = [fill_rate_reorder_levels(dist, np.ones(4), sizes, t)[0] for t in (0.5, 0.8, 0.9, 0.98, 0.999)]
    assert all(np.all(a <= b) for a, b in pairwise(levels))
    assert levels[-1][0] > levels[0][0]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.floats(0, 80), st.floats(1, 4), st.floats(0.5, 50)), min_size=1, max_size=5),
    st.floats(0.5, 0.999),
)
def test_fill_rate_s_is_the_smallest_stock_short_by_no_more_than_allowed(
    rows: list[tuple[float, float, float]], target: float
) -> None:
    dist = DemandDistribution.of([m for m, _, _ in rows], [m * k for m, k, _ in rows])
    size = np.array([q for _, _, q in rows])
    s, _ = fill_rate_reorder_levels(dist, np.zeros(len(rows)), size, target)
    allowed = (1 - target) * size
    assert (dist.expected_shortage(s) <= allowed + 1e-9).all()
    below = s > 0
    assert (dist.expected_shortage(np.maximum(s - 1, 0))[below] > allowed[below]).all()


def test_fill_rate_levels_need_nothing_without_demand_and_refuse_bad_input() -> None:
    s, big_s = fill_rate_reorder_levels(DemandDistribution.of([0.0], [0.0]), [0.0], [6.0], 0.99)
    assert (s.tolist(), big_s.tolist()) == ([0], [0])
    with pytest.raises(ValueError, match="strictly between"):
        fill_rate_reorder_levels(DemandDistribution.of([1.0], [1.0]), [1.0], [1.0], 1.0)
    with pytest.raises(ValueError, match="order sizes"):
        fill_rate_reorder_levels(DemandDistribution.of([1.0], [1.0]), [1.0], [-1.0], 0.9)


def test_empirical_fill_rate_levels_read_the_mean_shortage_of_past_windows() -> None:
    windows = np.array([[0.0, 0.0, 1.0, 2.0, 7.0], [3.0, 3.0, 3.0, 3.0, 3.0]])
    # Row 0, mean (x − s)⁺: s=3: 4/5 = 0.8; s=4: 0.6; s=5: 0.4. An order of 5, fill rate 0.9: 0.5 allowed.
    s, big_s = empirical_fill_rate_reorder_levels(windows, np.full((2, 4), 1.5), [5.0, 5.0], 0.9)
    # Row 1 always sells 3: s = 2 is short 1 unit a cycle, s = 3 none. S = s + ⌈1.5⌉.
    assert (s.tolist(), big_s.tolist()) == ([5, 3], [7, 5])
    assert empirical_reorder_levels(windows, np.full((2, 4), 1.5), 0.8)[0].tolist() == [2, 3]
    # A larger order (a case pack of 15: 1.5 allowed) lets row 0 run shorter: s = 1 (1.4 short).
    assert empirical_fill_rate_reorder_levels(windows, windows, [15.0, 5.0], 0.9)[0].tolist() == [1, 3]
    # Never above the largest window, which was never short.
    assert empirical_fill_rate_reorder_levels(windows, windows, [5.0, 5.0], 0.999)[0].tolist() == [7, 3]


def test_order_need_is_up_to_big_s_only_below_s() -> None:
    assert order_need(ints(4, 5, 6, 0), ints(5, 5, 5, 5), ints(9, 9, 9, 9)).tolist() == [5, 0, 0, 9]


def test_case_packs_round_up() -> None:
    assert round_up_to_case(ints(0, 1, 12, 13, 25), ints(12, 12, 12, 12, 12)).tolist() == [0, 12, 12, 24, 36]
    assert round_up_to_case(ints(5), ints(0)).tolist() == [5]  # no case pack: single units


def test_the_minimum_order_raises_small_lines_in_whole_cases_and_leaves_empty_ones() -> None:
    assert apply_moq(ints(0, 6, 30), ints(20, 20, 20), ints(6, 6, 6)).tolist() == [0, 24, 30]


def test_shelf_life_caps_to_what_sells_before_expiry_in_whole_cases() -> None:
    # room = sellable − stock at delivery (FIFO: that stock sells first)
    capped = cap_by_shelf_life(
        qty=ints(36, 12, 36, 36, 36),
        sellable=np.array([30.0, 30.0, 8.0, 5.0, 40.0]),
        stock_at_delivery=np.array([5.0, 5.0, 5.0, 5.0, -10.0]),
        case_pack=ints(6, 6, 6, 6, 6),
    )
    # room 25 → 24; 12 fits; room 3 → still one case (part of it sells); room 0 → none;
    # a negative stock at delivery counts as none
    assert capped.tolist() == [24, 12, 6, 0, 36]


def test_what_sells_before_expiry_follows_the_lots_oldest_first() -> None:
    # Lots: 10 units that 12 units of demand reach before they expire, then 20 that 40 units reach.
    lots = [(12.0, 10.0), (40.0, 20.0)]
    assert sellable_before_expiry(0.0, lots) == 30  # both lots sell in time
    assert sellable_before_expiry(5.0, lots) == 7  # 5 on the shelf first: 7 of the old lot, none behind it
    assert sellable_before_expiry(15.0, lots) == 0  # the old lot would expire unsold: send nothing
    assert sellable_before_expiry(0.0, [(12.0, 10.0), (25.0, 20.0)]) == 25
    assert sellable_before_expiry(-3.0, [(8.0, float("inf"))]) == 8  # no lots at the hub: fresh supply


def test_allocation_gives_scarce_cases_to_the_store_that_would_lose_more() -> None:
    busy_and_quiet = DemandDistribution.of([10.0, 2.0], [10.0, 2.0])
    requested, case = ints(12, 12), ints(6, 6)
    assert allocate(requested, case, 12, ints(0, 0), busy_and_quiet).tolist() == [12, 0]
    # Stock already at the busy store moves the next case to the quiet one.
    assert allocate(requested, case, 6, ints(14, 0), busy_and_quiet).tolist() == [0, 6]
    # A broken last case only where allowed (a hub's last units); otherwise units stay.
    assert allocate(requested, case, 15, ints(0, 0), busy_and_quiet).tolist() == [12, 0]
    assert allocate(requested, case, 15, ints(0, 0), busy_and_quiet, allow_partial=True).tolist() == [12, 3]
    assert allocate(requested, case, 24, ints(0, 0), busy_and_quiet).tolist() == [12, 12]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 60), st.integers(1, 12), st.floats(0, 30), st.integers(0, 20)),
        min_size=1,
        max_size=6,
    ),
    st.integers(0, 150),
    st.booleans(),
)
def test_allocation_never_over_commits_and_never_sends_more_than_asked(
    lines: list[tuple[int, int, float, int]], budget: int, partial: bool
) -> None:
    requested = ints(*(r for r, _, _, _ in lines))
    case = ints(*(c for _, c, _, _ in lines))
    demand = DemandDistribution.of([m for _, _, m, _ in lines], [2 * m for _, _, m, _ in lines])
    granted = allocate(requested, case, budget, ints(*(s for _, _, _, s in lines)), demand, partial)
    assert (granted >= 0).all() and (granted <= requested).all()
    assert granted.sum() <= budget
    if requested.sum() <= budget:
        assert granted.tolist() == requested.tolist()
    elif partial:
        assert granted.sum() == budget  # a hub hands out every unit it has when stores want more


def lines(**overrides: object) -> LineInputs:
    n = 3
    base: dict[str, object] = {
        "store": ints(0, 0, 1),
        "sku": ints(0, 1, 0),
        "position": ints(2, 50, 0),
        "stock_at_delivery": np.array([1.0, 48.0, 0.0]),
        "s": ints(10, 10, 10),
        "big_s": ints(20, 20, 20),
        "case_pack": ints(12, 12, 12),
        "moq": ints(0, 0, 0),
        "sellable": np.full(n, 1000.0),
        "protection": DemandDistribution.of([8.0, 8.0, 4.0], [16.0, 16.0, 8.0]),
    }
    base.update(overrides)
    return LineInputs(**base)  # type: ignore[arg-type]


def test_a_plan_applies_every_constraint_in_order_and_says_why() -> None:
    plan = plan_lines(lines(), free_capacity=ints(100, 100), hub_available=ints(100, 100))
    assert plan.need.tolist() == [18, 0, 20]
    assert plan.qty.tolist() == [24, 0, 24]
    assert plan.changed() == {
        "case_pack": 2,
        "moq": 0,
        "shelf_life": 0,
        "category_capacity": 0,
        "capacity": 0,
        "hub": 0,
    }
    assert plan.reason(0) == (
        "position 2 is below s=10: order up to S=20, 18 units; case pack 12: rounded up to 24"
    )
    assert plan.reason(1) == "position 50 is not below the reorder point s=10: nothing to order"


def test_a_plan_caps_by_moq_shelf_life_capacity_and_hub_with_a_reason_for_each() -> None:
    plan = plan_lines(
        lines(moq=ints(30, 0, 0), sellable=np.array([30.0, 0.0, 1000.0])),
        free_capacity=ints(100, 100),
        hub_available=ints(100, 100),
    )
    assert plan.moq_applied.tolist() == [36, 0, 24]
    assert plan.qty.tolist() == [24, 0, 24]  # 30 sell before expiry, 1 on hand at delivery: two cases
    assert "minimum order 30: raised to 36" in plan.reason(0)
    assert "shelf life: about 30.0 sell before it expires and 1.0 are expected on hand at delivery: 24" in (
        plan.reason(0)
    )

    full = plan_lines(lines(), free_capacity=ints(-5, 100), hub_available=ints(100, 100))
    assert full.qty.tolist() == [0, 0, 24]
    assert full.reason(0).endswith(
        "store capacity: no room (5 units over it already), shared by expected lost sales: 0"
    )

    tight = plan_lines(lines(), free_capacity=ints(12, 100), hub_available=ints(100, 100))
    assert tight.qty.tolist() == [12, 0, 24]
    assert tight.reason(0).endswith("store capacity: 12 units free, shared by expected lost sales: 12")

    # Lines 0 and 1 (store 0) share a chiller with 12 units free; line 2's category has no limit.
    chilled = plan_lines(
        lines(position=ints(2, 0, 0)),
        free_capacity=ints(100, 100),
        hub_available=ints(100, 100),
        free_category=ints(12),
    )
    assert chilled.qty.tolist() == [24, 24, 24]  # lines that name no room of their category are not cut
    chilled = plan_lines(
        lines(position=ints(2, 0, 0), shelf=ints(0, 0, -1)),
        free_capacity=ints(100, 100),
        hub_available=ints(100, 100),
        free_category=ints(12),
    )
    assert chilled.qty[:2].sum() == 12 and chilled.qty[2] == 24
    assert chilled.changed()["category_capacity"] == 2
    assert "its category's room at the store: 12 units free" in chilled.reason(1)

    short = plan_lines(lines(), free_capacity=ints(100, 100), hub_available=ints(30, 100))
    # Store 0 (position 2, mean 8) and store 1 (position 0, mean 4) want SKU 0; the hub holds 30.
    assert short.qty[[0, 2]].sum() == 30
    assert short.qty[0] > short.qty[2]
    assert "hub holds 30 for every store that wants it" in short.reason(2)
    assert short.changed()["hub"] == 2
