"""Prophet as a statsforecast model, so it runs in the same backtests and forecasts as the others.

statsforecast hands a model only the values of a series, so Prophet sees them on a regular calendar of
the series' season: its seasonal terms are periodic, so the phase of that calendar changes nothing.
Intervals are quantiles of Prophet's own predictive samples.
"""

import logging
from typing import Any

import numpy as np
import pandas as pd

from fastcommerce.forecasting.adapter import CustomModel

SAMPLES = 300
_CALENDAR_START = pd.Timestamp("2024-01-01")


def _quiet() -> None:
    logging.getLogger("prophet").setLevel(logging.ERROR)
    logging.getLogger("cmdstanpy").disabled = True  # it logs every fit at INFO through its own handler


class ProphetModel(CustomModel):
    def __init__(self, season: int, alias: str = "prophet") -> None:
        self.season = season
        self.alias = alias

    def _calendar(self, periods: int) -> pd.DatetimeIndex:
        """One day a step for daily seasons (weekly pattern), one hour a step for hourly (daily pattern)."""
        step = "h" if self.season == 24 else "D"
        return pd.date_range(_CALENDAR_START, periods=periods, freq=step)

    def _forecast(self, y: np.ndarray, h: int, level: list[int] | None) -> dict[str, Any]:
        from prophet import Prophet

        _quiet()
        model = Prophet(
            daily_seasonality=self.season == 24,
            weekly_seasonality=self.season == 7,
            yearly_seasonality=False,
            uncertainty_samples=SAMPLES,
        )
        model.fit(pd.DataFrame({"ds": self._calendar(len(y)), "y": y}))
        future = pd.DataFrame({"ds": self._calendar(len(y) + h)[len(y) :]})
        result: dict[str, Any] = {"mean": model.predict(future)["yhat"].to_numpy()}
        if level:
            np.random.seed(SAMPLES)  # Prophet samples from numpy's global generator: same data, same bands
            samples = model.predictive_samples(future)["yhat"]
            for lv in level:
                result[f"lo-{lv}"] = np.quantile(samples, (100 - lv) / 200, axis=1)
                result[f"hi-{lv}"] = np.quantile(samples, 1 - (100 - lv) / 200, axis=1)
        return result
