"""Seasonal median: each future step is the median of the same season position (say, the same weekday)
over the last few seasons, and its band is their quantiles.

Lumpy demand (a shop's few large orders among many small days) pulls a mean-seeking model above most days;
under WAPE, which weighs every unit of error alike, a median is the better point forecast, and the empirical
quantiles give bands that hold what the recent weeks held. It is a statsforecast model, so it runs in the
same backtests as the others.
"""

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

    def _forecast(self, y: np.ndarray, h: int, level: list[int] | None) -> dict[str, Any]:
        by_phase = self._values_by_phase(y)
        steps = [(len(y) + step) % self.season for step in range(h)]
        result: dict[str, Any] = {"mean": np.array([np.median(by_phase[p]) for p in steps])}
        for lv in level or []:
            tail = (100 - lv) / 200
            result[f"lo-{lv}"] = np.array([np.quantile(by_phase[p], tail) for p in steps])
            result[f"hi-{lv}"] = np.array([np.quantile(by_phase[p], 1 - tail) for p in steps])
        return result
