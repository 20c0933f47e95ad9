"""The forecasting engine on series of known structure (no database)."""

import numpy as np
import pandas as pd
import pytest
from statsforecast import StatsForecast
from typer.testing import CliRunner, Result

from fastcommerce.cli import app
from fastcommerce.forecasting.engine import ForecastInputError, forecast, infer_freq, prepare, season_length
from fastcommerce.forecasting.median import (
    SeasonalMean,
    SeasonalMedian,
    cross_validation_frame,
    forecast_frame,
)

WEEK = np.array([10.0, 4.0, 4.0, 6.0, 8.0, 20.0, 30.0])


def series(uid: str, values: np.ndarray, start: str = "2026-01-05", freq: str = "D") -> pd.DataFrame:
    return pd.DataFrame(
        {"unique_id": uid, "ds": pd.date_range(start, periods=len(values), freq=freq), "y": values}
    )


def poisson(uid: str, days: int, scale: float, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return series(uid, rng.poisson(scale * np.resize(WEEK, days) / WEEK.mean()).astype(float))


def test_a_pure_weekly_pattern_is_recovered_by_auto() -> None:
    result = forecast(series("weekly", np.resize(WEEK, 8 * 7)), 14)
    points = result.points
    assert len(points) == 14
    # The series starts on a Monday and holds 8 whole weeks, so the future starts on a Monday too.
    assert points["yhat"].to_numpy() == pytest.approx(np.resize(WEEK, 14), abs=0.5)
    assert result.choices.loc[0, "reason"] == "best backtest score"
    assert result.choices.loc[0, "wape"] == pytest.approx(0.0, abs=0.05)


def test_an_all_zero_series_forecasts_zero_with_a_zero_band() -> None:
    result = forecast(series("nothing", np.zeros(30)), 7)
    values = result.points[["yhat", "yhat_lower_80", "yhat_upper_80", "yhat_lower_95", "yhat_upper_95"]]
    assert (values == 0).all().all()
    assert result.choices.loc[0, "model"] == "zero"


@pytest.mark.parametrize("model", ["ets", "arima", "seasonal_naive"])
def test_intervals_widen_with_the_horizon(model: str) -> None:
    rng = np.random.default_rng(3)
    walk = 50 + np.cumsum(rng.normal(0, 3, 70))  # a level that wanders: uncertainty grows with time
    points = forecast(series("walk", walk), 21, model=model).points
    width = (points["yhat_upper_95"] - points["yhat_lower_95"]).to_numpy()
    assert width[-1] > width[0] * 1.2
    assert (points["yhat_lower_95"] <= points["yhat_lower_80"]).all()
    assert (points["yhat_lower_80"] <= points["yhat"]).all()
    assert (points["yhat"] <= points["yhat_upper_80"]).all()
    assert (points["yhat_upper_80"] <= points["yhat_upper_95"]).all()


def test_short_gappy_unsorted_series_all_come_out_non_negative() -> None:
    gappy = poisson("gappy", 60, 5, 1).iloc[::2]  # every other day missing: zero demand
    short = series("short", np.array([3.0, 0.0, 5.0]))
    two_weeks = poisson("two-weeks", 13, 2, 2)
    falling = series("falling", np.linspace(40, 0, 50))  # a trend that would go below zero
    table = pd.concat([gappy, short, two_weeks, falling]).sample(frac=1, random_state=4)
    result = forecast(table, 10)
    assert set(result.points["unique_id"]) == {"gappy", "short", "two-weeks", "falling"}
    assert result.points.groupby("unique_id").size().eq(10).all()
    assert (result.points[["yhat", "yhat_lower_80", "yhat_lower_95"]] >= 0).all().all()
    chosen = result.choices.set_index("unique_id")
    assert chosen.loc["short", "reason"] == "too short to backtest"
    assert chosen.loc["gappy", "reason"] == "best backtest score"
    # gaps are zero demand: the filled series is 59 days long, so the forecast starts the day after the last
    assert result.points[result.points["unique_id"] == "gappy"]["ds"].min() == gappy[
        "ds"
    ].max() + pd.Timedelta(days=1)


def test_auto_uses_the_model_with_the_best_shrunk_backtest_score_of_each_series() -> None:
    scales = [0.3, 0.5, 1, 4, 12, 40, 60]
    table = pd.concat([poisson(f"s{i}", 63, scale, i) for i, scale in enumerate(scales)])
    result = forecast(table, 7)
    backtest = result.backtest
    # sparse series go to the intermittent-demand models, dense ones to the smooth ones, each to all of them
    candidates = backtest.groupby("unique_id")["model"].agg(frozenset)
    assert candidates["s0"] == {"seasonal_median", "croston", "adida", "imapa"}
    assert candidates["s6"] == {"seasonal_median", "ets", "arima"}
    # a score is a quarter the series' own WAPE, the rest the model's mean WAPE over the series of the class
    backtest = backtest.assign(candidates=backtest["unique_id"].map(candidates))
    class_mean = backtest.groupby(["candidates", "model"])["wape"].transform("mean")
    expected = 0.25 * backtest["wape"] + 0.75 * class_mean
    assert backtest["score"].to_numpy() == pytest.approx(expected.to_numpy())
    best = backtest.sort_values("score").drop_duplicates("unique_id").set_index("unique_id")["model"]
    assert result.choices.set_index("unique_id")["model"].to_dict() == best.to_dict()


def test_a_run_of_few_series_backtests_on_more_windows_as_their_length_allows() -> None:
    """Bands are calibrated on backtest errors pooled over the series, and a window's errors move together:
    few series get up to four windows (as their length allows past two seasons), many keep two."""

    def backtested_days(table: pd.DataFrame) -> set[float]:
        result = forecast(table, 7, model="ets")
        last = table.groupby("unique_id").tail(28)
        tail_units = {
            days: last.groupby("unique_id").tail(days).groupby("unique_id")["y"].sum()
            for days in (14, 21, 28)
        }
        units = result.backtest.set_index("unique_id")["units"]
        return {days for days, total in tail_units.items() if np.allclose(units, total.loc[units.index])}

    few = pd.concat([poisson(f"s{i}", 63, 5, i) for i in range(3)])
    assert backtested_days(few) == {28}
    assert backtested_days(few.groupby("unique_id").tail(35)) == {21}  # two seasons and room for three weeks
    many = pd.concat([poisson(f"s{i:02d}", 63, 5, i) for i in range(50)])
    assert backtested_days(many) == {14}


def test_prophet_learns_a_weekly_pattern() -> None:
    rng = np.random.default_rng(5)
    values = np.resize(WEEK, 56) + rng.normal(0, 0.5, 56)
    points = forecast(series("weekly", values), 7, model="prophet").points
    assert points["yhat"].to_numpy() == pytest.approx(WEEK, abs=2.5)
    assert (points["yhat_upper_80"] > points["yhat_lower_80"]).all()


def test_frequencies_are_inferred_with_their_seasons() -> None:
    hourly = series("h", np.ones(50), freq="h")
    monthly = series("m", np.ones(30), start="2024-01-01", freq="MS")
    assert (infer_freq(hourly), season_length("h")) == ("h", 24)
    assert infer_freq(monthly) == "MS" and season_length("MS") == 12
    # the most common step inside the series: gaps in one do not change it
    assert infer_freq(pd.concat([series("a", np.ones(9)).iloc[::2], series("b", np.ones(5))])) == "D"
    # weekly Mondays with missing weeks are still weekly, with a yearly season
    weekly = series("w", np.ones(60), freq="W-MON").drop([3, 4, 10])
    assert infer_freq(weekly) == "W-MON" and season_length("W-MON") == 52
    assert infer_freq(series("one", np.ones(1))) == "D"  # a single date each: daily


def test_dates_are_read_in_one_format_as_local_clock_times() -> None:
    days = pd.date_range("2024-01-01", periods=31)
    day_first = pd.DataFrame({"unique_id": "a", "ds": days.strftime("%d/%m/%Y"), "y": 10.0})
    data, freq = prepare(day_first)
    assert freq == "D" and len(data) == 31 and data["ds"].max() == pd.Timestamp("2024-01-31")
    # two series at different times of day are both daily; offsets (a DST change too) are dropped
    morning = pd.DataFrame(
        {"unique_id": "b", "ds": (days + pd.Timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M"), "y": 1}
    )
    dst = [f"{d:%Y-%m-%d}T00:00:00{'-05:00' if d.day < 15 else '-04:00'}" for d in days]
    shifted = pd.DataFrame({"unique_id": "c", "ds": dst, "y": 2.0})
    data, freq = prepare(pd.concat([day_first.assign(ds=days.strftime("%Y-%m-%d")), morning, shifted]))
    assert freq == "D" and data.groupby("unique_id").size().to_dict() == {"a": 31, "b": 31, "c": 31}
    mixed = pd.DataFrame({"unique_id": "d", "ds": ["2024-01-01", "02/01/2024", "yesterday"], "y": 1.0})
    with pytest.raises(ForecastInputError, match=r"ds is not a date on line\(s\) 3, 4"):
        prepare(mixed)
    with pytest.raises(ForecastInputError, match="y is not finite"):
        prepare(day_first.assign(y=np.inf))


def test_a_single_row_forecasts_daily() -> None:
    points = forecast(pd.DataFrame({"unique_id": ["a"], "ds": ["2026-11-24"], "y": [5.0]}), 3).points
    assert list(points["ds"]) == list(pd.date_range("2026-11-25", periods=3)) and (points["yhat"] == 5).all()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-2", "y is negative on line(s) 4"),
        ("lots", "y is not a number on line(s) 4"),
        ("", "y is not a number"),
    ],
)
def test_bad_values_are_refused_naming_the_line(value: str, message: str) -> None:
    table = series("a", np.ones(10)).astype({"y": object})
    table.loc[2, "y"] = value
    with pytest.raises(ForecastInputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        forecast(table, 3)


def test_forecast_csv_writes_every_series_and_refuses_bad_files(tmp_path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "in.csv"
    pd.concat([poisson("a", 40, 5, 1), series("b", np.zeros(20))]).to_csv(good, index=False)
    out = tmp_path / "out.csv"
    runner = CliRunner()

    def forecast_csv(*options: str) -> Result:
        command = ["forecast-csv", "--input", str(good), "--horizon", "5", "--output", str(out), *options]
        return runner.invoke(app, command)

    done = forecast_csv("--quantiles", "50,90,98")
    assert done.exit_code == 0, done.output
    written = pd.read_csv(out)
    assert list(written.columns) == [
        "unique_id", "ds", "yhat", "yhat_lower", "yhat_upper", "mean", "q50", "q90", "q98"
    ]  # fmt: skip
    assert (written["q50"] <= written["q90"]).all() and (written["q90"] <= written["q98"]).all()
    assert written.loc[written["unique_id"] == "b", ["mean", "q98"]].eq(0).all().all()
    assert (written.loc[written["unique_id"] == "a", "mean"] > 0).all()
    assert written.groupby("unique_id").size().to_dict() == {"a": 5, "b": 5}
    assert (written["yhat_lower"] <= written["yhat"]).all() and (
        written["yhat"] <= written["yhat_upper"]
    ).all()

    bad = tmp_path / "bad.csv"
    bad.write_text("unique_id,ds,y\na,2026-01-01,1\na,2026-01-02,x\n")
    refused = runner.invoke(
        app, ["forecast-csv", "--input", str(bad), "--horizon", "5", "--output", str(out)]
    )
    assert refused.exit_code == 2
    assert "y is not a number on line(s) 3" in refused.output
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("id,date,sales\na,2026-01-01,1\n")
    refused = runner.invoke(
        app, ["forecast-csv", "--input", str(wrong), "--horizon", "5", "--output", str(out)]
    )
    assert refused.exit_code == 2 and "missing column(s) unique_id, ds, y" in refused.output

    def with_quantiles(text: str) -> str:
        refused = forecast_csv("--quantiles", text)
        assert refused.exit_code == 2
        return refused.output

    assert "--quantiles: '50,high' is not a list" in with_quantiles("50,high")
    assert "quantiles must lie between 0 and 100" in with_quantiles("50,100")
    unknown = forecast_csv("--model", "magic")
    assert unknown.exit_code == 2 and "unknown model 'magic'" in unknown.output


def test_seasonal_median_ignores_a_few_big_orders_and_bands_hold_the_recent_weeks() -> None:
    values = np.resize(WEEK, 8 * 7)
    values[[5, 19, 40]] = 300  # three wholesale days
    points = forecast(series("lumpy", values), 7, model="seasonal_median").points
    assert points["yhat"].to_numpy() == pytest.approx(WEEK)
    # each weekday's band spans its 10%-90% quantiles over the last 8 weeks: a spike widens only its own day
    widths = (points["yhat_upper_80"] - points["yhat_lower_80"]).to_numpy()
    spiked = {5 % 7, 19 % 7, 40 % 7}
    assert all((widths[d] > 0) == (d in spiked) for d in range(7))


HOURS_OF_DAY = np.array([0.2] * 6 + [1, 2, 3, 2, 1.5, 1.5, 2, 2, 1.5, 1.5, 2, 4, 6, 5, 3, 1.5, 0.8, 0.4])
WEEKDAYS = np.array([0.6, 0.6, 0.7, 0.8, 1.0, 1.8, 1.5])  # Monday first: busy weekends


def hourly(uid: str, weeks: int, scale: float, seed: int) -> pd.DataFrame:
    """Poisson hourly demand with a dinner peak and busy weekends, from a Monday."""
    rng = np.random.default_rng(seed)
    ds = pd.date_range("2026-09-07", periods=weeks * 168, freq="h")
    rate = scale * HOURS_OF_DAY[ds.hour] * WEEKDAYS[ds.dayofweek]
    return pd.DataFrame({"unique_id": uid, "ds": ds, "y": rng.poisson(rate).astype(float)})


def test_hourly_demand_with_daily_and_weekly_cycles_is_forecast_with_both() -> None:
    """A 24-hour season cannot tell Saturday evening from Tuesday evening; auto's weekly candidates can."""
    horizon = 48
    data = pd.concat([hourly(f"pincode-{i}", 5, 3 + i, i) for i in range(3)])
    history = data.groupby("unique_id").head(5 * 168 - horizon)
    actual = data.groupby("unique_id").tail(horizon)

    def wape(model: str) -> float:
        points = forecast(history, horizon, model=model).points.merge(actual, on=["unique_id", "ds"])
        return float((points["yhat"] - points["y"]).abs().sum() / points["y"].sum())

    result = forecast(history, horizon)
    assert set(result.choices["model"]) <= {"weekly_median", "mstl"}
    auto = wape("auto")
    assert auto < 0.3
    assert auto < 0.7 * wape("seasonal_median")  # the same hour of recent days
    assert auto < 0.8 * wape("ets")  # AutoETS with a 24-hour season


def test_gaps_are_filled_with_zero_on_the_series_calendar_and_dates_off_it_are_refused() -> None:
    hourly = series("h", np.arange(1.0, 11.0), start="2026-01-05 06:00", freq="h").drop([2, 3, 7])
    monthly = series("m", np.arange(1.0, 7.0), start="2025-01-01", freq="MS").drop([1])
    filled, _ = prepare(hourly)
    assert filled["ds"].tolist() == list(pd.date_range("2026-01-05 06:00", periods=10, freq="h"))
    assert filled["y"].tolist() == [1.0, 2.0, 0.0, 0.0, 5.0, 6.0, 7.0, 0.0, 9.0, 10.0]
    data, freq = prepare(monthly)
    assert freq == "MS" and data["y"].tolist() == [1.0, 0.0, 3.0, 4.0, 5.0, 6.0]
    half_past = pd.concat([hourly, series("h", np.ones(1), start="2026-01-05 09:30")])
    with pytest.raises(ForecastInputError, match=r"dates off the 'h' calendar, e.g. 2026-01-05 09:30:00"):
        prepare(half_past, "h")
    with pytest.raises(ForecastInputError, match=r"dates off the 'MS' calendar, e.g. 2025-02-15"):
        prepare(pd.concat([monthly, series("m", np.ones(1), start="2025-02-15")]), "MS")
    # Dates that come as datetimes keep their local clock time, as written ones do.
    aware = hourly.assign(ds=hourly["ds"].dt.tz_localize("Asia/Kolkata"))
    assert prepare(aware, "h")[0]["ds"].equals(prepare(hourly, "h")[0]["ds"])


@pytest.mark.parametrize(("freq", "season"), [("D", 7), ("MS", 12), ("h", 168)])
def test_seasonal_medians_over_all_series_at_once_equal_statsforecasts_run_of_each(
    freq: str, season: int
) -> None:
    rng = np.random.default_rng(8)
    lengths = [3, season + 2, 4 * season + 1, 4 * season + 1, 9 * season]  # short, partial and whole seasons
    table = pd.concat(
        [
            series(f"s{i}", rng.poisson(rng.uniform(0.2, 6), n).astype(float), "2024-01-01", freq)
            for i, n in enumerate(lengths)
        ],
        ignore_index=True,
    )
    models = [
        SeasonalMedian(season, seasons=4, alias="median"),
        SeasonalMean(season, seasons=4, alias="mean"),
    ]
    banded = StatsForecast(models=models[:1], freq=freq).forecast(df=table, h=5, level=[80, 95])
    means = StatsForecast(models=models[1:], freq=freq).forecast(df=table, h=5)
    got = forecast_frame(table, models[:1], 5, [80, 95], freq).merge(
        forecast_frame(table, models[1:], 5, [], freq)
    )
    expected = banded.merge(means)
    assert len(got) == len(expected) == 5 * len(lengths)
    for uid, y in table.groupby("unique_id")["y"]:  # the definition: the same phase over the last 4 seasons
        n, recent = len(y), range(max(0, len(y) - 4 * season), len(y))
        same = [[i for i in recent if i % season == (n + k) % season] or list(recent) for k in range(5)]
        by_definition = [np.median(y.to_numpy()[positions]) for positions in same]
        assert got.loc[got["unique_id"] == uid, "median"].tolist() == by_definition
    pd.testing.assert_frame_equal(got, expected[got.columns], check_dtype=False)

    long = table[table["unique_id"] != "s0"]
    expected_cv = StatsForecast(models=models, freq=freq).cross_validation(
        df=long, h=2, n_windows=2, step_size=2
    )
    got_cv = cross_validation_frame(long, models, 2, 2)
    pd.testing.assert_frame_equal(got_cv, expected_cv[got_cv.columns], check_dtype=False)
