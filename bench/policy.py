"""Restocking policies compared on the policy simulator (no database): fill rate against average on-hand for
min/max and the forecast policy over service levels, on several seeds, written to docs/benchmarks.md with a
plot of the frontier (docs/policy-frontier.png).

    uv run python -m bench.policy [--seeds 1 2 3] [--stores 5] [--skus 100] [--days 56] [--no-example]

Each seed's world (demand of 35 training, 7 warm-up and `days` measured days) is simulated once; both
policies replay it at every service level. The forecast policy's fits depend only on demand (served + lost
is the simulator's demand whatever the stock), so one seed's fits are made once and reused across service
levels and scenarios (the cache is keyed by the demand history itself). Scenarios:
- rules: the issue's rules (catalog case packs from hub to store, S = s + the review period's demand);
- S = s: the same, but every wave orders up to s (no batch of a review period's demand on top);
- S = s, loose: that, and the hub sends loose units (a pack of 1) instead of the supplier's case packs.
"""

import argparse
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from bench.common import machine, record
from fastcommerce.replenishment.policy import FloatArray
from fastcommerce.simulation.policy import (
    PolicySimConfig,
    PolicySimResult,
    World,
    build_world,
    cuts_of_day,
    make_policy,
    replay,
    simulate_policy,
)

DOCS = Path(__file__).parent.parent / "docs"
PLOT = DOCS / "policy-frontier.png"
FRONTIER_LEVELS = (0.90, 0.95, 0.98, 0.99, 0.995)
EXTRA_LEVELS = (0.5, 0.7, 0.8)  # lower targets, so that min/max can be matched at a lower fill rate
TARGET = 0.98
SCENARIOS = {
    "rules": {},
    "S = s": {"batch_review": False},
    "S = s, loose": {"batch_review": False, "store_pack": 1},
}
SCENARIO_TEXT = {
    "rules": "the issue's rules: catalog case packs from hub to store, S = s + the review period's demand",
    "S = s": "every wave orders up to s (`--no-batch`), catalog case packs",
    "S = s, loose": "every wave orders up to s, and the hub sends loose units (`--no-batch --store-pack 1`)",
}
PERISHABLE_DAYS = 5


@dataclass
class Run:
    scenario: str
    seed: int
    policy: str
    level: float
    result: PolicySimResult


def sweep(seed: int, base: PolicySimConfig, cache: dict[str, FloatArray]) -> list[Run]:
    world = build_world(replace(base, seed=seed))
    runs = []
    for scenario, changes in SCENARIOS.items():
        for policy in ("minmax", "forecast"):
            for level in sorted(EXTRA_LEVELS + FRONTIER_LEVELS):
                config = replace(world.config, policy=policy, service_level=level, **changes)  # type: ignore[arg-type]
                mine = replace(world, config=config)
                result = replay(mine, make_policy(mine, cache=cache))
                runs.append(Run(scenario, seed, policy, level, result))
                print(
                    f"seed {seed} {scenario:13s} {policy:8s} {level:<6} fill {result.fill_rate:.4f}"
                    f" on hand {result.avg_on_hand_units:9,.0f} wasted {result.wasted_units:7,}",
                    flush=True,
                )
    return runs


def on_hand_at(runs: list[Run], fill: float) -> float | None:
    """Min/max's average on-hand at this fill rate, linear between the service levels that bracket it."""
    points = sorted((r.level, r.result.fill_rate, r.result.avg_on_hand_units) for r in runs)
    for (_, f0, h0), (_, f1, h1) in pairwise(points):
        if f0 <= fill <= f1 and f1 > f0:
            return h0 + (fill - f0) / (f1 - f0) * (h1 - h0)
    return None


def comparison(runs: list[Run], scenario: str, seeds: list[int]) -> tuple[str, list[float]]:
    rows = [
        "| seed | forecast at 0.98: fill rate | its average on-hand | min/max at the same fill rate:"
        " average on-hand (its service level) | less on-hand | wasted, forecast / min/max at 0.98 |",
        "|---|---|---|---|---|---|",
    ]
    savings = []
    for seed in seeds:
        mine = [r for r in runs if r.scenario == scenario and r.seed == seed]
        fc = next(r for r in mine if r.policy == "forecast" and r.level == TARGET).result
        mm_runs = [r for r in mine if r.policy == "minmax"]
        mm_target = next(r for r in mm_runs if r.level == TARGET).result
        matched = on_hand_at(mm_runs, fc.fill_rate)
        if matched is None:
            best = max(mm_runs, key=lambda r: r.result.fill_rate)
            cell, saving = f"never reached (best {best.result.fill_rate:.4f} at {best.level})", "-"
        else:
            points = sorted((r.result.fill_rate, r.level) for r in mm_runs)
            level = next(lv for f, lv in points if f >= fc.fill_rate)
            cell = f"{matched:,.0f} (about {level})"
            savings.append(1 - fc.avg_on_hand_units / matched)
            saving = f"{savings[-1]:+.1%}".replace("+", "")
        rows.append(
            f"| {seed} | {fc.fill_rate:.4f} | {fc.avg_on_hand_units:,.0f} | {cell} | {saving} |"
            f" {fc.wasted_units:,} / {mm_target.wasted_units:,} |"
        )
    return "\n".join(rows), savings


