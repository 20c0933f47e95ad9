"""`fastcommerce simulate policy`: a restocking policy replayed on simulated demand; needs no database."""

import json
from enum import StrEnum
from typing import Annotated

import typer

from fastcommerce.cli.output import console, progress_bar
from fastcommerce.config import get_settings
from fastcommerce.forecasting.choices import MODEL_NAMES
from fastcommerce.simulation.policy import PolicySimConfig, PolicySimResult, simulate_policy


class PolicyName(StrEnum):
    minmax = "minmax"
    forecast = "forecast"


class TargetName(StrEnum):
    cycle = "cycle"
    fill = "fill"


HELP = (
    "Replay the order simulator's demand through dark stores restocked twice a day (waves at 06:00 and 15:00,"
    " cut-offs two hours before) from a finite mother hub, with case packs, minimum orders, store capacity"
    " and shelf life (waste, oldest lots first), under a restocking policy; no database.\n\n"
    "Training, warm-up, measurement: the first --train-days are demand only. min/max tunes a static s and S"
    " per store × SKU on them (s = the service-level quantile of demand until the next-but-one wave, S = s +"
    " a review period's mean demand); the forecast policy fits the forecasting engine and the hour-of-day"
    " profile on them, then refits every --refit-days on demand including lost sales. --target fill sets s"
    " for a fill rate of --service-level instead: the smallest s whose expected shortage until the"
    " next-but-one wave is at most 1 − the service level of what one order brings (the review period's"
    " demand, or a whole case when that is more). The next --warmup-days"
    " are replayed but not measured, while stock settles. The last --days are measured: fill rate, lost"
    " units, average on-hand, stock-out SKU-days, restock lines, wasted units."
)
STAGES = {"demand": "simulate demand (days)", "replay": "replay (days)"}


def simulate_policy_command(
    policy: Annotated[PolicyName, typer.Option(help="static min/max, or s and S from forecasts")] = (
        PolicyName.forecast
    ),
    service_level: Annotated[
        float,
        typer.Option(
            min=0.5,
            max=0.9999,
            help="the quantile of demand s covers (cycle target), or the fill rate (fill)",
        ),
    ] = 0.98,
    target: Annotated[
        TargetName,
        typer.Option(
            help="what the service level sets: cycle (the issue's rule), the quantile of demand until the"
            " next-but-one wave that s covers; fill, a fill rate s aims at (for min/max: a tuned min/max)"
        ),
    ] = TargetName.cycle,
    days: Annotated[int, typer.Option(min=1, help="measured days (after training and warm-up)")] = 56,
    stores: Annotated[int, typer.Option(min=1, help="dark stores, one mother hub")] = 10,
    skus: Annotated[int, typer.Option(min=1, max=530, help="SKUs of the demo catalog")] = 300,
    seed: Annotated[int, typer.Option(min=0, help="same seed, same demand")] = 1,
    json_line: Annotated[
        bool, typer.Option("--json", help="print one JSON line and no progress bar")
    ] = False,
    train_days: Annotated[
        int, typer.Option(help="days of demand the policies learn from before the replay (not measured)")
    ] = 35,
    warmup_days: Annotated[
        int, typer.Option(min=0, help="replayed days before measuring, while stock settles")
    ] = 7,
    orders_per_store_day: Annotated[
        float | None, typer.Option(min=1, help="default FC_DEMO_ORDERS_PER_STORE_DAY (150)")
    ] = None,
    model: Annotated[
        str, typer.Option(help=f"forecast policy: auto or one of {', '.join(MODEL_NAMES)}")
    ] = "seasonal_median",
    refit_days: Annotated[
        int, typer.Option(min=1, help="forecast policy: refit the forecast this often")
    ] = 7,
    batch: Annotated[
        bool,
        typer.Option(
            help="S = s + the review period's expected demand (the issue's rule); --no-batch: S = s, an order"
            " up to s at every wave"
        ),
    ] = True,
    moq: Annotated[int, typer.Option(min=0, help="minimum order quantity per store line, units")] = 0,
    capacity: Annotated[
        int | None,
        typer.Option(min=1, help="units per store (default: one case of every SKU and 4 days of its demand)"),
    ] = None,
    hub_cover_days: Annotated[
        float, typer.Option(min=0.1, help="the hub orders up to this many days of the city's demand")
    ] = 2.0,
    n_jobs: Annotated[int, typer.Option(min=1, help="forecast processes")] = 1,
) -> None:
    """Replay a restocking policy against simulated demand (HELP says how)."""
    settings = get_settings()
    try:
        config = PolicySimConfig(
            policy=policy.value,
            service_level=service_level,
            days=days,
            stores=stores,
            skus=skus,
            seed=seed,
            train_days=train_days,
            warmup_days=warmup_days,
            orders_per_store_day=orders_per_store_day or settings.demo_orders_per_store_day,
            forecast_model=model,
            refit_days=refit_days,
            batch_review=batch,
            target=target.value,
            moq_units=moq,
            capacity_units=capacity,
            hub_cover_days=hub_cover_days,
            n_jobs=n_jobs,
        )
    except ValueError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from None
    if json_line:
        result = simulate_policy(config)
        typer.echo(json.dumps(result.summary()))
        return
    with progress_bar() as bar:
        tasks = {stage: bar.add_task(text, total=None) for stage, text in STAGES.items()}

        def advance(stage: str, done: int, total: int) -> None:
            bar.update(tasks[stage], completed=done, total=total)

        result = simulate_policy(config, progress=advance)
    console.print(describe(result, config))


def describe(r: PolicySimResult, config: PolicySimConfig) -> str:
    changed = ", ".join(f"{name.replace('_', ' ')} {n:,}" for name, n in r.lines_changed_by.items())
    model = f" ({config.forecast_model}, {r.forecast_fits} fits)" if r.policy == "forecast" else ""
    return "\n".join(
        [
            f"simulate policy {r.policy}{model}, service level {r.service_level} ({r.target} target), seed"
            f" {r.seed}: {r.stores}"
            f" stores × {r.skus} SKUs, {config.orders_per_store_day:g} orders a store a day; trained on"
            f" {r.train_days} days, {r.warmup_days} warm-up days replayed unmeasured, {r.days} days measured",
            f"  fill rate {r.fill_rate:.4f}: {r.sold_units:,} of {r.demand_units:,} units sold,"
            f" {r.lost_units:,} lost; stock-out SKU-days {r.stockout_sku_days:,}",
            f"  average on hand {r.avg_on_hand_units:,.0f} units in the stores (hub"
            f" {r.avg_hub_on_hand_units:,.0f}); restock lines {r.orders_placed:,}, supplier lines"
            f" {r.supplier_orders:,}",
            f"  wasted {r.wasted_units:,} units (stores {r.wasted_store_units:,},"
            f" hub {r.wasted_hub_units:,})",
            f"  lines changed by: {changed}",
            f"  {r.seconds:.1f} s",
        ]
    )
