"""Seasonal median: each future step is the median of the same season position (say, the same weekday)
over the last few seasons, and its band is their quantiles.

Lumpy demand (a shop's few large orders among many small days) pulls a mean-seeking model above most days;
under WAPE, which weighs every unit of error alike, a median is the better point forecast, and the empirical
quantiles give bands that hold what the recent weeks held. It is a statsforecast model, so it runs in the
same backtests as the others.
"""

from collections.abc import Callable
from typing import Any

import numpy as np

from fastcommerce.forecasting.adapter import CustomModel

SEASONS = 8


class SeasonalMedian(CustomModel):
    def __init__(self, season: int, seasons: int = SEASONS, alias: str = "seasonal_median") -> None:
        self.season = max(season, 1)
        self.seasons = seasons
        self.alias = alias

    def _values_by_phase(self, y: np.ndarray) -> list[np.ndarray]:
        window = y[-self.seasons * self.season :]
        phases = np.arange(len(y) - len(window), len(y)) % self.season
        return [window[phases == p] if (phases == p).any() else window for p in range(self.season)]

    def _by_phase(self, y: np.ndarray, reduce: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
        """`reduce` over each phase's values (phase = step % season; the values in the columns of a matrix),
        phases first. Whole seasons go as one matrix, a season a row: one call, not one per phase."""
        size = self.seasons * self.season
        if len(y) < size:
            return np.array([reduce(values[:, None])[..., 0] for values in self._values_by_phase(y)])
        matrix = y[-size:].reshape(self.seasons, self.season)
        return np.moveaxis(np.roll(reduce(matrix), (len(y) - size) % self.season, axis=-1), -1, 0)

    def _forecast(self, y: np.ndarray, h: int, level: list[int] | None) -> dict[str, Any]:
        levels = list(level or [])
        tails = [(100 - lv) / 200 for lv in levels]
        probs = [0.5, *tails, *(1 - t for t in tails)]
        table = self._by_phase(y, lambda values: np.quantile(values, probs, axis=0))
        steps = (len(y) + np.arange(h)) % self.season
        result: dict[str, Any] = {"mean": table[steps, 0]}
        for i, lv in enumerate(levels):
            result[f"lo-{lv}"] = table[steps, 1 + i]
            result[f"hi-{lv}"] = table[steps, 1 + len(levels) + i]
        return result


class SeasonalMean(SeasonalMedian):
    """The mean of the values a seasonal median is taken over: the expected demand beside that median (no
    bands of its own)."""

    def _forecast(self, y: np.ndarray, h: int, level: list[int] | None) -> dict[str, Any]:
        means = self._by_phase(y, lambda values: values.mean(axis=0))
        return {"mean": means[(len(y) + np.arange(h)) % self.season]}