def frontier_table(runs: list[Run], scenario: str) -> str:
    seeds = sorted({r.seed for r in runs})
    head = "| service level | " + " | ".join(f"min/max seed {s} | forecast seed {s}" for s in seeds) + " |"
    rows = [head, "|---" * (1 + 2 * len(seeds)) + "|"]
    for level in FRONTIER_LEVELS:
        cells = []
        for seed in seeds:
            for policy in ("minmax", "forecast"):
                r = next(
                    x.result
                    for x in runs
                    if (x.scenario, x.seed, x.policy, x.level) == (scenario, seed, policy, level)
                )
                cells.append(f"{r.fill_rate:.4f} / {r.avg_on_hand_units:,.0f}")
        rows.append(f"| {level} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def classes(world: World, result: PolicySimResult) -> dict[str, tuple[float, float, float, float]]:
    """(share of demand, fill rate, share of on-hand, on-hand) per class of store × SKU."""
    detail = result.detail
    assert detail is not None
    days = result.days
    daily = detail.demand / days
    per_pack = daily / world.case_pack[None, :]  # the catalog's case packs, whatever the hub sends
    perishable = np.broadcast_to(world.shelf_life_hours[None, :] <= PERISHABLE_DAYS * 24, daily.shape)
    groups = {
        f"perishable (shelf life ≤ {PERISHABLE_DAYS} days)": perishable,
        "slow: under half a case a day": ~perishable & (per_pack < 0.5),
        "half to two cases a day": ~perishable & (per_pack >= 0.5) & (per_pack < 2),
        "fast: two cases a day or more": ~perishable & (per_pack >= 2),
    }
    total_demand, total_stock = detail.demand.sum(), detail.on_hand.sum()
    return {
        name: (
            detail.demand[m].sum() / total_demand,
            1 - detail.lost[m].sum() / max(detail.demand[m].sum(), 1),
            detail.on_hand[m].sum() / total_stock,
            detail.on_hand[m].sum(),
        )
        for name, m in groups.items()
    }


def class_table(world: World, runs: list[Run], seed: int, scenario: str) -> str:
    pick = {
        p: next(
            r.result for r in runs if (r.scenario, r.seed, r.policy, r.level) == (scenario, seed, p, TARGET)
        )
        for p in ("minmax", "forecast")
    }
    mm, fc = classes(world, pick["minmax"]), classes(world, pick["forecast"])
    rows = [
        "| store × SKU class | share of demand | min/max: fill rate, on-hand (share) | forecast: fill rate,"
        " on-hand (share) | forecast vs min/max on-hand |",
        "|---|---|---|---|---|",
    ]
    for name in mm:
        d, f_mm, s_mm, h_mm = mm[name]
        _, f_fc, s_fc, h_fc = fc[name]
        rows.append(
            f"| {name} | {d:.0%} | {f_mm:.4f}, {h_mm:,.0f} ({s_mm:.0%}) | {f_fc:.4f}, {h_fc:,.0f} ({s_fc:.0%})"
            f" | {f'{h_fc / h_mm - 1:+.0%}' if h_mm else '-'} |"
        )
    return "\n".join(rows)


def coverage(world: World, level: float, cache: dict[str, FloatArray]) -> dict[tuple[str, int], float]:
    """Per policy and wave: the share of store × SKU protection intervals (cut-off to the next-but-one
    wave) of the measured days whose demand stayed within s, the cycle service level s was set for."""
    config = world.config
    cumulative = np.zeros((world.demand.shape[0] + 1, world.demand[0].size))
    cumulative[1:] = np.cumsum(world.demand.reshape(world.demand.shape[0], -1), axis=0)
    policies = {
        "minmax": make_policy(replace(world, config=replace(config, policy="minmax")), level),
        "forecast": make_policy(replace(world, config=replace(config, policy="forecast")), level, cache),
    }
    within: dict[tuple[str, int], list[float]] = {}
    first = config.train_days + config.warmup_days
    for day in range(first, config.train_days + config.replay_days - 1):
        for wave, cut in enumerate(cuts_of_day(config, day)):
            demand = cumulative[cut.next_delivery] - cumulative[cut.cutoff]
            for name, policy in policies.items():
                s = policy.wave(cut, world.demand[: cut.cutoff]).s.ravel()
                within.setdefault((name, wave), []).append(float((demand <= s).mean()))
    return {key: float(np.mean(v)) for key, v in within.items()}


def coverage_table(world: World, cache: dict[str, FloatArray]) -> str:
    waves = world.config.waves
    rows = [
        "| target | "
        + " | ".join(f"{p}, {w:02d}:00 wave" for p in ("min/max", "forecast") for w in waves)
        + " |",
        "|---" * (1 + 2 * len(waves)) + "|",
    ]
    for level in (0.9, TARGET):
        found = coverage(world, level, cache)
        cells = [f"{found[(p, i)]:.3f}" for p in ("minmax", "forecast") for i in range(len(waves))]
        rows.append(f"| {level} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def pick(runs: list[Run], scenario: str, seed: int, policy: str, level: float = TARGET) -> PolicySimResult:
    return next(
        r.result for r in runs if (r.scenario, r.seed, r.policy, r.level) == (scenario, seed, policy, level)
    )


def verdict(world: World, runs: list[Run], seeds: list[int]) -> str:
    """What the numbers say, and what limits the forecast policy in this world."""
    _, savings = comparison(runs, "rules", seeds)
    _, loose = comparison(runs, "S = s, loose", seeds)
    fills = [pick(runs, "rules", seed, "forecast").fill_rate for seed in seeds]
    mm = classes(world, pick(runs, "rules", seeds[0], "minmax"))
    names = list(mm)
    perishable, slow = mm[names[0]][2], mm[names[1]][2]
    fast_mm = classes(world, pick(runs, "S = s, loose", seeds[0], "minmax"))[names[3]][3]
    fast_fc = classes(world, pick(runs, "S = s, loose", seeds[0], "forecast"))[names[3]][3]
    loose_fills = [pick(runs, "S = s, loose", seed, "forecast").fill_rate for seed in seeds]
    met = np.mean(savings) >= 0.2 if savings else False
    low, high = pick(runs, "rules", seeds[0], "minmax"), pick(runs, "rules", seeds[0], "minmax", 0.995)
    mm_steep = high.avg_on_hand_units - low.avg_on_hand_units
    mm_gain = high.fill_rate - low.fill_rate
    return "\n\n".join(
        [
            "### Verdict",
            f"Under the issue's rules the forecast policy at service level 0.98 reaches a fill rate of"
            f" {', '.join(f'{f:.4f}' for f in fills)} (seeds {', '.join(map(str, seeds))}), and holds"
            f" {abs(np.mean(savings)):.1%} {'less' if np.mean(savings) >= 0 else 'more'} stock than min/max"
            " at the same fill rate on average over the"
            f" {len(savings)} seed(s) where min/max reaches that fill rate"
            + (": the 20% the issue asks for is met." if met else ": **not** the 20% the issue asks for.")
            + " Both policies sit at fill rates where the frontier is nearly vertical (min/max spends"
            f" {mm_steep:,.0f} more units to go from service level 0.98 to 0.995 for"
            f" {mm_gain:+.4f} of fill rate, seed {seeds[0]}), so the equal-fill saving of each seed moves a lot"
            " with small differences in fill rate. What limits the forecast policy in this world:",
            "- **Case packs.** The hub sends the supplier's case (6 to 36 units). Store × SKUs selling under"
            f" half a case a day hold {slow:.0%} of all store stock (seed {seeds[0]}, min/max at 0.98) and"
            f" perishables another {perishable:.0%}: their stock is a case being sold down over days (or until"
            " it expires), whatever the reorder point, and it is the same under both policies.\n"
            "- **The batch on top of s.** With S = s + the review period's expected demand a fast mover gets"
            " about a day of demand per order under both policies, so when it orders (about once a day), not"
            " how high s is, sets its average stock; the forecast's wave-specific s (the 06:00 wave needs"
            " about half the cover of the 15:00 one, which min/max's static s must always hold) has little to"
            " act on. With S = s and loose units, where the quantile is the whole order, the forecast policy"
            f" holds {np.mean(loose):.1%} less on-hand than min/max at the same fill rate (fast movers, seed"
            f" {seeds[0]}: {fast_fc:,.0f} against {fast_mm:,.0f} units), at fill rates of"
            f" {', '.join(f'{f:.4f}' for f in loose_fills)}.\n"
            "- **Stationary demand.** The simulator's demand has fixed weekly and daily shapes plus random rain"
            " and festivals, no trend, promotions or new SKUs: min/max tuned on 35 days of it stays close to"
            " right, and the forecast has little to learn beyond the hour-of-day split. Its distributions are"
            " well calibrated out of sample (below: the cycle service of its s is close to the target at each"
            " wave, where min/max's static s over-covers the 06:00 wave and under-covers the 15:00 one).",
        ]
    )


def plot(runs: list[Run], seeds: list[int], base: PolicySimConfig) -> None:
    fig, axes = plt.subplots(1, len(SCENARIOS), figsize=(6 * len(SCENARIOS), 5), sharey=False)
    colours = {"minmax": "tab:blue", "forecast": "tab:orange"}
    markers = ["o", "s", "^", "D", "v"]
    for ax, scenario in zip(axes, SCENARIOS, strict=True):
        for policy in ("minmax", "forecast"):
            for i, seed in enumerate(seeds):
                mine = sorted(
                    (r for r in runs if (r.scenario, r.policy, r.seed) == (scenario, policy, seed)),
                    key=lambda r: r.level,
                )
                shown = [r for r in mine if r.level in FRONTIER_LEVELS]
                ax.plot(
                    [r.result.fill_rate for r in shown],
                    [r.result.avg_on_hand_units for r in shown],
                    marker=markers[i % len(markers)],
                    color=colours[policy],
                    alpha=0.85,
                    label=f"{'min/max' if policy == 'minmax' else 'forecast'} seed {seed}",
                )
                at = next(r for r in mine if r.level == TARGET)
                ax.scatter(
                    [at.result.fill_rate],
                    [at.result.avg_on_hand_units],
                    s=120,
                    facecolors="none",
                    edgecolors="black",
                    zorder=3,
                )
        ax.set_title(f"{scenario}", fontsize=11)
        ax.set_xlabel("fill rate (units sold / units demanded)")
        ax.set_ylabel("average on-hand, all stores (units)")
        ax.grid(alpha=0.3)
    axes[0].legend(fontsize=8)
    fig.suptitle(
        f"Fill rate against average stock, service levels {FRONTIER_LEVELS[0]}–{FRONTIER_LEVELS[-1]}"
        f" (circled: 0.98); {base.stores} stores × {base.skus} SKUs, {base.days} measured days",
        fontsize=12,
    )
    fig.tight_layout()
    fig.savefig(PLOT, dpi=100)


def example(seed: int) -> list[PolicySimResult]:
    """The issue's example size, both policies at 0.98."""
    results = []
    for policy in ("minmax", "forecast"):
        result = simulate_policy(
            PolicySimConfig(policy=policy, service_level=TARGET, days=56, stores=10, skus=300, seed=seed)
        )
        print(f"example {policy}: {result.summary()}", flush=True)
        results.append(result)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--stores", type=int, default=5)
    parser.add_argument("--skus", type=int, default=100)
    parser.add_argument("--days", type=int, default=56)
    parser.add_argument("--no-example", action="store_true", help="skip the 10 stores × 300 SKUs run")
    args = parser.parse_args()
    base = PolicySimConfig(stores=args.stores, skus=args.skus, days=args.days)
    started = time.perf_counter()
    runs: list[Run] = []
    caches: dict[int, dict[str, FloatArray]] = {seed: {} for seed in args.seeds}
    for seed in args.seeds:
        runs += sweep(seed, base, caches[seed])
    sweep_seconds = time.perf_counter() - started
    plot(runs, args.seeds, base)
    big = [] if args.no_example else example(args.seeds[0])
    world = build_world(replace(base, seed=args.seeds[0]))

    command = (
        f"uv run python -m bench.policy --seeds {' '.join(map(str, args.seeds))} --stores {args.stores}"
        f" --skus {args.skus} --days {args.days}"
    )
    parts = [
        "## Restocking policies: min/max against the forecast policy",
        f"`{command}` ({sweep_seconds / 60:.1f} min for the sweeps; no database). The policy simulator"
        " (`fastcommerce simulate policy`, `src/fastcommerce/simulation/policy.py`) replays the order"
        f" simulator's demand through {args.stores} dark stores × {args.skus} SKUs of the demo catalog"
        f" ({base.orders_per_store_day:g} orders a store a day) restocked from one mother hub in two waves a"
        " day (06:00 and 15:00, cut-offs 2 h before), with case packs, store capacity, shelf life (FIFO"
        " lots, waste) and a finite hub supplied daily. Seeds"
        f" {', '.join(map(str, args.seeds))}; for each: {base.train_days} training days (demand only: min/max"
        f" tunes s and S on them, the forecast policy fits the engine, `{base.forecast_model}`, and the"
        f" hour-of-day profile), {base.warmup_days} warm-up days replayed unmeasured, {args.days} measured"
        f" days. The forecast policy refits every {base.refit_days} days on demand including lost sales.",
        "Each point is one replay at one service level; the frontier is fill rate against average on-hand"
        " (all stores together, mean over the measured hours). Equal fill rate: min/max's on-hand at the"
        " forecast policy's fill rate, linear between the two min/max service levels around it.",
        f"![fill rate against average on-hand]({PLOT.name})",
    ]
    for scenario in SCENARIOS:
        table, savings = comparison(runs, scenario, args.seeds)
        mean = f"{np.mean(savings):.1%}" if savings else "-"
        parts += [
            f"### {scenario}",
            f"{SCENARIO_TEXT[scenario][0].upper()}{SCENARIO_TEXT[scenario][1:]}.",
            table,
            f"Mean on-hand saving at equal fill rate: **{mean}** over {len(savings)} seed(s).",
            "Frontier (fill rate / average on-hand units) by service level:",
            frontier_table(runs, scenario),
        ]
    parts += [
        verdict(world, runs, args.seeds),
        f"Cycle service (seed {args.seeds[0]}, measured days): the share of store × SKU protection intervals"
        " whose demand stayed within s, per wave, for the target it was set at:",
        coverage_table(world, caches[args.seeds[0]]),
    ]
    parts += [
        f"### Where the stock is (seed {args.seeds[0]}, service level 0.98)",
        "A class of store × SKU: perishable, or by its demand in the catalog's case packs a day.",
        "**rules**:",
        class_table(world, runs, args.seeds[0], "rules"),
        "**S = s, loose**:",
        class_table(world, runs, args.seeds[0], "S = s, loose"),
    ]
    if big:
        mm, fc = big
        parts += [
            "### The issue's example size",
            "Harsher than the sweep's: 300 SKUs share the same orders, so most store × SKUs sell a unit or two"
            " a day against case packs of 6 to 36; the stock is mostly cases being sold down, perishables'"
            " cases expire before they sell (waste) and the hub is short of cases more often.",
            "`uv run fastcommerce simulate policy --days 56 --stores 10 --skus 300 --policy minmax|forecast"
            f" --service-level 0.98 --seed {args.seeds[0]} --json`:",
            "\n".join(
                [
                    "| policy | fill rate | lost units | average on-hand | stock-out SKU-days | restock lines |"
                    " wasted units | seconds |",
                    "|---|---|---|---|---|---|---|---|",
                    *(
                        f"| {r.policy} | {r.fill_rate:.4f} | {r.lost_units:,} | {r.avg_on_hand_units:,.0f} |"
                        f" {r.stockout_sku_days:,} | {r.orders_placed:,} | {r.wasted_units:,} |"
                        f" {r.seconds:.0f} |"
                        for r in (mm, fc)
                    ),
                ]
            ),
        ]
    record("policy", "\n\n".join(parts), machine(database=False))
    print(f"wrote {PLOT} and the policy section of docs/benchmarks.md ({datetime.now(UTC):%H:%M} UTC)")


if __name__ == "__main__":
    main()
