"""`fastcommerce` command line: database, demo data, imports, ledger check, API server."""

import os
import secrets
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from sqlalchemy.orm import Session

from fastcommerce.auth.audit import record
from fastcommerce.auth.permissions import Role
from fastcommerce.auth.service import add_user, has_user, set_password
from fastcommerce.cli.access import CLI_ACTOR, api_keys_app, users_app
from fastcommerce.cli.forecast import forecast_app, forecast_csv
from fastcommerce.cli.output import console, progress_bar
from fastcommerce.cli.policy import HELP as POLICY_HELP
from fastcommerce.cli.policy import simulate_policy_command
from fastcommerce.cli.replenish import alerts_app, hubs_app, replenish_app
from fastcommerce.config import Settings, get_settings
from fastcommerce.db import committing, database_url, session_factory
from fastcommerce.demand.rollups import rebuild
from fastcommerce.errors import ImportRejected
from fastcommerce.imports.service import ImportSummary, ProgressCallback, import_inventory, import_orders
from fastcommerce.inventory.reconciliation import check_ledger
from fastcommerce.migrate import upgrade
from fastcommerce.observability import log_config
from fastcommerce.scheduler.commands import (
    scheduler_app,
    send_forecast_now,
    start_scheduler_process,
    stop_scheduler_process,
)
from fastcommerce.seed import seed_demo
from fastcommerce.simulation.flows import (
    CitySimulation,
    SimulationTotals,
    city_simulation,
    simulate_history,
    simulate_live,
)
from fastcommerce.wiring import connect

app = typer.Typer(no_args_is_help=True, help="FastCommerce: dark-store inventory, orders and demand.")
GRACEFUL_SHUTDOWN_S = 3  # the API waits this long for open requests and live streams when asked to stop
db_app = typer.Typer(no_args_is_help=True, help="Database schema.")
import_app = typer.Typer(no_args_is_help=True, help="Import stock counts and orders from files.")
rollups_app = typer.Typer(no_args_is_help=True, help="Demand rollups.")
simulate_app = typer.Typer(
    no_args_is_help=True, help="Simulated demand, and restocking policies replayed on it."
)
app.add_typer(db_app, name="db")
app.add_typer(import_app, name="import")
app.add_typer(rollups_app, name="rollups")
app.add_typer(simulate_app, name="simulate")
simulate_app.command("policy", help=POLICY_HELP)(simulate_policy_command)
app.add_typer(forecast_app, name="forecast")
app.add_typer(scheduler_app, name="scheduler")
app.add_typer(replenish_app, name="replenish")
app.add_typer(hubs_app, name="hubs")
app.add_typer(alerts_app, name="alerts")
app.add_typer(users_app, name="users")
app.add_typer(api_keys_app, name="api-keys")
app.command("forecast-csv")(forecast_csv)

DATA_DIR = Path("data")


@app.callback()
def _stop_on_sigterm() -> None:
    """SIGTERM ends a command as Ctrl-C does, so its `finally` blocks and exit handlers run (they stop the
    scheduler and the embedded database); Python's default would end the process without them. Processes
    forked from the command (a forecast's worker pool) keep the default: `Pool.terminate()` ends them with
    SIGTERM, and a worker that caught it instead could be left waiting for ever on the pool's queue."""
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    os.register_at_fork(after_in_child=_default_sigterm)


def _default_sigterm() -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


