"""The policy simulator (no database): lots, conservation of units, determinism, what the policies see, and a
tiny run of each policy through the command line."""

import json
from collections import deque
from dataclasses import replace

import numpy as np
import pytest
from typer.testing import CliRunner

from fastcommerce.cli import app
from fastcommerce.simulation import policy as sim
from fastcommerce.simulation.policy import (
    Cut,
    PolicySimConfig,
    PolicySimResult,
    World,
    build_world,
    make_policy,
    replay,
    simulate_policy,
)

TINY = PolicySimConfig(stores=2, skus=28, days=4, train_days=14, warmup_days=2, seed=3)
PINNED = (
    "policy",
    "service_level",
    "fill_rate",
    "lost_units",
    "avg_on_hand_units",
    "stockout_sku_days",
    "orders_placed",
    "wasted_units",
)


@pytest.fixture(scope="module")
def world() -> World:
    return build_world(TINY)


def run(world: World, **changes: object) -> PolicySimResult:
    config = replace(world.config, **changes)  # type: ignore[arg-type]
    mine = replace(world, config=config)
    return replay(mine, make_policy(mine))


def test_lots_are_sold_oldest_first_and_wasted_when_they_expire() -> None:
    stock = sim._Stock(locations=2, skus=1)
    stock.receive(0, 0, expires=10, qty=5)
    stock.receive(0, 0, expires=20, qty=4)
    stock.receive(0, 0, expires=20, qty=1)  # the same expiry joins the lot
    assert stock.take(0, 0, 7) == [(10, 5), (20, 2)]
    stock.receive(1, 0, expires=12, qty=3)
    assert stock.expire(12) == [(1, 0, 3)]
    assert stock.expire(20) == [(0, 0, 3)]
    assert stock.on_hand.tolist() == [[0], [0]]
    assert stock.arrive(1, 0, [(25, 2), (26, 4)], hour=25) == 2  # a lot that expired on the way
    assert stock.on_hand.tolist() == [[0], [4]]
    stock.receive(1, 0, expires=40, qty=5)
    assert stock.fresh_lots(1, 0, fresh_from=30) == [(40, 5)]
    assert stock.take(1, 0, 6, fresh_from=30) == [(40, 5)]  # the lot expiring at 26 stays behind
    assert stock.lots[1][0] == deque([[26, 4]]) and stock.on_hand.tolist() == [[0], [4]]
    stock.receive(0, 0, expires=30, qty=1)
    with pytest.raises(AssertionError, match="order they expire"):
        stock.receive(0, 0, expires=25, qty=1)


@pytest.mark.parametrize("policy", ["minmax", "forecast"])
def test_every_unit_is_accounted_for_in_every_store_and_the_hub(world: World, policy: str) -> None:
    # A starved hub and perishables make lost sales, broken cases and waste happen.
    result = run(world, policy=policy, hub_cover_days=0.6)
    ledger = result.ledger
    assert ledger is not None
    assert ledger.unbalanced().tolist() == [0, 0, 0]  # received = sold + shipped + wasted + end − start
    hub = TINY.stores
    assert ledger.shipped[hub] == ledger.received[:hub].sum() + ledger.in_transit_end
    assert ledger.sold[:hub].sum() >= result.sold_units > 0
    assert ledger.wasted.sum() >= result.wasted_units > 0
    assert result.lost_units > 0 and result.lines_changed_by["hub"] > 0
    assert (ledger.end >= 0).all()


def test_the_same_seed_gives_the_same_run_and_another_seed_another(world: World) -> None:
    first = run(world, policy="minmax").summary()
    again = run(build_world(TINY), policy="minmax").summary()
    other = run(build_world(replace(TINY, seed=4)), policy="minmax").summary()
    for summary in (first, again, other):
        summary.pop("seconds")
    assert again == first
    assert other["demand_units"] != first["demand_units"]


def test_policies_see_demand_with_lost_sales_and_nothing_after_the_cut_off(world: World) -> None:
    seen: list[tuple[Cut, np.ndarray]] = []

    class Spy:
        name = "spy"
        service_level = 0.9
        fits = 0

        def __init__(self, inner: sim.RestockPolicy) -> None:
            self.inner = inner

        def wave(self, cut: Cut, observed: np.ndarray) -> sim.WaveDemand:
            seen.append((cut, observed.copy()))
            return self.inner.wave(cut, observed)

    starved = replace(world, config=replace(TINY, policy="minmax", hub_cover_days=0.6))
    result = replay(starved, Spy(make_policy(starved)))
    assert result.lost_units > 0
    cut, observed = seen[-1]
    assert observed.shape[0] == cut.cutoff  # no hour at or after the cut-off
    assert (observed == world.demand[: cut.cutoff]).all()  # served + lost, not sales alone
    assert len(seen) == 1 + 2 * TINY.replay_days  # the initial fill, then two waves a day


