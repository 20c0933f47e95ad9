"""Demand distributions from forecasts (no database): means from bands, hour shares, calibration."""

import numpy as np
import pytest

from fastcommerce.replenishment.demand import calibrate, calibrate_banded, hour_shares, mean_from_bands

LEVELS = (20, 40, 60, 80, 90, 95, 98)


def bands_of(quantile: "np.ufunc | object") -> dict[int, tuple[np.ndarray, np.ndarray]]:
    q = quantile  # a function of the probability
    return {lv: (np.array([q((100 - lv) / 200)]), np.array([q(1 - (100 - lv) / 200)])) for lv in LEVELS}  # type: ignore[operator]


def test_the_mean_of_a_uniform_distribution_is_recovered_from_its_bands() -> None:
    mean = mean_from_bands(np.array([5.0]), bands_of(lambda p: 10 * p))  # uniform on [0, 10]
    assert mean == pytest.approx([5.0], abs=1e-9)


def test_a_lumpy_forecast_with_a_zero_median_has_a_positive_mean() -> None:
    # Zero on most days, a few big ones: median 0, 80% band up to 4, 98% band up to 12.
    bands = {
        20: ([0.0], [0.0]),
        40: ([0.0], [0.0]),
        60: ([0.0], [1.0]),
        80: ([0.0], [4.0]),
        98: ([0.0], [12.0]),
    }
    mean = mean_from_bands(np.array([0.0]), bands)  # type: ignore[arg-type]
    # quantile function: 0 up to 0.7, then linear to 1 at 0.8, 4 at 0.9, 12 at 0.99, flat after
    expected = 0.1 * 0.5 + 0.1 * 2.5 + 0.09 * 8 + 0.01 * 12
    assert mean == pytest.approx([expected])
    assert mean[0] > 0


def test_bands_that_cross_are_made_monotone() -> None:
    crossed = mean_from_bands(np.array([5.0]), {80: ([6.0], [4.0])})  # a lower bound above the median
    assert crossed == pytest.approx([0.1 * 6 + 0.4 * 6 + 0.4 * 6 + 0.1 * 6])


def test_hour_shares_sum_to_one_and_follow_each_group_and_day_type() -> None:
    units = np.zeros((7, 24, 2))
    units[:5, 8, 0] = 3  # group 0 buys at 8 on weekdays
    units[5:, 20, 0] = 1  # and at 20 at weekends
    units[:, 12, 1] = 2  # group 1 at noon every day
    weekend = np.array([False] * 5 + [True] * 2)
    shares = hour_shares(units, weekend)
    assert shares.sum(axis=1) == pytest.approx(np.ones((2, 2)))
    assert shares[0, 8, 0] == 1 and shares[1, 20, 0] == 1 and shares[0, 12, 1] == 1 and shares[1, 12, 1] == 1


def test_a_group_without_demand_takes_the_shape_of_all_groups() -> None:
    units = np.zeros((2, 24, 2))
    units[:, 18, 0] = 4
    shares = hour_shares(units, np.array([False, False]))
    assert shares[0, 18, 1] == 1  # from group 0
    assert shares[1, :, 0] == pytest.approx(np.full(24, 1 / 24))  # no weekend day at all: flat


def test_calibration_recovers_a_known_bias_and_variance_law() -> None:
    rng = np.random.default_rng(3)
    predicted = rng.uniform(0.5, 60, 40_000)
    mean = 1.2 * predicted
    variance = 2.0 * mean + 0.05 * mean**2  # negative binomial: n = mean² / (var − mean)
    actual = rng.negative_binomial(mean**2 / (variance - mean), mean / variance)
    fitted = calibrate(predicted, actual)
    assert fitted.bias == pytest.approx(1.2, rel=0.02)
    assert fitted.a == pytest.approx(2.0, rel=0.15)
    assert fitted.c == pytest.approx(0.05, rel=0.15)
    dist = fitted.distribution(np.array([10.0]))
    assert dist.mean == pytest.approx([12.0], rel=0.02)
    assert dist.variance[0] == pytest.approx(2 * 12 + 0.05 * 144, rel=0.15)


def test_poisson_errors_calibrate_to_a_poisson_and_no_forecast_to_the_identity() -> None:
    rng = np.random.default_rng(4)
    predicted = rng.uniform(1, 30, 30_000)
    fitted = calibrate(predicted, rng.poisson(predicted))
    assert fitted.bias == pytest.approx(1.0, abs=0.02)
    assert fitted.a == pytest.approx(1.0, abs=0.1) and fitted.c < 0.005
    assert calibrate(np.zeros(5), np.ones(5)).bias == 1.0


def test_banded_calibration_fits_slow_and_fast_windows_apart() -> None:
    rng = np.random.default_rng(5)
    slow = rng.uniform(0.2, 2.0, 20_000)  # forecast 20% low, Poisson spread
    fast = rng.uniform(20, 80, 20_000)  # forecast right, spread 3 × the mean
    actual = np.concatenate(
        [rng.poisson(1.2 * slow), rng.negative_binomial(fast / 2, 1 / 3)]  # NB: mean fast, var 3 × fast
    )
    banded = calibrate_banded(np.concatenate([slow, fast]), actual, bands=2)
    assert banded.scale([1.0, 50.0]) == pytest.approx([1.2, 1.0], rel=0.03)
    dist = banded.distribution(np.array([1.0, 50.0]))
    assert dist.variance[0] == pytest.approx(1.2, rel=0.1)
    assert dist.variance[1] == pytest.approx(150.0, rel=0.1)
    one = calibrate(np.concatenate([slow, fast]), actual)
    assert one.scale([1.0]) == pytest.approx([1.0], abs=0.02)  # one law: slow windows stay 20% short
    assert calibrate_banded(slow, rng.poisson(slow), bands=1).scale([1.0]) == pytest.approx([1.0], abs=0.03)
