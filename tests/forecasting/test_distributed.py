"""statsforecast on a local Dask cluster through Fugue (the `scale` extra) gives the pandas path's numbers.

The cluster tests skip when the extra is not installed (`uv sync --extra scale`); the error for a missing
extra is checked either way.
"""

import sys
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
import pytest
from statsforecast import StatsForecast
from statsforecast.models import SeasonalNaive
from statsforecast.utils import ConformalIntervals

from fastcommerce.forecasting import distributed
from fastcommerce.forecasting.engine import CONFORMAL_MODELS, ForecastInputError, _model

LEVELS = [80, 95]
SEASON = 7
NO_EXTRA = "the scale extra (dask[distributed], fugue[dask]) is not installed: uv sync --extra scale"


def demand() -> pd.DataFrame:
    """Seven daily series, given out of id order, smooth and intermittent, some in the tens (where float32
    rounding passes 1e-6 absolute)."""
    rng = np.random.default_rng(11)
    week = np.array([1.0, 0.6, 0.6, 0.8, 1.0, 1.6, 2.0])
    days = pd.date_range("2026-08-03", periods=70, freq="D")
    means = {"sku-9": 12.0, "sku-10": 3.0, "a": 0.3, "sku-2": 25.0, "Z": 6.0, "b7": 0.15, "sku-1": 40.0}
    frames = [
        pd.DataFrame(
            {"unique_id": uid, "ds": days, "y": rng.poisson(mean * np.resize(week, 70)).astype(float)}
        )
        for uid, mean in means.items()
    ]
    return pd.concat(frames, ignore_index=True)


def engine(names: tuple[str, ...], h: int) -> StatsForecast:
    """Models as engine.py builds them: its aliases, conformal intervals where a model has none of its own."""
    models = [_model(name, "D") for name in names]
    for name, model in zip(names, models, strict=True):
        if name in CONFORMAL_MODELS:
            model.prediction_intervals = ConformalIntervals(h=h, n_windows=5)
    return StatsForecast(models=models, freq="D", n_jobs=1, fallback_model=SeasonalNaive(SEASON))


def assert_same(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert sorted(got.columns) == sorted(expected.columns)
    got = got[expected.columns]
    assert got.dtypes.to_dict() == expected.dtypes.to_dict()
    assert got.index.equals(pd.RangeIndex(len(expected)))
    keys = [c for c in ("unique_id", "cutoff", "ds") if c in expected.columns]
    pd.testing.assert_frame_equal(got[keys], expected[keys].reset_index(drop=True))
    values = [c for c in expected.columns if c not in keys]
    # Fugue's schema carries the values as float32: equal to ~6e-8 relative, so 1e-6 relative holds.
    np.testing.assert_allclose(got[values].to_numpy(), expected[values].to_numpy(), rtol=1e-6, atol=1e-6)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    pytest.importorskip("dask.distributed", reason=NO_EXTRA)
    pytest.importorskip("fugue_dask", reason=NO_EXTRA)
    with distributed.local_cluster(2) as client:
        yield client


def on_cluster(client: Any, run: Any) -> tuple[Any, int]:
    """`run()`'s result and the number of tasks the cluster's workers ran for it."""
    from dask.distributed import get_task_stream

    with get_task_stream(client) as tasks:
        result = run()
    return result, len(tasks.data)


def test_without_a_backend_nothing_changes() -> None:
    df = demand()
    assert distributed.frame(df, None) is df
    assert distributed.collect(df) is df


def test_an_unknown_backend_is_refused() -> None:
    with pytest.raises(ForecastInputError, match="unknown backend 'spark'; choose one of dask"):
        distributed.frame(demand(), "spark")


def test_a_missing_extra_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in ("dask.distributed", "dask.dataframe", "fugue_dask"):
        monkeypatch.setitem(sys.modules, module, None)  # import fails as if not installed
    with pytest.raises(ForecastInputError, match="install the scale extra: uv sync --extra scale"):
        distributed.frame(demand(), "dask")
    with pytest.raises(ForecastInputError, match="uv sync --extra scale"), distributed.local_cluster(1):
        pass


def test_the_dask_backend_needs_a_client() -> None:
    dask_distributed = pytest.importorskip("dask.distributed", reason=NO_EXTRA)
    pytest.importorskip("fugue_dask", reason=NO_EXTRA)
    try:
        dask_distributed.default_client()
        pytest.skip("a Dask client is already current in this process")
    except ValueError:
        pass
    with pytest.raises(ForecastInputError, match="needs a running Dask client"):
        distributed.frame(demand(), "dask")


def test_frame_is_a_dask_frame_holding_each_series_whole(client: Any) -> None:
    import dask.dataframe as dd

    df = demand()
    parts = distributed.frame(df, "dask")
    assert isinstance(parts, dd.DataFrame)
    assert parts.npartitions == 4  # two a worker thread
    ids = [set(parts.get_partition(i).compute()["unique_id"]) for i in range(parts.npartitions)]
    assert sum(len(i) for i in ids) == len(set().union(*ids)) == df["unique_id"].nunique()
    whole = parts.compute().sort_values(["unique_id", "ds"], ignore_index=True)
    pd.testing.assert_frame_equal(
        whole.astype({"unique_id": object}), df.sort_values(["unique_id", "ds"], ignore_index=True)
    )


@pytest.mark.parametrize("name", ["ets", "arima", "croston", "seasonal_naive"])
def test_a_forecast_on_the_cluster_equals_the_pandas_one(client: Any, name: str) -> None:
    df = demand()
    expected = engine((name,), 14).forecast(df=df, h=14, level=LEVELS)
    got, tasks = on_cluster(
        client,
        lambda: distributed.collect(
            engine((name,), 14).forecast(df=distributed.frame(df, "dask"), h=14, level=LEVELS)
        ),
    )
    assert tasks > 0  # the workers did it, not this process
    assert {f"{name}-lo-95", f"{name}-hi-80"} <= set(got.columns)
    assert_same(got, expected)


def test_a_backtest_on_the_cluster_equals_the_pandas_one(client: Any) -> None:
    df = demand()
    names = ("seasonal_naive", "ets", "arima", "croston", "adida", "imapa")
    expected = engine(names, 7).cross_validation(df=df, h=7, n_windows=2, step_size=7)
    got, tasks = on_cluster(
        client,
        lambda: distributed.collect(
            engine(names, 7).cross_validation(df=distributed.frame(df, "dask"), h=7, n_windows=2, step_size=7)
        ),
    )
    assert tasks > 0
    assert len(got) == 7 * 2 * 7
    assert_same(got, expected)


def test_local_cluster_closes_what_it_started() -> None:
    pytest.importorskip("dask.distributed", reason=NO_EXTRA)
    pytest.importorskip("fugue_dask", reason=NO_EXTRA)
    with distributed.local_cluster(1) as client:
        assert len(client.nthreads()) == 1
        cluster = client.cluster
    assert client.status == "closed"
    assert cluster.status.name == "closed"
