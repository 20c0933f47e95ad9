"""The forecast on a local Dask cluster (the `scale` extra): partitions of whole series, each run on a worker,
give what `engine.forecast` gives on each partition alone.

The cluster tests skip when the extra is not installed (`uv sync --extra scale`); the error for a missing
extra is checked either way.
"""

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from fastcommerce.cli import app
from fastcommerce.forecasting import distributed
from fastcommerce.forecasting.engine import ForecastInputError, forecast, prepare

NO_EXTRA = "the scale extra (dask[distributed]) is not installed: uv sync --extra scale"
HORIZON = 7


def demand(series: int = 30) -> pd.DataFrame:
    """Daily series given out of id order, smooth and intermittent."""
    rng = np.random.default_rng(11)
    week = np.array([1.0, 0.6, 0.6, 0.8, 1.0, 1.6, 2.0])
    days = pd.date_range("2026-08-03", periods=70, freq="D")
    frames = [
        pd.DataFrame(
            {
                "unique_id": f"S{i % 3}:sku-{i}",
                "ds": days,
                "y": rng.poisson(rng.uniform(0.1, 30) * np.resize(week, 70)).astype(float),
            }
        )
        for i in rng.permutation(series)
    ]
    return pd.concat(frames, ignore_index=True)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    pytest.importorskip("dask.distributed", reason=NO_EXTRA)
    with distributed.local_cluster(2) as client:
        yield client


def test_a_forecast_on_dask_needs_a_client() -> None:
    dask_distributed = pytest.importorskip("dask.distributed", reason=NO_EXTRA)
    try:
        dask_distributed.default_client()
        pytest.skip("a Dask client is already current in this process")
    except ValueError:
        pass
    with pytest.raises(ForecastInputError, match="needs a running Dask client"):
        distributed.forecast(demand(), HORIZON)


def test_partitions_hold_whole_series_in_id_order() -> None:
    data, _ = prepare(demand(10))
    parts = distributed.partitions(data, 3)
    ids = [list(part["unique_id"].drop_duplicates()) for part in parts]
    assert [len(i) for i in ids] == [3, 3, 4]
    assert [uid for part in ids for uid in part] == sorted(data["unique_id"].unique())
    pd.testing.assert_frame_equal(pd.concat(parts), data)
    assert len(distributed.partitions(data, 50)) == 10  # never an empty one


def test_each_partition_runs_on_a_worker_and_equals_its_run_alone(client: Any) -> None:
    from dask.distributed import get_task_stream

    table = demand()
    seen: list[tuple[str, int, int]] = []
    with get_task_stream(client) as tasks:
        result = distributed.forecast(
            table,
            HORIZON,
            partition_series=12,
            quantiles=(50, 90),
            progress=lambda stage, done, total: seen.append((stage, done, total)),
        )
    assert len(tasks.data) == 3  # 30 series, at most 12 a partition
    assert seen[-1] == ("forecast", 30, 30) and len(seen) == 3
    assert result.points.groupby("unique_id").size().eq(HORIZON).all()
    assert list(result.points["unique_id"].drop_duplicates()) == sorted(table["unique_id"].unique())
    assert result.choices["unique_id"].is_unique and len(result.choices) == 30

    data, _ = prepare(table)
    for part in distributed.partitions(data, 3):
        alone = forecast(part, HORIZON, quantiles=(50, 90))
        ids = set(part["unique_id"])
        mine = result.points[result.points["unique_id"].isin(ids)].reset_index(drop=True)
        pd.testing.assert_frame_equal(mine, alone.points)
        assert alone.calibrated == len(ids)
    assert result.calibrated == 30


def test_a_bad_table_is_refused_with_its_own_lines(client: Any) -> None:
    table = demand(4).astype({"y": object})
    table.loc[5, "y"] = "lots"
    with pytest.raises(ForecastInputError, match=r"y is not a number on line\(s\) 7$"):
        distributed.forecast(table, HORIZON)


def test_a_missing_extra_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # import fails as if not installed
    with pytest.raises(ForecastInputError, match="install the scale extra: uv sync --extra scale"):
        distributed.forecast(demand(), HORIZON)
    with pytest.raises(ForecastInputError, match="uv sync --extra scale"), distributed.local_cluster(1):
        pass


def test_local_cluster_closes_what_it_started() -> None:
    pytest.importorskip("dask.distributed", reason=NO_EXTRA)
    with distributed.local_cluster(1) as client:
        assert len(client.nthreads()) == 1
        cluster = client.cluster
    assert client.status == "closed"
    assert cluster.status.name == "closed"


def test_forecast_csv_on_a_local_cluster_writes_what_each_partition_gives(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed", reason=NO_EXTRA)
    table = demand(4)
    source = tmp_path / "in.csv"
    table.to_csv(source, index=False)
    out = tmp_path / "out.csv"
    command = ["forecast-csv", "--input", str(source), "--horizon", "5", "--output", str(out)]
    done = CliRunner().invoke(app, [*command, "--dask", "local", "--n-jobs", "2", "--quantiles", "90"])
    assert done.exit_code == 0, done.output
    written = pd.read_csv(out, parse_dates=["ds"])
    data, _ = prepare(table)
    parts = distributed.partitions(data, 2)
    alone = [forecast(part, 5, levels=(80,), quantiles=(90,)).csv_table(80) for part in parts]
    pd.testing.assert_frame_equal(written, pd.concat(alone, ignore_index=True), check_dtype=False)
