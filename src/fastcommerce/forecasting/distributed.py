"""The forecast on a Dask cluster (the `scale` extra): partitions of series, each a whole run on a worker.

A national night (1,000 stores × 4,000 SKUs = 4 M series) does not fit one process: `auto` on 100,000 daily
series peaks near 6 GB. So `forecast` splits the series into partitions of at most `partition_series`
(contiguous in unique_id order: with STORE:SKU ids a store's SKUs stay together) and runs each as one
`engine.forecast` — its own backtest, global model and calibration — in one task on a worker, with one core.
Partitions share nothing, so the night scales with the workers, and each partition's numbers are those of
`engine.forecast` on that partition alone. There are at least as many partitions as worker threads.

With `local_cluster(2)` on one machine, or `dask.distributed.Client("tcp://scheduler:8786")` for a running
cluster, current around the call. Workers need fastcommerce and its locked packages. Dask is imported only
here and only when asked for, so this module imports without the extra.
"""

import importlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pandas as pd

from fastcommerce.errors import ForecastInputError
from fastcommerce.forecasting import engine

INSTALL_HINT = "install the scale extra: uv sync --extra scale"
PARTITION_SERIES = 100_000


def _require(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as error:
        message = f"Dask needs {module}, which does not import ({error}); {INSTALL_HINT}"
        raise ForecastInputError(message) from error


def _client() -> Any:
    """The current Dask client; an error rather than a cluster started quietly."""
    dask_distributed = _require("dask.distributed")
    try:
        return dask_distributed.default_client()
    except ValueError as error:
        raise ForecastInputError(
            "a forecast on Dask needs a running Dask client: use local_cluster(workers) or "
            "dask.distributed.Client('tcp://scheduler:8786')"
        ) from error


def partitions(data: pd.DataFrame, count: int) -> list[pd.DataFrame]:
    """`data` (sorted by unique_id) in `count` parts of contiguous series, as equal in series as can be."""
    ids = data["unique_id"].drop_duplicates().to_numpy()
    count = max(1, min(count, len(ids)))
    firsts = ids[np.linspace(0, len(ids), count + 1).astype(int)[1:-1]]
    part = np.searchsorted(firsts, data["unique_id"].to_numpy(), side="right")
    return [data[part == i] for i in range(count)]


def forecast(
    table: pd.DataFrame,
    horizon: int,
    *,
    freq: str | None = None,
    progress: engine.Progress | None = None,
    partition_series: int = PARTITION_SERIES,
    **options: Any,
) -> engine.ForecastResult:
    """`engine.forecast` of `table`, partition by partition on the current Dask client's workers, the results
    joined in unique_id order. `options` are `engine.forecast`'s (model, levels, quantiles); each partition
    runs on one core. The table is checked here first, so errors name its own lines."""
    if partition_series < 1:
        raise ForecastInputError("partition_series must be at least 1")
    client = _client()
    data, freq = engine.prepare(table, freq)
    threads = sum(client.nthreads().values()) or 1
    series = int(data["unique_id"].nunique())
    parts = partitions(data, max(-(-series // partition_series), threads))
    sent = client.scatter(parts)  # the data as data, not inside the task graph
    futures = client.map(engine.forecast, sent, horizon=horizon, freq=freq, n_jobs=1, pure=False, **options)
    sizes = {f.key: int(part["unique_id"].nunique()) for f, part in zip(futures, parts, strict=True)}
    done = 0
    for finished in _require("dask.distributed").as_completed(futures):
        done += sizes[finished.key]
        if progress:
            progress("forecast", done, series)
    return engine.ForecastResult.joined(client.gather(futures))


def forecast_with(
    client: Any, table: pd.DataFrame, horizon: int, *, n_jobs: int, **options: Any
) -> engine.ForecastResult:
    """`forecast` on the workers of `client` (as `cluster` yields it); with None, `engine.forecast` here in
    `n_jobs` processes. `options` are `engine.forecast`'s."""
    if client is None:
        return engine.forecast(table, horizon, n_jobs=n_jobs, **options)
    return forecast(table, horizon, **options)


@contextmanager
def cluster(where: str | None, workers: int) -> Iterator[Any]:
    """Nothing for None, a local cluster of `workers` for "local", else a client of the scheduler at
    `where` (e.g. tcp://scheduler:8786), current inside the block."""
    if where is None:
        yield None
    elif where == "local":
        with local_cluster(workers) as client:
            yield client
    else:
        with _require("dask.distributed").Client(where) as client:
            yield client


@contextmanager
def local_cluster(workers: int) -> Iterator[Any]:
    """A Dask cluster of `workers` processes of one thread each on this machine, and a client to it that
    is the current one inside the block; both are closed on leaving it."""
    if workers < 1:
        raise ForecastInputError("a local cluster needs at least 1 worker")
    dask_distributed = _require("dask.distributed")
    with (
        dask_distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,  # no dashboard, and its HTTP routes on a free loopback port, not 8787
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            silence_logs=logging.ERROR,
        ) as cluster,
        dask_distributed.Client(cluster) as client,
    ):
        yield client
