"""Demand distributions for restocking, from forecasts, with no database.

A restock decision needs the mean and the spread of demand over a window of hours (until the next-but-one
wave), not a forecast's point: a median-type point of lumpy demand sits far below its mean.

- `mean_from_bands`: the mean of a forecast step, from its point (read as the median) and its prediction
  bands (read as quantiles): the area under the quantile function.
- `hour_shares`: each local hour's share of a day's demand, per group (say, category) and day type (weekday or
  weekend), to split a daily forecast into the hours of a window.
- `calibrate`: a bias and a variance law, var = a·mean + c·mean² (a negative binomial's: a ≥ 1 is the
  spread of whole orders of one or more units, c the day-to-day swings a forecast cannot see), fitted on
  windows forecast out of sample and then observed; `Calibration.distribution` turns window means into the
  distributions that replenishment/policy.py reads.
- `calibrate_banded`: one such calibration per band of forecast size (bands holding equal numbers of
  windows): a slow SKU's intermittent demand is biased and spread unlike a fast one's, and one law fitted on
  all windows follows the fast ones (measured: it over-covered slow SKUs, whose fill rate rose above the
  target at 21% more stock).
"""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from fastcommerce.replenishment.policy import DemandDistribution, FloatArray

MIN_BIAS, MAX_BIAS = 0.5, 2.0
HOURS = 24


def mean_from_bands(yhat: npt.ArrayLike, bands: dict[int, tuple[npt.ArrayLike, npt.ArrayLike]]) -> FloatArray:
    """Mean of each step: yhat is read as the median, the band of level l as the (100 − l)/200 and
    1 − (100 − l)/200 quantiles; the quantile function (made non-decreasing) is linear between them and flat
    beyond the widest band, and its area is the mean."""
    points: list[tuple[float, FloatArray]] = [(0.5, np.asarray(yhat, dtype=np.float64))]
    for level, (lower, upper) in bands.items():
        if not 0 < level < 100:
            raise ValueError(f"band levels lie between 0 and 100, got {level}")
        tail = (100 - level) / 200
        points += [
            (tail, np.asarray(lower, dtype=np.float64)),
            (1 - tail, np.asarray(upper, dtype=np.float64)),
        ]
    points.sort(key=lambda point: point[0])
    probs = np.array([p for p, _ in points])
    values = np.maximum.accumulate(np.stack([v for _, v in points], axis=-1), axis=-1)
    inner = ((values[..., 1:] + values[..., :-1]) / 2 * np.diff(probs)).sum(axis=-1)
    mean: FloatArray = values[..., 0] * probs[0] + inner + values[..., -1] * (1 - probs[-1])
    return mean


def _band_mean_sql() -> str:
    """The expected demand of a forecast_point row (aliased {p}), as SQL: its mean, or for runs from before
    forecasts stored one, `mean_from_bands` of its 80 and 95% bands. On bands in order that mean is linear in
    the five values: the weight of value j is the mean of the step that is 1 from j on, less that of the
    step from j + 1 on."""
    names = ("yhat_lower_95", "yhat_lower_80", "yhat", "yhat_upper_80", "yhat_upper_95")
    steps = np.array([[float(col >= j) for col in range(len(names))] for j in range(len(names) + 1)])
    means = mean_from_bands(steps[:, 2], {80: (steps[:, 1], steps[:, 3]), 95: (steps[:, 0], steps[:, 4])})
    weights = means[:-1] - means[1:]
    terms = " + ".join(f"{w!r} * {{p}}.{name}" for w, name in zip(weights.tolist(), names, strict=True))
    return f"COALESCE({{p}}.mean, GREATEST({terms}, 0))"


BAND_MEAN_SQL = _band_mean_sql()


def hour_shares(units: npt.ArrayLike, weekend: npt.ArrayLike) -> FloatArray:
    """units[day, hour, group] → shares[day type (0 weekday, 1 weekend), hour, group] summing to 1 over the
    hours; a group with no units in a day type gets the shape of all groups together (or a flat one)."""
    data = np.asarray(units, dtype=np.float64)
    if data.ndim != 3 or data.shape[1] != HOURS:
        raise ValueError(f"units must be [day, {HOURS} hours, group], got shape {data.shape}")
    kind = np.asarray(weekend, dtype=bool)
    shares = np.full((2, HOURS, data.shape[2]), 1 / HOURS)
    for day_type in (0, 1):
        totals = data[kind == bool(day_type)].sum(axis=0)  # [hour, group]
        overall = totals.sum(axis=1)
        fallback = overall / overall.sum() if overall.sum() > 0 else np.full(HOURS, 1 / HOURS)
        by_group = totals.sum(axis=0)
        for group in range(data.shape[2]):
            shares[day_type, :, group] = (
                totals[:, group] / by_group[group] if by_group[group] > 0 else fallback
            )
    return shares


