"""A global gradient-boosting model: one LightGBM (through mlforecast) trained over every series at once.

A per-series model learns a weekday's level from the eight or so of that weekday it has seen; a model trained
over all series learns the shape they share (the weekly cycle, the dinner peak, what a busy yesterday says
about today) from all of them, which is what won the M5 competition on SKU × store demand. Features: lags of
one step, one season and two, the mean of the last season and of the last four, the same step's mean over the
last four seasons (and weeks, for hourly data), the calendar (hour, weekday, month as the frequency has
them), and where the data hold two years, the same day a year (52 weeks) before with the means of its week
and of its four weeks (a festival season's run-up and peak, as last year had them). The objective is L1: the
point WAPE rewards, a median. Its expected demand is the series' seasonal mean, as for the median models: a
Poisson objective's mean was 38% above the online shop's held-out total (bench/forecast.py's retail data),
pulled up by its few huge orders.

In `auto` it is one more candidate, backtested on the same windows as the per-series models, where there are
enough series to learn from (GLOBAL_MIN_SERIES).

It trains on at most about TRAINING_ROWS rows: past that, whole series drawn at random (the same draw every
run). The shape the series share is learnt as well from a million rows as from eight, and the training's
time and memory stop growing with the number of series; every series is still forecast from its own history.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from utilsforecast.processing import backtest_splits

POINT = "lgbm"
GLOBAL_MIN_SERIES = 20
TREES = 100
TRAINING_ROWS = 1_000_000


@dataclass(frozen=True)
class Cycles:
    """Steps in the data's season, in a week and in a year (0: the data show no yearly cycle)."""

    season: int
    week: int
    year: int = 0


def _forecaster(freq: str, cycles: Cycles, n_jobs: int) -> Any:
    import lightgbm as lgb
    from mlforecast import MLForecast
    from mlforecast.lag_transforms import RollingMean, SeasonalRollingMean

    booster = lgb.LGBMRegressor(
        objective="l1",
        n_estimators=TREES,
        learning_rate=0.1,
        num_leaves=31,
        min_child_samples=50,
        n_jobs=n_jobs,
        force_col_wise=True,  # what LightGBM picks on this data after testing both; the test costs 15%
        verbosity=-1,
    )

    season, week, year = cycles.season, cycles.week, cycles.year
    lags = sorted({1, season, 2 * season, week, year} - {0})
    by_lag: dict[int, list[Any]] = {1: [RollingMean(window_size=max(season, 2))]}
    if season > 1:
        by_lag[1].append(RollingMean(window_size=4 * season))
        by_lag[season] = [SeasonalRollingMean(season_length=season, window_size=4)]
    if week not in (season, 1):
        by_lag[week] = [SeasonalRollingMean(season_length=week, window_size=2)]
    if year:
        by_lag[year] = [RollingMean(window_size=week), RollingMean(window_size=4 * week)]
    return MLForecast(
        models={POINT: booster},
        freq=freq,
        lags=lags,
        lag_transforms=by_lag,
        date_features=_calendar(freq, season),
    )


def _calendar(freq: str, season: int) -> list[str]:
    offset = pd.tseries.frequencies.to_offset(freq)
    if isinstance(offset, pd.tseries.offsets.Tick) and pd.Timedelta(offset) < pd.Timedelta(days=1):
        return ["hour", "dayofweek"]
    if season == 7:
        return ["dayofweek", "month"]
    return ["month"] if season == 12 else []


def training_sample(data: pd.DataFrame) -> pd.DataFrame:
    """`data` when it holds at most TRAINING_ROWS rows; otherwise its rows of whole series drawn at random,
    about TRAINING_ROWS rows in all."""
    if len(data) <= TRAINING_ROWS:
        return data
    ids = data["unique_id"].unique()
    drawn = np.random.default_rng(0).random(len(ids)) < TRAINING_ROWS / len(data)
    return data[data["unique_id"].isin(ids[drawn])]


def _fit(data: pd.DataFrame, freq: str, cycles: Cycles, n_jobs: int) -> Any:
    return _forecaster(freq, cycles, n_jobs).fit(
        training_sample(data[["unique_id", "ds", "y"]]), static_features=[], dropna=False
    )


def _predict(fitted: Any, history: pd.DataFrame, horizon: int) -> pd.DataFrame:
    out = fitted.predict(horizon, new_df=history[["unique_id", "ds", "y"]])
    out["unique_id"] = out["unique_id"].astype(str)
    out[POINT] = out[POINT].clip(lower=0)
    return out


def cross_validation(
    data: pd.DataFrame, freq: str, cycles: Cycles, h: int, windows: int, n_jobs: int
) -> pd.DataFrame:
    """The last `windows` windows of h steps, one training before the first window (the later windows read
    their lags from the actuals before them): unique_id, ds, cutoff, y, lgbm (non-negative). Rows whose lags
    reach before a series' start are kept (LightGBM reads a missing feature as such)."""
    fitted = None
    parts = []
    for cutoffs, history, actual in backtest_splits(
        data[["unique_id", "ds", "y"]], n_windows=windows, h=h, id_col="unique_id", time_col="ds", freq=freq
    ):
        if fitted is None:
            fitted = _fit(history, freq, cycles, n_jobs)
        predicted = _predict(fitted, history, h).merge(cutoffs, on="unique_id")
        parts.append(actual.merge(predicted, on=["unique_id", "ds"]))
    return pd.concat(parts, ignore_index=True)[["unique_id", "ds", "cutoff", "y", POINT]]


def forecast(
    data: pd.DataFrame, ids: Sequence[str], freq: str, cycles: Cycles, horizon: int, n_jobs: int
) -> pd.DataFrame:
    """Trained on the series of `data` (training_sample), the next `horizon` steps of the series `ids`:
    unique_id, ds, lgbm (non-negative)."""
    fitted = _fit(data, freq, cycles, n_jobs)
    return _predict(fitted, data[data["unique_id"].isin(ids)], horizon)[["unique_id", "ds", POINT]]
