"""Calibrated demand distributions (forecasting/calibration.py through the engine) on simulated demand of
known law: bands that hold what they say on days the forecast had not seen, an unbiased mean, and lead-time
quantiles of sums rather than sums of quantiles."""

import numpy as np
import pandas as pd
import pytest

from fastcommerce.forecasting import calibration, global_model
from fastcommerce.forecasting.engine import YEAR_OF_FREQ, cycles, forecast

WEEK = np.array([0.8, 0.7, 0.8, 0.9, 1.1, 1.5, 1.2])  # Monday first
HISTORY, HORIZON = 84, 14


def demand(series: int, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Daily demand of `series` SKUs at rates 0.1 to 30 a day with a weekly cycle: a third Poisson, two
    thirds negative binomial (orders of several units, days busier than others), the slow ones intermittent;
    the demand and each day's true mean."""
    rng = np.random.default_rng(seed)
    days = pd.date_range("2026-06-01", periods=HISTORY + HORIZON, freq="D")
    frames = []
    for i in range(series):
        rate = np.exp(rng.uniform(np.log(0.1), np.log(30))) * WEEK[days.dayofweek]
        if i % 3 == 0:
            y = rng.poisson(rate)
        else:
            dispersion = rng.uniform(0.2, 1.0)  # var = rate + dispersion · rate²
            y = rng.negative_binomial(1 / dispersion, 1 / (1 + dispersion * rate))
        frames.append(
            pd.DataFrame({"unique_id": f"s{i:03d}", "ds": days, "y": y.astype(float), "rate": rate})
        )
    table = pd.concat(frames, ignore_index=True)
    return table, table.groupby("unique_id").tail(HORIZON)


@pytest.fixture(scope="module")
def held_out() -> tuple[pd.DataFrame, int]:
    table, future = demand(300, 11)
    history = table.drop(future.index)[["unique_id", "ds", "y"]]
    result = forecast(history, HORIZON, levels=(80, 95), quantiles=(50, 90, 98), n_jobs=2)
    return future.merge(result.points, on=["unique_id", "ds"]), result.calibrated


def test_bands_hold_their_share_of_days_the_forecast_had_not_seen(held_out: tuple[pd.DataFrame, int]) -> None:
    points, calibrated = held_out
    assert calibrated == 300 and len(points) == 300 * HORIZON
    y = points["y"]
    inside_80 = ((points["yhat_lower_80"] <= y) & (y <= points["yhat_upper_80"])).mean()
    inside_95 = ((points["yhat_lower_95"] <= y) & (y <= points["yhat_upper_95"])).mean()
    assert 0.75 <= inside_80 <= 0.85
    assert 0.92 <= inside_95 <= 0.97
    slow = points["rate"] < 1  # intermittent: zero most days
    assert 0.75 <= ((points["yhat_lower_80"] <= y) & (y <= points["yhat_upper_80"]))[slow].mean() <= 0.85


def test_quantiles_rise_with_their_level_and_the_lead_time(held_out: tuple[pd.DataFrame, int]) -> None:
    points, _ = held_out
    assert (points["q50"] <= points["q90"]).all() and (points["q90"] <= points["q98"]).all()
    assert (points["lead_q50"] <= points["lead_q90"]).all() and (
        points["lead_q90"] <= points["lead_q98"]
    ).all()
    by_series = points.groupby("unique_id")
    for column in ("lead_mean", "lead_q50", "lead_q98"):
        assert (by_series[column].diff().dropna() >= 0).all()
    assert (points["q90"] <= points["lead_q90"] + 1e-9).all()


def test_the_median_of_a_median_model_is_its_point(held_out: tuple[pd.DataFrame, int]) -> None:
    """The global model (L1), the blend and the seasonal median are fitted for the median: their point is
    the q50 (never above q90), not a median read off the calibrated mean, as the other models' q50 is."""
    points, _ = held_out
    median_model = points["model"].isin(["lgbm", "blend", "seasonal_median"])
    assert median_model.mean() > 0.5
    chosen = points[median_model]
    assert np.allclose(chosen["q50"], np.minimum(chosen["yhat"], chosen["q90"]))
    assert (chosen["q50"] == chosen["yhat"]).mean() > 0.99


def test_the_mean_is_unbiased_where_the_point_forecast_is_not(held_out: tuple[pd.DataFrame, int]) -> None:
    """Over all series and days the expected demand adds up to the true mean's total; the point `auto` picks
    for WAPE (a median of skewed demand) does not."""
    points, _ = held_out
    truth = points["rate"].sum()
    assert points["mean"].sum() == pytest.approx(truth, rel=0.05)
    fast = points["rate"] > 5
    assert points.loc[fast, "mean"].sum() == pytest.approx(points.loc[fast, "rate"].sum(), rel=0.05)
    assert points.loc[~fast, "mean"].sum() == pytest.approx(points.loc[~fast, "rate"].sum(), rel=0.05)


def test_a_poisson_series_mean_is_unbiased() -> None:
    rng = np.random.default_rng(5)
    days = pd.date_range("2026-06-01", periods=HISTORY, freq="D")
    rates = [0.5, 2.0, 8.0]
    table = pd.concat(
        [
            pd.DataFrame({"unique_id": f"p{i}", "ds": days, "y": rng.poisson(r, HISTORY).astype(float)})
            for i, r in enumerate(rates)
        ]
    )
    points = forecast(table, HORIZON).points
    means = points.groupby("unique_id")["mean"].mean()
    assert means.to_numpy() == pytest.approx(rates, rel=0.05 * 3)  # 8 weeks of draws: the mean's own noise
    assert points["mean"].sum() == pytest.approx(sum(rates) * HORIZON, rel=0.05)


def test_lead_time_quantiles_exceed_the_sum_of_daily_medians_of_skewed_demand(
    held_out: tuple[pd.DataFrame, int],
) -> None:
    """A slow SKU sells nothing on most days, so its daily median is near zero, but over a week it sells
    some: the quantile of the sum is not the sum of the quantiles."""
    points, _ = held_out
    slow = points[points["rate"] < 0.6]
    week = slow.groupby("unique_id").nth(6).set_index("unique_id")  # the 7th day: the lead time of a week
    medians = slow.groupby("unique_id").head(7).groupby("unique_id")["q50"].sum().reindex(week.index)
    assert (week["lead_q50"] > medians).mean() > 0.9
    # and the week's 90% quantile holds about 90% of the weeks that came
    weeks = points.groupby("unique_id").nth(6)
    sums = points.groupby("unique_id")["y"].apply(lambda s: s.iloc[:7].sum())
    held = (sums.reindex(weeks["unique_id"]).to_numpy() <= weeks["lead_q90"].to_numpy()).mean()
    assert 0.8 <= held <= 0.97


def test_a_band_is_split_conformal_over_the_backtest_errors() -> None:
    """100 steps of one level: the 90% bound is the ⌈101 · 0.9⌉ = 91st smallest error above the base, the
    10% bound the ⌊101 · 0.1⌋ = 10th."""
    base = np.full(100, 4.0)
    actual = base + np.arange(100) * np.sqrt(5.0)  # errors 0..99 once scaled by √(base + 1)
    fitted = calibration.fit(base, base, actual)
    assert fitted is not None
    bounds = fitted.quantiles([4.0], [4.0], [0.1, 0.9])
    assert bounds[0] == pytest.approx([4 + 9 * np.sqrt(5), 4 + 90 * np.sqrt(5)])
    assert calibration.fit(base[:10], base[:10], actual[:10]) is None  # too few steps to calibrate on


@pytest.fixture(scope="module")
def moved_levels() -> tuple[pd.DataFrame, pd.DataFrame]:
    """40 SKUs share a weekly shape; three weeks before the end each one's level halved or doubled: the
    history and the held-out days."""
    rng = np.random.default_rng(8)
    days = pd.date_range("2026-06-01", periods=HISTORY + HORIZON, freq="D")
    shape = np.array([0.6, 0.6, 0.7, 0.8, 1.1, 1.9, 1.3])
    frames = []
    for i in range(40):
        level = np.full(len(days), rng.uniform(3, 12))
        level[HISTORY - 21 :] *= rng.choice([0.5, 2.0])
        y = rng.poisson(level * shape[days.dayofweek]).astype(float)
        frames.append(pd.DataFrame({"unique_id": f"k{i:02d}", "ds": days, "y": y}))
    table = pd.concat(frames)
    future = table.groupby("unique_id").tail(HORIZON)
    return table.drop(future.index), future


def test_the_global_model_follows_a_moved_level_that_a_seasonal_median_lags(
    moved_levels: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    """The global model, trained over all the SKUs on lags and rolling means, follows the moved level; the
    median over the last 8 weeks still holds the old level for most of them. `auto` backtests it and the
    blend beside the seasonal median, and leaves out AutoETS and AutoARIMA (they won nothing there)."""
    history, future = moved_levels

    def wape(model: str) -> float:
        points = forecast(history, HORIZON, model=model).points.merge(future, on=["unique_id", "ds"])
        return float((points["yhat"] - points["y"]).abs().sum() / points["y"].sum())

    assert wape("lgbm") < 0.8 * wape("seasonal_median")

    def candidates(table: pd.DataFrame) -> set[str]:
        backtested = forecast(table, HORIZON).backtest
        return set(backtested.loc[backtested["unique_id"] == "k00", "model"])

    assert candidates(history) == {"lgbm", "blend", "seasonal_median"}
    # Too few series for the global model: the per-series statistics are the candidates.
    assert candidates(history[history["unique_id"] < "k05"]) == {"seasonal_median", "ets", "arima"}


def test_past_its_row_cap_the_global_model_learns_from_whole_series_and_forecasts_every_one(
    moved_levels: tuple[pd.DataFrame, pd.DataFrame], monkeypatch: pytest.MonkeyPatch
) -> None:
    history, future = moved_levels
    rows = history.groupby("unique_id").size()
    monkeypatch.setattr(global_model, "TRAINING_ROWS", len(history) // 3)
    sample = global_model.training_sample(history)
    drawn = sample.groupby("unique_id").size()
    assert (drawn == rows.loc[drawn.index]).all()  # whole series, never a part of one
    assert 0.15 < len(sample) / len(history) < 0.6
    assert global_model.training_sample(history).equals(sample)  # the same draw every run

    points = forecast(history, HORIZON, model="lgbm").points.merge(future, on=["unique_id", "ds"])
    assert len(points) == len(rows) * HORIZON
    # The series left out of the training follow their own moved level, read from their own lags.
    unseen = points[~points["unique_id"].isin(drawn.index)]
    median = forecast(history, HORIZON, model="seasonal_median").points.merge(future, on=["unique_id", "ds"])
    median = median[median["unique_id"].isin(unseen["unique_id"])]
    assert (unseen["yhat"] - unseen["y"]).abs().sum() < 0.8 * (median["yhat"] - median["y"]).abs().sum()


def test_two_years_of_daily_demand_show_the_global_model_a_festival_peak_that_one_year_does_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """24 SKUs over three years with a weekly shape and a peak around 21 December (a festival season): with
    two years and more, the global model also reads the same day a year before and its weeks, and forecasts
    the run-up to the peak that its recent lags alone run behind."""
    days = pd.date_range("2023-12-11", "2026-12-22", freq="D")
    peak = 1 + 1.5 * np.exp(-(((days.dayofyear - 355) / 10) ** 2))
    shape = np.resize(np.array([0.6, 0.6, 0.7, 0.8, 1.1, 1.9, 1.3]), len(days))
    rng = np.random.default_rng(9)
    frames = []
    for i in range(24):
        rate = rng.uniform(5, 40) * peak * shape
        frames.append(
            pd.DataFrame({"unique_id": f"f{i:02d}", "ds": days, "y": rng.poisson(rate), "rate": rate})
        )
    table = pd.concat(frames, ignore_index=True).astype({"y": float})
    history = table.loc[table["ds"] <= "2026-12-08", ["unique_id", "ds", "y"]]
    coming = table[table["ds"] > "2026-12-08"]

    def wape() -> float:
        points = forecast(history, HORIZON, model="lgbm").points.merge(coming, on=["unique_id", "ds"])
        return float((points["yhat"] - points["rate"]).abs().sum() / points["rate"].sum())

    assert cycles("D", len(days)) == global_model.Cycles(7, 7, 364)
    assert cycles("D", 2 * 364 - 1).year == 0 and cycles("h", 2 * 8760).year == 0
    with_year = wape()
    monkeypatch.delitem(YEAR_OF_FREQ, "D")  # no yearly cycle
    without = wape()
    assert with_year < 0.2 and with_year < 0.6 * without


def test_the_blend_is_the_mean_of_the_global_model_and_the_seasonal_median(
    moved_levels: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    history, _ = moved_levels
    points = {
        model: forecast(history, HORIZON, model=model).points.set_index(["unique_id", "ds"])
        for model in ("blend", "lgbm", "seasonal_median")
    }
    halfway = (points["lgbm"]["yhat"] + points["seasonal_median"]["yhat"]) / 2
    assert np.allclose(points["blend"]["yhat"], halfway.loc[points["blend"].index], rtol=1e-6)
    assert (points["blend"]["model"] == "blend").all()
    # Its expected demand is the seasonal mean, the global model's and the median's both.
    assert np.allclose(points["blend"]["mean"], points["lgbm"]["mean"].loc[points["blend"].index])