def test_the_forecast_policy_refits_on_schedule_and_calibrates_out_of_sample(world: World) -> None:
    config = replace(TINY, policy="forecast", days=6, warmup_days=2)
    mine = build_world(config)
    policy = make_policy(mine)
    result = replay(mine, policy)
    # One held-out fit to calibrate the first, then a fit every refit_days of the 8 replayed days.
    assert result.forecast_fits == 1 + 2
    assert isinstance(policy, sim.ForecastPolicy)
    assert policy.calibration.windows > 0
    biases = policy.calibration.scale([0.1, 1.0, 10.0])
    assert ((biases >= 0.5) & (biases <= 2)).all()
    assert policy.shares.sum(axis=1) == pytest.approx(np.ones((2, len(mine.categories))))


@pytest.mark.parametrize("policy", ["minmax", "forecast"])
def test_a_fill_rate_target_lets_a_big_pack_run_down_further(world: World, policy: str) -> None:
    cut = sim.cuts_of_day(TINY, TINY.train_days)[0]
    cache: dict[str, np.ndarray] = {}

    def levels(**changes: object) -> sim.WaveDemand:
        mine = replace(world, config=replace(TINY, policy=policy, **changes))  # type: ignore[arg-type]
        return make_policy(mine, cache=cache).wave(cut, world.demand[: cut.cutoff])

    cycle, fill = levels(target="cycle"), levels(target="fill")
    # A pack of 500 units: 2% of it is 10 units short a cycle, more than most positions sell in one.
    big = levels(target="fill", store_pack=500)
    assert cycle.s.sum() > 0 and fill.s.sum() > 0
    assert (big.s <= fill.s).all() and big.s.sum() < fill.s.sum()
    assert levels(target="cycle", store_pack=500).s.tolist() == cycle.s.tolist()  # a quantile ignores packs
    assert ((fill.big_s - fill.s) == (cycle.big_s - cycle.s)).all()  # S − s: the review's demand either way


def test_bad_settings_are_refused_naming_the_field() -> None:
    with pytest.raises(ValueError, match="policy must be one of minmax, forecast, got 'magic'"):
        PolicySimConfig(policy="magic")
    with pytest.raises(ValueError, match=r"service_level must lie strictly between 0 and 1, got 1\.5"):
        PolicySimConfig(service_level=1.5)
    with pytest.raises(ValueError, match="cutoff_hours"):
        PolicySimConfig(waves=(6, 7))
    with pytest.raises(ValueError, match="target must be one of cycle, fill, got 'magic'"):
        PolicySimConfig(target="magic")
    with pytest.raises(ValueError, match="unknown model 'magic'; choose auto or one of seasonal_naive"):
        PolicySimConfig(forecast_model="magic")


RUNS = [("minmax", "cycle"), ("forecast", "cycle"), ("forecast", "fill")]


@pytest.mark.parametrize(("policy", "target"), RUNS)
def test_a_tiny_run_prints_one_json_line_with_every_field_in_range(policy: str, target: str) -> None:
    args = ["simulate", "policy", "--policy", policy, "--stores", "2", "--skus", "28", "--days", "4"]
    args += ["--train-days", "14", "--warmup-days", "2", "--seed", "3", "--service-level", "0.95", "--json"]
    args += [] if target == "cycle" else ["--target", target]  # cycle: the default
    out = CliRunner().invoke(app, args)
    assert out.exit_code == 0, out.output
    lines = out.stdout.strip().splitlines()
    assert len(lines) == 1
    result = json.loads(lines[0])
    assert tuple(result)[: len(PINNED)] == PINNED
    assert result["policy"] == policy and result["service_level"] == 0.95 and result["target"] == target
    assert 0.5 < result["fill_rate"] <= 1
    assert result["lost_units"] == result["demand_units"] - result["sold_units"] >= 0
    assert result["fill_rate"] == pytest.approx(result["sold_units"] / result["demand_units"], abs=1e-5)
    assert result["avg_on_hand_units"] > 0 and result["avg_hub_on_hand_units"] > 0
    assert 0 <= result["stockout_sku_days"] <= 2 * 28 * 4
    assert result["orders_placed"] > 0
    assert result["wasted_units"] == result["wasted_store_units"] + result["wasted_hub_units"] >= 0
    assert (result["forecast_fits"] > 0) == (policy == "forecast")


def test_the_summary_without_json_is_readable_and_bad_input_exits_2() -> None:
    args = ["simulate", "policy", "--policy", "minmax", "--stores", "1", "--skus", "14", "--days", "2"]
    out = CliRunner().invoke(app, [*args, "--train-days", "14", "--warmup-days", "0"])
    assert out.exit_code == 0, out.output
    assert "fill rate" in out.output and "measured" in out.output and "warm-up" in out.output
    bad = CliRunner().invoke(app, [*args, "--train-days", "3"])
    assert bad.exit_code == 2
    assert "train_days must be at least twice refit_days, got 3" in bad.output


def test_simulate_policy_builds_and_replays_in_one_call() -> None:
    result = simulate_policy(replace(TINY, policy="minmax", days=2, warmup_days=0))
    assert result.days == 2 and result.demand_units > 0 and result.seconds > 0
