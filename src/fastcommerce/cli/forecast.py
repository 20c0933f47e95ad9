"""`fastcommerce forecast run` (every store × SKU, stored) and `fastcommerce forecast-csv` (a file, no
database)."""

import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated

import typer

from fastcommerce.cli.output import console, progress_bar
from fastcommerce.config import get_settings
from fastcommerce.errors import ForecastInputError
from fastcommerce.forecasting.choices import MODEL_NAMES

forecast_app = typer.Typer(no_args_is_help=True, help="Demand forecasts per store × SKU.")
MODEL_HELP = f"auto (per series, by backtest) or one of {', '.join(MODEL_NAMES)}"


def _models_line(counts: Mapping[str, int]) -> str:
    """How many series each model forecast, most used first."""
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    return ", ".join(f"{name} {n:,}" for name, n in ranked) or "-"


@forecast_app.command("prune")
def forecast_prune() -> None:
    """Delete the runs past FC_FORECAST_KEEP_DAYS and those a later run of the same day replaced (what the
    scheduler's hourly housekeeping does); the latest done run is always kept."""
    from fastcommerce.db import committing, database_url, session_factory, utcnow
    from fastcommerce.forecasting.service import prune_runs
    from fastcommerce.migrate import upgrade

    upgrade(database_url())
    settings = get_settings()
    with session_factory()() as session, committing(session):
        deleted = prune_runs(session, settings, utcnow())
    console.print(
        f"forecast prune: {deleted} runs deleted (kept: {settings.forecast_keep_days} days, one a day)"
    )


@forecast_app.command("run")
def forecast_run(
    model: Annotated[str, typer.Option(help=MODEL_HELP)] = "auto",
    horizon: Annotated[
        int | None, typer.Option(min=1, max=90, help="days (default FC_FORECAST_HORIZON_DAYS)")
    ] = None,
    n_jobs: Annotated[int | None, typer.Option(min=1, help="processes (default FC_FORECAST_N_JOBS)")] = None,
) -> None:
    """Forecast every store × SKU from the demand rollups and store the run (what the nightly task does)."""
    from fastcommerce.db import database_url, session_factory
    from fastcommerce.forecasting.flows import run_forecasts
    from fastcommerce.migrate import upgrade

    upgrade(database_url())
    with progress_bar() as bar:
        task = bar.add_task("forecast series", total=None)
        try:
            summary = run_forecasts(
                session_factory(),
                get_settings(),
                model=model,
                horizon_days=horizon,
                n_jobs=n_jobs,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
        except ForecastInputError as error:
            bar.stop()
            console.print(f"[red]{error}[/red]")
            raise typer.Exit(2) from None
    console.print(
        f"forecast run {summary.run_id}: {summary.series:,} series in {summary.seconds:.1f} s;"
        f" models: {_models_line(summary.models)}"
    )


def forecast_csv(
    input: Annotated[Path, typer.Option("--input", help="CSV with columns unique_id,ds,y")],
    horizon: Annotated[int, typer.Option(min=1, help="future steps per series")],
    output: Annotated[
        Path,
        typer.Option(
            "--output", help="CSV: unique_id,ds,yhat,yhat_lower,yhat_upper,mean and q<N> per quantile"
        ),
    ],
    model: Annotated[str, typer.Option(help=MODEL_HELP)] = "auto",
    level: Annotated[int, typer.Option(min=1, max=99, help="prediction interval, percent")] = 80,
    quantiles: Annotated[
        str,
        typer.Option(help="quantiles to add, percent, comma-separated: 50,90,98 writes q50, q90 and q98"),
    ] = "",
    freq: Annotated[
        str | None, typer.Option(help="pandas frequency (D, h, W, MS…); inferred when not given")
    ] = None,
    n_jobs: Annotated[
        int | None, typer.Option(min=1, help="processes (or local Dask workers); default: every core")
    ] = None,
    dask: Annotated[
        str | None,
        typer.Option(
            help="run on Dask (the scale extra), partitions of series on the workers: 'local' (n-jobs"
            " workers) or a scheduler's address"
        ),
    ] = None,
) -> None:
    """Forecast the series of a CSV file; needs no database."""
    n_jobs = n_jobs or os.cpu_count() or 1
    import pandas as pd

    from fastcommerce.forecasting import distributed

    try:
        asked = tuple(float(q) for q in quantiles.split(",") if q.strip())
    except ValueError:
        console.print(f"[red]--quantiles: {quantiles!r} is not a list of percentages such as 50,90,98[/red]")
        raise typer.Exit(2) from None
    if not input.is_file():
        console.print(f"[red]{input}: no such file[/red]")
        raise typer.Exit(2)
    started = time.perf_counter()
    try:
        table = pd.read_csv(input, dtype={"unique_id": str, "ds": str, "y": str}, keep_default_na=False)
        with distributed.cluster(dask, n_jobs) as client, progress_bar() as bar:
            task = bar.add_task("forecast", total=None)

            def advance(stage: str, done: int, total: int) -> None:
                bar.update(task, description=stage, completed=done, total=total)

            result = distributed.forecast_with(
                client,
                table,
                horizon,
                n_jobs=n_jobs,
                model=model,
                freq=freq,
                levels=(level,),
                quantiles=asked,
                progress=advance,
            )
    except (ForecastInputError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        console.print(f"[red]{input}: {error}[/red]")
        raise typer.Exit(2) from None
    out = result.csv_table(level)
    with_time = (out["ds"] != out["ds"].dt.normalize()).any()
    out.to_csv(output, index=False, date_format="%Y-%m-%dT%H:%M:%S" if with_time else "%Y-%m-%d")
    console.print(
        f"forecast-csv: {out['unique_id'].nunique():,} series × {horizon} steps ({result.freq}) to {output} "
        f"in {time.perf_counter() - started:.1f} s; models: "
        + _models_line(result.choices["model"].value_counts().to_dict())
    )
