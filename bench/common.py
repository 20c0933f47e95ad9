"""Shared pieces of the benchmarks: a fresh database, the machine's description, and the results file."""

import os
import platform
import re
import secrets
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
import psycopg
from sqlalchemy import make_url

from fastcommerce import config, db
from fastcommerce.migrate import upgrade
from fastcommerce.wiring import connect

RESULTS = Path(__file__).parent.parent / "docs" / "benchmarks.md"
CLI = "from fastcommerce.cli import app; app()"  # `fastcommerce …` with this interpreter


@dataclass(frozen=True)
class Visitor:
    """An admin made for one run: the API answers only someone signed in."""

    username: str
    password: str

    def env(self) -> dict[str, str]:
        """For the browser scripts (frontend/e2e/browser.mjs signs in with these)."""
        return {"DASHBOARD_USER": self.username, "DASHBOARD_PASSWORD": self.password}

    def headers(self, base: str) -> dict[str, str]:
        """A bearer token's header, from the API at `base`."""
        form = {"username": self.username, "password": self.password}
        answer = httpx.post(f"{base}/api/auth/token", data=form, timeout=30).raise_for_status()
        return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def new_admin(database: str) -> Visitor:
    """A new admin with a random password on `database`, made as an operator would (`fastcommerce users add`)."""
    visitor = Visitor(f"run-{secrets.token_hex(4)}", secrets.token_urlsafe(16))
    add = ["users", "add", visitor.username, "--role", "admin", "--password", visitor.password]
    subprocess.run(
        [sys.executable, "-c", CLI, *add],
        env={**os.environ, "DATABASE_URL": database},
        check=True,
        capture_output=True,
    )
    return visitor


@contextmanager
def fresh_database(keep: bool = False) -> Iterator[str]:
    """A new database on DATABASE_URL's server (or the embedded one), migrated and ready for orders (the
    layers wired); dropped afterwards."""
    admin = os.environ.get("DATABASE_URL")
    if admin:
        admin = make_url(db.sqlalchemy_url(admin)).set(drivername="postgresql").render_as_string(False)
    else:
        admin = str(db.start_embedded_server(Path("var/bench")).get_uri("postgres"))
    name = f"fastcommerce_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = db.sqlalchemy_url(make_url(admin).set(database=name).render_as_string(False))
    os.environ["DATABASE_URL"] = url
    for cached in (config.get_settings, db.database_url, db.get_engine, db.session_factory):
        cached.cache_clear()
    try:
        upgrade(url)
        connect()
        yield url
    finally:
        db.get_engine().dispose()
        if not keep:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_version() -> str:
    with db.get_engine().connect() as conn:
        return str(conn.exec_driver_sql("SHOW server_version").scalar())


def machine(database: bool = True) -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = found.group(1).strip() if found else cpu
    if not database:
        return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
        f"PostgreSQL {server_version()} ({'server' if 'host=' not in db.database_url() else 'embedded'})"
    )


def percentile(values: list[float], pct: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(pct) - 1]


def record(section: str, body: str, on: str) -> None:
    """Replace (or add) one section of docs/benchmarks.md, stamped with the date and the machine `on`."""
    stamp = f"_Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {on}._"
    block = f"<!-- bench:{section} -->\n{stamp}\n\n{body.strip()}\n<!-- /bench:{section} -->"
    text = (
        RESULTS.read_text()
        if RESULTS.exists()
        else "# Benchmarks\n\nWritten by the scripts in `bench/` (`make bench`).\n"
    )
    pattern = re.compile(rf"<!-- bench:{section} -->.*?<!-- /bench:{section} -->", re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else f"{text.rstrip()}\n\n{block}\n"
    RESULTS.write_text(text)


@contextmanager
def api_server(database: str, workers: int = 1) -> Iterator[str]:
    """The API (and the dashboard's build) in its own uvicorn process (or `workers` of them), as users reach
    it, on a free local port; it must answer within 20 s."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "fastcommerce.main:app",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--workers",
            str(workers),
        ],
        env={**os.environ, "DATABASE_URL": database},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None:
                raise RuntimeError(f"the API stopped while starting (exit code {process.returncode})")
            time.sleep(0.2)
        else:
            raise RuntimeError("the API did not answer /api/health within 20 s")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)
