"""Demand distributions calibrated on the backtest: the mean, quantiles and bands of each forecast step, and
of the sum over the first k steps (a lead time). Pure numpy; touches no database.

A model's own intervals are what its equations assume, and they are off on demand data: Croston, ADIDA and
IMAPA have none, a median's bands hold the recent weeks rather than the next ones, and a median of lumpy
demand sits far below its mean. The backtest has what is needed to do better: for every series, what the
model it uses forecast for days it had not seen, and what came.

- **The base** of a forecast step is the model's expected demand: its point, or for the median models the
  mean of the same values the median is taken over.
- **Errors** (actual − base) are scaled by √(level + 1), the level being the series' mean base over the
  window (count demand spreads like the root of its size), and pooled over the series of one demand class
  (smooth or intermittent) within bands of level holding equal numbers of backtest steps: a slow item's
  errors are skewed unlike a fast one's.
- A step's **mean** is its base (a shift fitted on two recent weeks followed their peak and was dropped);
  its **quantile** τ is the base plus the scale times the band's τ-quantile of errors (split-conformal: the
  ⌈(n + 1)τ⌉-th of n).
- The **sum over the first k steps** is calibrated the same way on the backtest windows' sums over their
  first k steps: the quantile of a sum, not a sum of quantiles (which overstates the spread of anything
  whose days are not all high or all low together).
- **Over the horizon** the spread grows as the model's own bands grow (a wandering level is less certain a
  month ahead); the backtest sets how wide they are on average over its steps.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

MIN_STEPS = 20  # backtest steps below which a group borrows the calibration of all series together
STEPS_PER_BAND = 500
MAX_BANDS = 8


def spread(base: npt.ArrayLike) -> FloatArray:
    scale: FloatArray = np.sqrt(np.maximum(np.asarray(base, dtype=np.float64), 0.0) + 1.0)
    return scale


@dataclass(frozen=True)
class Calibration:
    """Scaled backtest errors by band of series level: band i holds levels up to edges[i] (the last the
    rest)."""

    edges: FloatArray
    errors: tuple[FloatArray, ...]  # per band, sorted

    def _band(self, base: FloatArray) -> npt.NDArray[np.intp]:
        return np.searchsorted(self.edges, base, side="right")

    def quantiles(
        self, base: npt.ArrayLike, level: npt.ArrayLike, probs: Sequence[float], growth: npt.ArrayLike = 1.0
    ) -> FloatArray:
        """[step, prob]: non-negative, and non-decreasing along the probabilities."""
        b, lv = np.asarray(base, dtype=np.float64), np.asarray(level, dtype=np.float64)
        table = np.array([conformal_quantiles(errors, probs) for errors in self.errors])  # [band, prob]
        scale = spread(lv) * np.asarray(growth, dtype=np.float64)
        values: FloatArray = np.maximum(b[:, None] + scale[:, None] * table[self._band(lv)], 0.0)
        return values


def conformal_quantiles(sorted_errors: FloatArray, probs: Sequence[float]) -> FloatArray:
    """The split-conformal quantiles of n sorted errors: the ⌈(n + 1)τ⌉-th for τ ≥ ½ and the ⌊(n + 1)τ⌋-th
    below, so a band holds at least its share of new errors like the old ones (within 1 / n)."""
    n = sorted_errors.size
    p = np.asarray(probs, dtype=np.float64)
    rank = np.where(p >= 0.5, np.ceil((n + 1) * p), np.floor((n + 1) * p))
    picked: FloatArray = sorted_errors[np.clip(rank.astype(np.int64), 1, n) - 1]
    return picked


def fit(base: npt.ArrayLike, level: npt.ArrayLike, actual: npt.ArrayLike) -> Calibration | None:
    """The calibration of forecasts `base` of series at `level` that were followed by `actual`; None below
    MIN_STEPS steps."""
    b = np.asarray(base, dtype=np.float64).ravel()
    lv = np.asarray(level, dtype=np.float64).ravel()
    y = np.asarray(actual, dtype=np.float64).ravel()
    if not b.size == lv.size == y.size:
        raise ValueError("base, level and actual must have the same size")
    if b.size < MIN_STEPS:
        return None
    errors = (y - b) / spread(lv)
    bands = int(np.clip(b.size // STEPS_PER_BAND, 1, MAX_BANDS))
    edges = np.unique(np.quantile(lv, np.arange(1, bands) / bands))
    # Ties (many zero forecasts) leave bands empty or thin: drop the edge above or below such a band.
    while edges.size:
        counts = np.bincount(np.searchsorted(edges, lv, side="right"), minlength=edges.size + 1)
        thin = int(np.argmin(counts))
        if counts[thin] >= MIN_STEPS:
            break
        edges = np.delete(edges, min(thin, edges.size - 1))
    band = np.searchsorted(edges, lv, side="right")
    by_band = tuple(np.sort(errors[band == i]) for i in range(edges.size + 1))
    return Calibration(edges, by_band)


def fit_groups(
    base: npt.ArrayLike, level: npt.ArrayLike, actual: npt.ArrayLike, group: npt.ArrayLike
) -> tuple[dict[object, Calibration], Calibration | None]:
    """A calibration per group with MIN_STEPS steps or more, and one of all steps together (for the rest)."""
    b, lv, y, g = np.asarray(base), np.asarray(level), np.asarray(actual), np.asarray(group)
    pooled = fit(b, lv, y)
    by_group = {}
    for key in np.unique(g).tolist():
        own = fit(b[g == key], lv[g == key], y[g == key])
        if own is not None:
            by_group[key] = own
    return by_group, pooled


def growth(own_width: FloatArray, steps: int) -> FloatArray:
    """[series, step] the model's own band width over its mean on the first `steps` steps (those the
    backtest measured): how much more (or less) uncertain each step is than the backtest's average; 1 where
    the model has no bands."""
    measured = own_width[:, :steps]
    known = np.isfinite(measured).sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        reference = np.nansum(measured, axis=1, keepdims=True) / known
        ratio: FloatArray = np.where(reference > 0, own_width / reference, 1.0)
    return np.where(np.isfinite(ratio), ratio, 1.0)
