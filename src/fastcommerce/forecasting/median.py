"""Seasonal median: each future step is the median of the same season position (say, the same weekday)
over the last few seasons, and its band is their quantiles.

Lumpy demand (a shop's few large orders among many small days) pulls a mean-seeking model above most days;
under WAPE, which weighs every unit of error alike, a median is the better point forecast, and the empirical
quantiles give bands that hold what the recent weeks held. It is a statsforecast model, so it runs in the
same backtests as the others.
"""

from typing import Any

import numpy as np

SEASONS = 8


class SeasonalMedian:
    uses_exog = False

    def __init__(self, season: int, seasons: int = SEASONS, alias: str = "seasonal_median") -> None:
        self.season = max(season, 1)
        self.seasons = seasons
        self.alias = alias
        self.prediction_intervals = None

    def __repr__(self) -> str:
        return self.alias

    def new(self) -> "SeasonalMedian":
        return SeasonalMedian(self.season, self.seasons, self.alias)

    def _values_by_phase(self, y: np.ndarray) -> list[np.ndarray]:
        window = y[-self.seasons * self.season :]
        phases = np.arange(len(y) - len(window), len(y)) % self.season
        return [window[phases == p] if (phases == p).any() else window for p in range(self.season)]

    def _predict(self, y: np.ndarray, h: int, level: list[int] | None) -> dict[str, Any]:
        by_phase = self._values_by_phase(np.asarray(y, dtype=float))
        steps = [(len(y) + step) % self.season for step in range(h)]
        result: dict[str, Any] = {"mean": np.array([np.median(by_phase[p]) for p in steps])}
        for lv in level or []:
            tail = (100 - lv) / 200
            result[f"lo-{lv}"] = np.array([np.quantile(by_phase[p], tail) for p in steps])
            result[f"hi-{lv}"] = np.array([np.quantile(by_phase[p], 1 - tail) for p in steps])
        return result

    def fit(self, y: np.ndarray, X: Any = None) -> "SeasonalMedian":
        self._y = np.asarray(y, dtype=float)
        return self

    def predict(self, h: int, X: Any = None, level: list[int] | None = None) -> dict[str, Any]:
        return self._predict(self._y, h, level)

    def forecast(
        self,
        y: np.ndarray,
        h: int,
        X: Any = None,
        X_future: Any = None,
        level: list[int] | None = None,
        fitted: bool = False,
    ) -> dict[str, Any]:
        return self._predict(y, h, level)
