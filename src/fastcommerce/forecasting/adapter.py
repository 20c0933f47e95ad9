"""What statsforecast asks of a model of its own, for the models written here (seasonal median, Prophet)."""

import copy
from typing import Any, Self

import numpy as np


class CustomModel:
    """A subclass implements `_forecast(y, h, level)` → {"mean", "lo-<l>", "hi-<l>"} and sets `alias`."""

    uses_exog = False
    prediction_intervals = None
    alias = "custom"

    def __repr__(self) -> str:
        return self.alias

    def new(self) -> Self:
        return copy.copy(self)

    def _forecast(self, y: np.ndarray, h: int, level: list[int] | None) -> dict[str, Any]:
        raise NotImplementedError

    def fit(self, y: np.ndarray, X: Any = None) -> Self:
        self._y = np.asarray(y, dtype=float)
        return self

    def predict(self, h: int, X: Any = None, level: list[int] | None = None) -> dict[str, Any]:
        return self._forecast(self._y, h, level)

    def forecast(
        self,
        y: np.ndarray,
        h: int,
        X: Any = None,
        X_future: Any = None,
        level: list[int] | None = None,
        fitted: bool = False,
    ) -> dict[str, Any]:
        return self._forecast(np.asarray(y, dtype=float), h, level)