@dataclass(frozen=True)
class Calibration:
    """Forecast window means times `bias` are the means; var = a·mean + c·mean²."""

    bias: float = 1.0
    a: float = 1.0
    c: float = 0.0
    windows: int = 0  # how many out-of-sample windows it was fitted on

    def scale(self, mean: npt.ArrayLike) -> FloatArray:
        """The bias for each of these forecast means."""
        return np.full(np.shape(mean), self.bias)

    def distribution(self, mean: npt.ArrayLike) -> DemandDistribution:
        m = np.maximum(np.asarray(mean, dtype=np.float64), 0.0) * self.bias
        return DemandDistribution.of(m, self.a * m + self.c * m * m)


@dataclass(frozen=True)
class BandedCalibration:
    """A calibration per band of forecast window means; band i holds means up to edges[i] (the last band
    the rest)."""

    edges: FloatArray
    bands: tuple[Calibration, ...]

    @property
    def windows(self) -> int:
        return sum(band.windows for band in self.bands)

    def _band(self, mean: npt.ArrayLike) -> npt.NDArray[np.intp]:
        return np.searchsorted(self.edges, np.asarray(mean, dtype=np.float64), side="right")

    def scale(self, mean: npt.ArrayLike) -> FloatArray:
        biases = np.array([band.bias for band in self.bands])
        scaled: FloatArray = biases[self._band(mean)]
        return scaled

    def distribution(self, mean: npt.ArrayLike) -> DemandDistribution:
        raw = np.maximum(np.asarray(mean, dtype=np.float64), 0.0)
        band = self._band(raw)
        m = raw * np.array([b.bias for b in self.bands])[band]
        a, c = np.array([b.a for b in self.bands])[band], np.array([b.c for b in self.bands])[band]
        return DemandDistribution.of(m, a * m + c * m * m)


def calibrate_banded(predicted: npt.ArrayLike, actual: npt.ArrayLike, bands: int) -> BandedCalibration:
    """`calibrate` within each of `bands` bands of forecast means holding equal numbers of windows."""
    m = np.asarray(predicted, dtype=np.float64).ravel()
    y = np.asarray(actual, dtype=np.float64).ravel()
    positive = m[m > 0]
    if bands < 2 or positive.size < bands:
        return BandedCalibration(np.array([]), (calibrate(m, y),))
    edges = np.unique(np.quantile(positive, np.arange(1, bands) / bands))
    band = np.searchsorted(edges, m, side="right")
    fitted = tuple(calibrate(m[band == i], y[band == i]) for i in range(edges.size + 1))
    return BandedCalibration(edges, fitted)


def calibrate(predicted: npt.ArrayLike, actual: npt.ArrayLike) -> Calibration:
    """Bias (actual over predicted units, within [0.5, 2]) and the variance law fitted to the squared errors
    by weighted least squares (weights 1/var², as a squared error's spread grows with var²), a ≥ 1, c ≥ 0."""
    m = np.asarray(predicted, dtype=np.float64).ravel()
    y = np.asarray(actual, dtype=np.float64).ravel()
    if m.size != y.size:
        raise ValueError("predicted and actual must have the same size")
    if m.sum() <= 0:
        return Calibration(windows=int(m.size))
    bias = float(np.clip(y.sum() / m.sum(), MIN_BIAS, MAX_BIAS))
    mean = m * bias
    squared = (y - mean) ** 2
    a, c = 1.0, 0.0
    for _ in range(3):
        variance = np.maximum(a * mean + c * mean * mean, 0.25)
        w = 1.0 / variance**2
        design = np.stack([mean, mean * mean], axis=1)
        gram = design.T @ (design * w[:, None])
        rhs = design.T @ (squared * w)
        try:
            a, c = (float(v) for v in np.linalg.solve(gram, rhs))
        except np.linalg.LinAlgError:
            break
        if c < 0:  # the law without the quadratic part
            a, c = float((mean * squared * w).sum() / max((mean * mean * w).sum(), 1e-12)), 0.0
        a = max(a, 1.0)
    return Calibration(bias=bias, a=a, c=max(c, 0.0), windows=int(m.size))
