from datetime import UTC, datetime

import psycopg
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, make_url

from fastcommerce.migrate import target_metadata, upgrade


def test_migrations_create_exactly_the_tables_the_models_describe(engine: Engine) -> None:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, target_metadata()) == []


def test_simulated_hours_move_out_of_import_batch_keeping_their_markers(database_url: str) -> None:
    """A database simulated before the simulation had its own table skips the same hours after upgrading."""
    name = f"{make_url(database_url).database}_migrations"
    libpq = make_url(database_url).set(drivername="postgresql")
    with psycopg.connect(libpq.render_as_string(False), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = libpq.set(database=name)
    try:
        upgrade(url.set(drivername="postgresql+psycopg").render_as_string(False), "916db1251db4")
        with psycopg.connect(url.render_as_string(False)) as conn:
            conn.execute(
                "INSERT INTO import_batch (kind, sha256, filename, rows, created_at) VALUES"
                " ('simulation', 'abc123', 'BLR 2026-11-20 03:00:00+05:30', 41, now()),"
                " ('inventory', 'def456', 'count.csv', 7, now())"
            )
        upgrade(url.set(drivername="postgresql+psycopg").render_as_string(False))
        with psycopg.connect(url.render_as_string(False)) as conn:
            hours = conn.execute("SELECT marker, city, hour_at, orders FROM simulated_hour").fetchall()
            kinds = conn.execute("SELECT kind FROM import_batch").fetchall()
        assert hours == [("abc123", "BLR", datetime(2026, 11, 19, 21, 30, tzinfo=UTC), 41)]
        assert kinds == [("inventory",)]
    finally:
        with psycopg.connect(libpq.render_as_string(False), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