@contextmanager
def transaction() -> Iterator[Session]:
    with session_factory()() as session, committing(session):
        yield session


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply Alembic migrations up to the newest."""
    upgrade(database_url())
    console.print("database schema is up to date")


@app.command("seed")
def seed() -> None:
    """Load the demo data set (pincodes, stores, catalog, opening stock); idempotent."""
    upgrade(database_url())
    with console.status("loading pincodes, stores, catalog and opening stock…"), transaction() as session:
        summary = seed_demo(session, get_settings())
    pincodes = ", ".join(f"{city} {n}" for city, n in summary.pincodes.items())
    console.print(
        f"seed: pincodes {pincodes}; {summary.served_pincodes} served; new stores {summary.new_stores}, "
        f"new SKUs {summary.new_skus}, new stock rows {summary.new_stock_rows}"
    )


def _run_import(
    kind: str, path: Path, run: Callable[[Session, Path, ProgressCallback], ImportSummary]
) -> None:
    if not path.is_file():
        console.print(f"[red]{path}: no such file[/red]")
        raise typer.Exit(2)
    connect()
    with progress_bar() as bar:
        task = bar.add_task(f"import {kind}", total=None)
        try:
            with transaction() as session:
                summary = run(session, path, lambda n, total: bar.update(task, advance=n, total=total))
        except ImportRejected as rejected:
            bar.stop()
            console.print(f"[red]{rejected.message}[/red]")
            for error in rejected.errors:
                console.print(f"  {error}")
            raise typer.Exit(1) from None
    console.print(_describe(kind, summary))


def _describe(kind: str, s: ImportSummary) -> str:
    if s.skipped_as_already_imported:
        return f"import {kind}: {s.source} ({s.rows} rows) was imported before; nothing to do"
    if kind == "inventory":
        return f"import inventory: {s.source}: {s.rows} rows, {s.changed} stock levels changed"
    return (
        f"import orders: {s.source}: {s.rows} orders, {s.created} new, {s.duplicate} already placed; "
        f"units fulfilled {s.units_fulfilled}, lost {s.units_lost}"
    )


@import_app.command("inventory")
def import_inventory_command(
    path: Annotated[Path, typer.Argument(help="CSV: store_code,sku,on_hand[,reorder_point,max_stock]")],
) -> None:
    """Set on-hand per store and SKU from a stock count file (through ledger adjustments)."""
    _run_import("inventory", path, import_inventory)


@import_app.command("orders")
def import_orders_command(
    path: Annotated[Path, typer.Argument(help="JSON array of orders in the shape of POST /api/orders")],
) -> None:
    """Place every order of a JSON file, or none if any is bad."""
    _run_import("orders", path, import_orders)


@rollups_app.command("rebuild")
def rollups_rebuild() -> None:
    """Recompute every demand rollup from the order lines (they are kept up to date on ingest)."""
    with console.status("rebuilding demand rollups…"), transaction() as session:
        counts = rebuild(session, get_settings())
    console.print("rollups rebuilt: " + ", ".join(f"{table} {rows} rows" for table, rows in counts.items()))


def _simulations(
    cities: list[str] | None, seed: int, orders_per_day: float | None, speed: float
) -> list[CitySimulation]:
    settings = get_settings()
    connect()
    with session_factory()() as session:
        return [
            city_simulation(session, settings, city, seed, orders_per_day, rate_factor=speed)
            for city in cities or [c.code for c in settings.cities]
        ]


def _run_history(sims: list[CitySimulation], days: int) -> None:
    for sim in sims:
        with Progress(
            TextColumn(f"simulate {sim.city}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("days"),
            TimeElapsedColumn(),
            console=console,
        ) as bar:
            task = bar.add_task(sim.city, total=days + 1)

            def advance(n: int, total: int, task: TaskID = task) -> None:
                bar.update(task, advance=n, total=total)

            totals = simulate_history(session_factory(), get_settings(), sim, days, progress=advance)
        console.print(_history_line(sim.city, totals))


def _history_line(city: str, totals: SimulationTotals) -> str:
    return (
        f"simulate {city}: {totals.orders:,} new orders, {totals.units:,} units demanded, "
        f"{totals.lost_units:,} lost, {totals.restocked_units:,} restocked by plans"
        + (f"; {totals.hours_skipped} hours were simulated before" if totals.hours_skipped else "")
    )


def _run_live(sims: list[CitySimulation], stop: threading.Event) -> None:
    def report(totals: SimulationTotals) -> None:
        live_status.update(f"live: {totals.orders:,} orders, {totals.lost_units:,} units lost so far")

    with console.status("live: waiting for the first orders…") as live_status:
        simulate_live(session_factory(), get_settings(), sims, stop, on_tick=report)


@simulate_app.command("orders")
def simulate_orders(
    city: Annotated[
        list[str] | None, typer.Option(help="city code; repeat for several (default all)")
    ] = None,
    days: Annotated[int, typer.Option(min=0, help="whole days of history before today")] = 21,
    seed: Annotated[int, typer.Option(help="same seed, same orders")] = 7,
    orders_per_day: Annotated[
        float | None, typer.Option(min=1, help="orders a day per city (default 150 per store)")
    ] = None,
    live: Annotated[
        bool, typer.Option(help="after the history, keep placing orders as their time comes")
    ] = False,
    speed: Annotated[float, typer.Option(min=0.1, help="with --live: multiply the live order rate")] = 1.0,
) -> None:
    """Simulate quick-commerce orders through the ordering engine (stock is consumed, lost demand happens)."""
    upgrade(database_url())
    _run_history(_simulations(city, seed, orders_per_day, 1.0), days)
    if live:
        stop = threading.Event()
        try:
            _run_live(_simulations(city, seed, orders_per_day, speed), stop)
        except KeyboardInterrupt:
            stop.set()


@app.command("check-ledger")
def check_ledger_command() -> None:
    """Recompute on-hand from the ledger and sales from orders; print every mismatch (exit 1 if any)."""
    with transaction() as session:
        mismatches = check_ledger(session)
    if not mismatches:
        console.print("ledger ok: on-hand equals the sum of movements, and sales equal fulfilled order units")
        return
    for m in mismatches:
        console.print(f"{m.check}: {m.store_code} {m.sku}: expected {m.expected}, found {m.actual}")
    console.print(f"[red]{len(mismatches)} mismatch(es)[/red]")
    raise typer.Exit(1)


@app.command("openapi")
def openapi(
    output: Annotated[Path, typer.Option(help="where to write the OpenAPI document")] = Path(
        "frontend/src/api/openapi.json"
    ),
) -> None:
    """Write the API's OpenAPI document (the dashboard's typed client is generated from it)."""
    import json

    from fastcommerce.main import create_app

    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(create_app().openapi(), indent=2, sort_keys=True) + "\n")
    console.print(f"openapi: {output}")


@app.command("serve")
def serve(
    host: Annotated[str | None, typer.Option(help="default from FC_API_HOST")] = None,
    port: Annotated[int | None, typer.Option(help="default from FC_API_PORT")] = None,
) -> None:
    """Run the API (migrating the database first)."""
    import uvicorn

    settings = get_settings()
    upgrade(database_url())
    uvicorn.run(
        "fastcommerce.main:app",
        host=host or settings.api_host,
        port=port or settings.api_port,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S,
        log_config=log_config(),  # JSON lines with the request id, uvicorn's own too
    )


RECENT_HISTORY_DAYS = 1


def _history_then_live(days: int, stop: threading.Event) -> None:
    """The demo's background, until `stop` is set: every city's last day of simulated history first (so the
    map's last 24 hours fill within seconds), then the weeks before it (the hours done are skipped), then a
    first forecast run for the scheduler, then the live trickle of orders."""
    settings = get_settings()
    sims = _simulations(None, settings.demo_seed, None, 1.0)
    for sim in sims:
        simulate_history(session_factory(), settings, sim, min(days, RECENT_HISTORY_DAYS), stop=stop)
    for sim in sims:
        totals = simulate_history(session_factory(), settings, sim, days, stop=stop)
        if stop.is_set():
            return
        console.print(_history_line(sim.city, totals))
    console.print(f"forecast: first run queued for the scheduler (task {send_forecast_now()})")
    simulate_live(
        session_factory(),
        settings,
        _simulations(None, settings.demo_seed, None, settings.demo_live_speed),
        stop,
    )


DEMO_ADMIN = "admin"


def _demo_admin(settings: Settings) -> None:
    """The user `admin`: FC_DEMO_ADMIN_PASSWORD when set (also for an admin made before), else a random
    password shown once, when the user is made."""
    given = settings.demo_admin_password
    with transaction() as session:
        if has_user(session, DEMO_ADMIN):
            if given is None:
                console.print(
                    f"sign in as {DEMO_ADMIN} with the password shown when it was made"
                    f" (`fastcommerce users set-password {DEMO_ADMIN}` gives it a new one)"
                )
                return
            set_password(session, DEMO_ADMIN, given.get_secret_value())
            console.print(f"sign in as {DEMO_ADMIN} with FC_DEMO_ADMIN_PASSWORD")
            return
        password = secrets.token_urlsafe(12) if given is None else given.get_secret_value()
        add_user(session, DEMO_ADMIN, password, Role.ADMIN, [])
        record(session, CLI_ACTOR, "user.add", DEMO_ADMIN, {"role": Role.ADMIN.value, "stores": []})
    if given is None:
        console.print(f"sign in as {DEMO_ADMIN} with the password [bold]{password}[/bold] (shown this once)")
    else:
        console.print(f"sign in as {DEMO_ADMIN} with FC_DEMO_ADMIN_PASSWORD")


@app.command("demo")
def demo(
    data_dir: Annotated[Path, typer.Option(help="folder with the sample files")] = DATA_DIR,
    days: Annotated[
        int | None, typer.Option(help="days of simulated history (default FC_DEMO_HISTORY_DAYS)")
    ] = None,
) -> None:
    """Migrate, load the demo data and the sample files, then serve the API and the dashboard at once while
    simulated history loads in the background (a first forecast follows it), then a live trickle of
    simulated orders, until Ctrl-C."""
    settings = get_settings()
    where = "DATABASE_URL" if settings.database_url else f"embedded PostgreSQL in {settings.data_dir}/pg"
    console.print(f"database: {where}")
    seed()
    _demo_admin(settings)
    import_inventory_command(data_dir / "raw_inventory_data.csv")
    import_orders_command(data_dir / "mock_order_data.json")
    stop = threading.Event()
    background = threading.Thread(
        target=_history_then_live,
        args=(settings.demo_history_days if days is None else days, stop),
        name="demo-orders",
        daemon=True,
    )
    base = f"http://{settings.api_host}:{settings.api_port}"
    console.print(
        f"\ndashboard {base}/\nAPI       {base}/api/health\nstores    {base}/api/stores"
        f"\nheatmap   {base}/api/heatmap?city=BLR&window=24h"
        f"\nlive      {base}/api/stream\nplans     {base}/api/restock-plans"
        f"\nalerts    {base}/api/alerts?status=open"
        f"\nhistory   {base}/api/simulation/history\ndocs      {base}/docs\n"
    )
    console.print(
        "Simulated history loads in the background (progress on the dashboard and /api/simulation/history),"
        " its stores restocked by plans from each city's hub, then a forecast runs and simulated orders keep"
        " arriving. Ctrl-C stops the API, the simulation and"
        " the embedded database."
    )
    scheduler = start_scheduler_process()
    background.start()
    try:
        serve(None, None)
    finally:
        stop.set()  # the simulation stops after the hour it is writing (each hour is one transaction)
        stop_scheduler_process(scheduler)
        background.join(timeout=2)
