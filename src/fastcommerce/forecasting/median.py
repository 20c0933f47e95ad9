"""Seasonal median: each future step is the median of the same season position (say, the same weekday)
over the last few seasons, and its band is their quantiles.

Lumpy demand (a shop's few large orders among many small days) pulls a mean-seeking model above most days;
under WAPE, which weighs every unit of error alike, a median is the better point forecast, and the empirical
quantiles give bands that hold what the recent weeks held. It is a statsforecast model, so it runs in the
same backtests as the others; the engine runs it over many series at once instead (`forecast_frame`,
`cross_validation_frame`: one numpy call for all the series of a length, where statsforecast makes one
Python call a series and window), with the same numbers.
"""

from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np
import pandas as pd

from fastcommerce.forecasting.adapter import CustomModel

SEASONS = 8
Reduce = Callable[[np.ndarray, int], np.ndarray]  # (values, axis) -> the values reduced along that axis


class SeasonalMedian(CustomModel):
    def __init__(self, season: int, seasons: int = SEASONS, alias: str = "seasonal_median") -> None:
        self.season = max(season, 1)
        self.seasons = seasons
        self.alias = alias

    def _by_phase(self, y: np.ndarray, reduce: Reduce) -> np.ndarray:
        """`reduce` over each phase's values (phase = step % season) of each row of `y` (series of one
        length), phases first: (season, ..., rows). Whole seasons go as one array, a season per step of its
        second axis: one call, not one per phase."""
        rows, length = y.shape
        size = self.seasons * self.season
        if length < size:
            phases = np.arange(length) % self.season
            return np.stack(
                [reduce(y[:, phases == p] if (phases == p).any() else y, 1) for p in range(self.season)]
            )
        seasons = y[:, -size:].reshape(rows, self.seasons, self.season)
        return np.moveaxis(np.roll(reduce(seasons, 1), (length - size) % self.season, axis=-1), -1, 0)

    def forecast_rows(self, y: np.ndarray, h: int, level: Sequence[int] | None) -> dict[str, np.ndarray]:
        """The next `h` steps of each row of `y` (series of one length): {"mean", "lo-<l>", "hi-<l>"}, each
        (rows, h)."""
        levels = list(level or [])
        tails = [(100 - lv) / 200 for lv in levels]
        probs = [0.5, *tails, *(1 - t for t in tails)]
        table = self._by_phase(y, lambda values, axis: np.quantile(values, probs, axis=axis))
        steps = table[(y.shape[1] + np.arange(h)) % self.season]  # (h, probs, rows)
        result = {"mean": steps[:, 0].T}
        for i, lv in enumerate(levels):
            result[f"lo-{lv}"] = steps[:, 1 + i].T
            result[f"hi-{lv}"] = steps[:, 1 + len(levels) + i].T
        return result

    def _forecast(self, y: np.ndarray, h: int, level: list[int] | None) -> dict[str, Any]:
        return {key: values[0] for key, values in self.forecast_rows(y[None, :], h, level).items()}


class SeasonalMean(SeasonalMedian):
    """The mean of the values a seasonal median is taken over: the expected demand beside that median (no
    bands of its own)."""

    def forecast_rows(self, y: np.ndarray, h: int, level: Sequence[int] | None) -> dict[str, np.ndarray]:
        means = self._by_phase(y, lambda values, axis: values.mean(axis=axis))
        return {"mean": means[(y.shape[1] + np.arange(h)) % self.season].T}


def _by_length(data: pd.DataFrame) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The series of `data` (unique_id, ds, y; sorted by unique_id and ds, no gaps) grouped by length: their
    ids, dates and values, a series a row."""
    ids, starts, lengths = np.unique(data["unique_id"].to_numpy(), return_index=True, return_counts=True)
    ds, y = data["ds"].to_numpy(), data["y"].to_numpy(dtype=float)
    for length in np.unique(lengths):
        chosen = lengths == length
        rows = starts[chosen][:, None] + np.arange(length)
        yield ids[chosen], ds[rows], y[rows]


def _frame(ids: np.ndarray, ds: np.ndarray, columns: dict[str, np.ndarray]) -> pd.DataFrame:
    """Rows of (ids × steps) arrays, a series' steps together."""
    steps = ds.shape[1]
    return pd.DataFrame(
        {"unique_id": np.repeat(ids, steps), "ds": ds.ravel()}
        | {name: values.ravel() for name, values in columns.items()}
    )


def _outputs(models: Sequence[SeasonalMedian], y: np.ndarray, h: int, level: Sequence[int]) -> dict[str, Any]:
    return {
        (m.alias if key == "mean" else f"{m.alias}-{key}"): values
        for m in models
        for key, values in m.forecast_rows(y, h, level).items()
    }


def forecast_frame(
    data: pd.DataFrame, models: Sequence[SeasonalMedian], h: int, level: Sequence[int], freq: str
) -> pd.DataFrame:
    """As statsforecast's `forecast` of these models: unique_id, ds, and each model's alias (and
    `<alias>-lo-<l>`, `<alias>-hi-<l>` where it has bands)."""
    parts = []
    for ids, ds, y in _by_length(data):
        lasts, where = np.unique(ds[:, -1], return_inverse=True)
        future = np.stack([pd.date_range(last, periods=h + 1, freq=freq)[1:].to_numpy() for last in lasts])
        parts.append(_frame(ids, future[where], _outputs(models, y, h, level)))
    return pd.concat(parts).sort_values(["unique_id", "ds"], ignore_index=True)


def cross_validation_frame(
    data: pd.DataFrame, models: Sequence[SeasonalMedian], h: int, windows: int
) -> pd.DataFrame:
    """As statsforecast's `cross_validation` of these models over the last `windows` windows of `h` steps
    (step size h): unique_id, ds, cutoff, y, and each model's alias."""
    parts = []
    for ids, ds, y in _by_length(data):
        for window in range(windows):
            cut = y.shape[1] - (windows - window) * h
            part = _frame(
                ids, ds[:, cut : cut + h], {"y": y[:, cut : cut + h]} | _outputs(models, y[:, :cut], h, [])
            )
            part.insert(2, "cutoff", np.repeat(ds[:, cut - 1], h))
            parts.append(part)
    return pd.concat(parts).sort_values(["unique_id", "cutoff", "ds"], ignore_index=True)
