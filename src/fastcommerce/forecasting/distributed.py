"""Scale-out for the forecasting engine: statsforecast on a Dask cluster through Fugue (the `scale` extra).

statsforecast runs `forecast` and `cross_validation` on Fugue's engines when it is handed a distributed
frame instead of a pandas one, one task a series, on the Dask client current at the time of the call. So
the engine needs only two calls around statsforecast:

    out = distributed.collect(StatsForecast(...).forecast(df=distributed.frame(subset, backend), ...))

`frame(df, None)` and `collect(pandas_frame)` are the identity, so the pandas path is unchanged. With
`backend="dask"` a Dask client must be current: `with local_cluster(2):` on one machine, or
`dask.distributed.Client("tcp://scheduler:8786")` for a running cluster.

Fugue's output schema holds the forecasts as float32: values come back equal to the pandas path's to about
1e-7 relative, not bit for bit. Dask and Fugue are imported only here and only when asked for, so this
module imports without the extra.
"""

import importlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pandas as pd

from fastcommerce.errors import ForecastInputError

BACKENDS = ("dask",)
INSTALL_HINT = "install the scale extra: uv sync --extra scale"
ID, TIME = "unique_id", "ds"
TIME_COLUMNS = (TIME, "cutoff")


def _require(module: str, backend: str = "dask") -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise ForecastInputError(
            f"the {backend} backend cannot import {module} ({error}); {INSTALL_HINT}"
        ) from error


def _client() -> Any:
    """The current Dask client; an error rather than Fugue's silent start of a cluster of its own."""
    _require("fugue_dask")  # Fugue's Dask engine, found by statsforecast from the frame's type
    dask_distributed = _require("dask.distributed")
    try:
        return dask_distributed.default_client()
    except ValueError as error:
        raise ForecastInputError(
            "the dask backend needs a running Dask client: use local_cluster(workers) or "
            "dask.distributed.Client('tcp://scheduler:8786')"
        ) from error


def frame(df: pd.DataFrame, backend: str | None) -> Any:
    """`df` itself for backend None, else a Dask frame of it, each series whole in one partition."""
    if backend is None:
        return df
    if backend not in BACKENDS:
        raise ForecastInputError(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    client = _client()
    dd = _require("dask.dataframe")
    threads = sum(client.nthreads().values()) or 1
    series = int(df[ID].nunique())
    # A few partitions a worker thread; sorted on unique_id, so no series is split between two of them.
    by_id = df.assign(**{ID: df[ID].astype(str)}).sort_values([ID, TIME], ignore_index=True).set_index(ID)
    parts = dd.from_pandas(by_id, npartitions=max(1, min(series, 2 * threads)), sort=True)
    return parts.reset_index()


def collect(result: Any) -> pd.DataFrame:
    """statsforecast's output as a pandas frame shaped as its pandas path's: unique_id as str, ds (and
    cutoff) as datetime64[ns], float64 values, sorted by unique_id, cutoff and ds, on a fresh index."""
    if isinstance(result, pd.DataFrame):
        return result
    if hasattr(result, "compute"):  # a Dask frame
        out = result.compute()
    elif hasattr(result, "as_pandas"):  # a Fugue frame
        out = result.as_pandas()
    else:
        raise TypeError(f"cannot collect a {type(result).__name__} into a pandas frame")
    out = pd.DataFrame(out).reset_index(drop=True)
    out[ID] = out[ID].astype(str).astype(object)
    for column in out.columns:
        if column in TIME_COLUMNS:
            out[column] = pd.to_datetime(out[column]).astype("datetime64[ns]")
        elif column != ID:
            out[column] = out[column].astype("float64")
    keys = [c for c in (ID, "cutoff", TIME) if c in out.columns]
    return out.sort_values(keys, kind="stable", ignore_index=True)


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
    _require("fugue_dask")
    dask_distributed = _require("dask.distributed")
    with (
        dask_distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,  # no dashboard, and its HTTP routes on a free loopback port, not 8787
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            silence_logs=logging.ERROR,  # not the P2P shuffle's notes on each rerun of a graph
        ) as cluster,
        dask_distributed.Client(cluster) as client,
    ):
        yield client
