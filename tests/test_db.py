"""The set-wise write helpers: rows inserted alike whichever way they travel, and pipelined writes that take
effect together or fail together."""

from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from fastcommerce.catalog.models import Sku
from fastcommerce.db import STAGE_MIN_ROWS, driver_connection, insert_rows, pipelined, run

COLUMNS = (("n", "int4"), ("label", "varchar"), ("at", "timestamptz"))
START = datetime(2026, 12, 1, tzinfo=UTC)


@pytest.fixture
def scratch(session: Session) -> Session:
    session.execute(text("CREATE TEMP TABLE scratch (n int4 PRIMARY KEY, label varchar, at timestamptz)"))
    return session


def rows(count: int) -> list[tuple[int, str | None, datetime]]:
    return [
        (n, None if n % 7 == 0 else f'row {n}, "quoted" {{x}}', START + timedelta(minutes=n))
        for n in range(count)
    ]


def stored(session: Session) -> list[tuple[int, str | None, datetime]]:
    return [tuple(r) for r in session.execute(text("SELECT n, label, at FROM scratch ORDER BY n"))]  # type: ignore[misc]


@pytest.mark.parametrize("count", [1, STAGE_MIN_ROWS - 1, STAGE_MIN_ROWS, STAGE_MIN_ROWS + 250])
def test_insert_rows_stores_every_row_exactly(scratch: Session, count: int) -> None:
    expected = rows(count)
    insert_rows(scratch, "scratch", COLUMNS, expected)
    assert stored(scratch) == expected


@pytest.mark.parametrize("count", [3, STAGE_MIN_ROWS + 10])
def test_pipelined_writes_all_take_effect(scratch: Session, count: int) -> None:
    connection = driver_connection(scratch)
    with pipelined(scratch, count):
        # few rows travel in one pipeline; from STAGE_MIN_ROWS on, COPY (which no pipeline carries) is used
        assert bool(connection.pgconn.pipeline_status) == (count < STAGE_MIN_ROWS)
        insert_rows(scratch, "scratch", COLUMNS, rows(count))
        scratch.execute(text("UPDATE scratch SET label = 'updated' WHERE n = 0"))
    got = stored(scratch)
    assert len(got) == count and got[0][1] == "updated" and got[1:] == rows(count)[1:]


def test_a_failing_pipelined_write_fails_the_block_and_skips_what_follows(session: Session) -> None:
    session.execute(text("CREATE TEMP TABLE scratch (n int4 PRIMARY KEY, label varchar, at timestamptz)"))
    session.commit()  # the table outlives the savepoint the failure rolls back
    with pytest.raises(psycopg.errors.UniqueViolation), pipelined(session, 3):
        insert_rows(session, "scratch", COLUMNS, rows(2))
        insert_rows(session, "scratch", COLUMNS, rows(1))  # n = 0 again
        run(session, "INSERT INTO scratch (n) VALUES (99)", {})  # as the order batch's writes go
    session.rollback()
    assert stored(session) == []


def test_run_binds_named_parameters_and_keeps_literal_percent_signs(session: Session) -> None:
    row = run(
        session,
        "SELECT :n + 1, '100%' || :label, CAST(:ns AS int[]), :n",
        {"n": 1, "label": " sure", "ns": [3, 4]},
    )
    assert row.fetchone() == (2, "100% sure", [3, 4], 1)


def test_run_sees_what_the_session_has_pending(session: Session) -> None:
    session.add(
        Sku(sku="RUN-1", name="pending", category="Test", case_pack=1, shelf_life_days=1, price_paise=5)
    )
    found = run(session, "SELECT name FROM sku WHERE sku = :sku", {"sku": "RUN-1"}).fetchall()
    assert found == [("pending",)]
