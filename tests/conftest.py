"""Tests run against a real PostgreSQL: the server in DATABASE_URL (it must answer, or the run stops), or
else an embedded one under var/. Each run makes its own database and drops it at the end."""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, make_url, text
from sqlalchemy.orm import Session, sessionmaker

from fastcommerce import config, db
from fastcommerce.auth.cache import ActorCache
from fastcommerce.auth.permissions import Permission, Role
from fastcommerce.auth.security import TokenKind
from fastcommerce.auth.service import add_user, create_api_key, token_for
from fastcommerce.geo.service import load_pincodes
from fastcommerce.migrate import upgrade
from fastcommerce.wiring import connect

MUTABLE_TABLES = (
    "app_user",
    "api_key",
    "audit_event",
    "store",
    "sku",
    "import_batch",
    "simulated_hour",
    "customer_order",
    "demand_pincode_5m",
    "demand_pincode_hour",
    "forecast_run",
    "alert_sweep",
)


def _admin_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        server = db.start_embedded_server(Path("var/test"))
        return str(server.get_uri("postgres"))
    libpq_url = make_url(db.sqlalchemy_url(url)).set(drivername="postgresql").render_as_string(False)
    try:
        psycopg.connect(libpq_url, connect_timeout=5).close()
    except psycopg.OperationalError as exc:
        pytest.exit(f"DATABASE_URL is set but PostgreSQL does not answer there: {exc}", returncode=3)
    return libpq_url


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    admin = _admin_url()
    name = f"fastcommerce_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = db.sqlalchemy_url(make_url(admin).set(database=name).render_as_string(False))
    saved = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = url
    for cached in (config.get_settings, db.database_url, db.get_engine, db.session_factory):
        cached.cache_clear()
    try:
        upgrade(url)
        connect()
        with db.session_factory()() as session:
            load_pincodes(session, config.get_settings())
            session.commit()
        yield url
    finally:
        db.get_engine().dispose()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if saved is None:
            os.environ.pop("DATABASE_URL", None)
        else:
            os.environ["DATABASE_URL"] = saved


@pytest.fixture(scope="session")
def engine(database_url: str) -> Engine:
    return db.get_engine()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session whose work is rolled back after the test; commits inside it only release savepoints."""
    with engine.connect() as conn:
        outer = conn.begin()
        s = Session(bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False)
        try:
            yield s
        finally:
            s.close()
            outer.rollback()


@pytest.fixture
def client(session: Session) -> Iterator[TestClient]:
    from fastcommerce.main import app

    def test_session() -> Iterator[Session]:
        session.commit()  # what the test set up exists before the request, as it would in production
        with db.committing(session):
            yield session

    app.dependency_overrides[db.get_session] = test_session
    app.state.actors = ActorCache(config.get_settings().auth_cache_seconds)  # no actor of an earlier test
    try:
        with TestClient(app, headers=bearer(session, Role.ADMIN, username="admin")) as c:
            yield c
    finally:
        app.dependency_overrides.clear()


def bearer(
    session: Session, role: Role, stores: list[str] | None = None, username: str | None = None
) -> dict[str, str]:
    """The Authorization header of a new user of `role` (at `stores`), made in `session`."""
    username = username or f"{role.value}-{uuid.uuid4().hex[:8]}"
    add_user(session, username, uuid.uuid4().hex, role, stores or [])
    session.flush()
    return {"Authorization": f"Bearer {token_for(config.get_settings(), username, TokenKind.ACCESS)}"}


def api_key(session: Session, *scopes: Permission) -> dict[str, str]:
    """The X-API-Key header of a new key with `scopes`, made in `session`."""
    key = create_api_key(session, f"key-{uuid.uuid4().hex[:8]}", list(scopes))
    session.flush()
    return {"X-API-Key": key}


@pytest.fixture
def committed(engine: Engine) -> Iterator[sessionmaker[Session]]:
    """Sessions that really commit (for concurrency and CLI tests); the data is truncated afterwards."""
    try:
        yield db.session_factory()
    finally:
        with engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {', '.join(MUTABLE_TABLES)} RESTART IDENTITY CASCADE"))
