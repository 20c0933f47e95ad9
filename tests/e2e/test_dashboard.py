"""The dashboard in a real browser (Debian Chromium driven by playwright-core) against the real API on a real
PostgreSQL holding the demo data: each `frontend/e2e/*.e2e.mjs` (one per page) drives it, screenshots go to
`frontend/e2e/artifacts/`."""

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from bench.common import CLI, api_server, new_admin
from sqlalchemy import make_url

FRONTEND = Path("frontend")
SCRIPTS = sorted((FRONTEND / "e2e").glob("*.e2e.mjs"))
CHROMIUM = "/usr/bin/chromium"
PAGES = ("login", "map", "stores", "inventory", "forecasts", "plans", "alerts")
HISTORY_DAYS = 29


def _require(condition: bool, what: str) -> None:
    if not condition:
        pytest.fail(f"the browser tests need {what}; `make test` installs and builds it", pytrace=False)


@pytest.fixture(scope="module")
def demo_api(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The API (serving the dashboard's build) on a database of its own with the demo data set, four weeks of
    simulated Bengaluru orders, a forecast run with backtests, the planner's plans for the next wave and the
    alerts of an evaluation; yields what the browser scripts need: its address and an admin to sign in as."""
    _require(Path(CHROMIUM).is_file(), f"Debian's Chromium at {CHROMIUM}")
    _require((FRONTEND / "dist" / "index.html").is_file(), "the dashboard's build (frontend/dist)")
    _require((FRONTEND / "node_modules" / "playwright-core").is_dir(), "frontend/node_modules")
    _require(shutil.which("node") is not None, "Node.js")
    server_url = make_url(database_url)
    name = f"{server_url.database}_e2e"
    admin = server_url.set(drivername="postgresql").render_as_string(False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    env = os.environ | {
        "DATABASE_URL": server_url.set(database=name).render_as_string(False),
        "FC_DATA_DIR": str(tmp_path_factory.mktemp("e2e-var")),
    }
    try:
        for command in (
            ["seed"],
            # Four weeks and a day: enough history for the forecast run's backtests (accuracy by model).
            ["simulate", "orders", "--city", "BLR", "--days", str(HISTORY_DAYS)],
            ["forecast", "run", "--model", "auto", "--horizon", "7", "--n-jobs", "2"],
            # Plans for the next wave (the Restock plans page takes one through its life) and open alerts.
            ["replenish", "run"],
            ["alerts", "evaluate"],
        ):
            subprocess.run([sys.executable, "-c", CLI, *command], env=env, check=True, capture_output=True)
        visitor = new_admin(env["DATABASE_URL"])
        with api_server(env["DATABASE_URL"]) as base:
            yield {"BASE_URL": base, **visitor.env()}
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_every_page_has_a_browser_test() -> None:
    assert {script.name for script in SCRIPTS} >= {f"{page}.e2e.mjs" for page in PAGES}


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda script: script.name.removesuffix(".e2e.mjs"))
def test_the_dashboard_in_a_browser(demo_api: dict[str, str], script: Path) -> None:
    result = subprocess.run(
        ["node", str(script)],
        env=os.environ | demo_api | {"CHROMIUM": CHROMIUM},
        capture_output=True,
        text=True,
        timeout=300,
    )
    print(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr
