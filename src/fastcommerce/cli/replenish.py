"""`fastcommerce replenish run`, `fastcommerce hubs list|receive`, `fastcommerce alerts evaluate`."""

from datetime import datetime
from typing import Annotated

import typer

from fastcommerce.cli.access import CLI_ACTOR
from fastcommerce.cli.output import console
from fastcommerce.config import get_settings
from fastcommerce.db import committing, database_url, session_factory
from fastcommerce.migrate import upgrade

replenish_app = typer.Typer(no_args_is_help=True, help="Restock plans: run the planner.")
hubs_app = typer.Typer(no_args_is_help=True, help="Mother hubs: their stock and supplier receipts.")
alerts_app = typer.Typer(no_args_is_help=True, help="Low-stock, out-of-stock, overstock and demand alerts.")


@replenish_app.command("run")
def replenish_run(
    store: Annotated[
        list[str] | None, typer.Option(help="a store code (repeat for several); default all")
    ] = None,
    at: Annotated[
        datetime | None, typer.Option(help="plan as of this moment (ISO 8601 with offset); default now")
    ] = None,
) -> None:
    """Plan the next delivery wave of every dark store (or those given): make or update each store's
    draft plan for the wave; plans past draft are left alone. Each store's plan commits on its own."""
    from fastcommerce.replenishment.planner import run_planner

    if at is not None and at.tzinfo is None:
        raise typer.BadParameter("give a time zone offset, e.g. 2026-12-02T03:40:00+05:30", param_hint="--at")
    upgrade(database_url())
    with console.status("planning…"), session_factory()() as session:
        result = run_planner(session, get_settings(), store, now=at)
    outcomes: dict[str, int] = {}
    for planned in result.stores:
        outcomes[planned.outcome] = outcomes.get(planned.outcome, 0) + 1
    waves = ", ".join(f"{city} {wave.isoformat()}" for city, wave in result.wave_at.items())
    console.print(
        f"replenish: waves {waves or 'none'}; {len(result.stores)} stores "
        f"({', '.join(f'{n} {o}' for o, n in sorted(outcomes.items())) or 'none with a hub'}); "
        f"{sum(p.units for p in result.stores)} units on {sum(p.lines for p in result.stores)} lines; "
        f"{result.lines_considered} store × SKU rows read in {sum(result.seconds.values()):.2f} s"
    )


@hubs_app.command("list")
def hubs_list() -> None:
    """Every hub, the stores it restocks and its stock."""
    from fastcommerce.replenishment.service import list_hubs

    with session_factory()() as session:
        hubs = list_hubs(session)
    for hub in hubs:
        console.print(
            f"{hub.code} ({hub.city}): {hub.units} units of {hub.skus} SKUs, {hub.promised_units} promised; "
            f"restocks {', '.join(hub.stores) or 'no store'}"
        )
    if not hubs:
        console.print("no hub yet: `fastcommerce seed` makes one per city")


@hubs_app.command("receive")
def hubs_receive(
    hub: Annotated[str, typer.Argument(help="hub code, e.g. BLR-HUB")],
    sku: Annotated[str, typer.Argument(help="SKU code")],
    qty: Annotated[int, typer.Argument(min=1, max=1_000_000, help="units")],
    reference: Annotated[str, typer.Option(help="e.g. the supplier's delivery note")] = "supplier receipt",
) -> None:
    """Record a supplier's delivery to a hub."""
    from fastcommerce.replenishment.schemas import HubReceipt
    from fastcommerce.replenishment.service import receive_at_hub

    with session_factory()() as session, committing(session):
        on_hand = receive_at_hub(session, hub, HubReceipt(sku=sku, qty=qty, reference=reference), CLI_ACTOR)
    console.print(f"{hub}: {qty} of {sku} received, {on_hand} on hand")


@alerts_app.command("evaluate")
def alerts_evaluate(
    full: Annotated[
        bool, typer.Option("--full", help="judge every stock row, not only those changed since the last run")
    ] = False,
) -> None:
    """Open, update and resolve alerts now (the scheduler does this every minute)."""
    from fastcommerce.replenishment.alerts import evaluate_alerts

    with session_factory()() as session, committing(session):
        summary = evaluate_alerts(session, get_settings(), full=full)
    console.print(
        f"alerts: {summary.judged} stock rows judged ({summary.full_cities} cities in full),"
        f" {summary.conditions} conditions hold among them;"
        f" {summary.opened} opened, {summary.resolved} resolved"
    )


@hubs_app.command("add")
def hubs_add(
    code: Annotated[str, typer.Argument(help="e.g. BLR-HUB2")],
    city: Annotated[str, typer.Option(help="city code")],
    lat: Annotated[float, typer.Option()],
    lng: Annotated[float, typer.Option()],
    name: Annotated[str | None, typer.Option(help="default: the code")] = None,
) -> None:
    """Add a mother hub (assign stores to it with `fastcommerce hubs assign`)."""
    from fastcommerce.stores.schemas import HubCreate
    from fastcommerce.stores.service import create_hub

    with session_factory()() as session, committing(session):
        create_hub(
            session, HubCreate(code=code, name=name or code, city=city, lat=lat, lng=lng), get_settings()
        )
    console.print(f"hub {code} added in {city}")


@hubs_app.command("assign")
def hubs_assign(
    hub: Annotated[str, typer.Argument(help="hub code")],
    stores: Annotated[list[str], typer.Argument(help="dark store codes")],
    auto_approve: Annotated[bool, typer.Option(help="the planner approves their plans")] = False,
) -> None:
    """Make a hub restock these dark stores."""
    from fastcommerce.stores.service import get_hub, get_store

    with session_factory()() as session, committing(session):
        hub_id = get_hub(session, hub).id
        for code in stores:
            store = get_store(session, code)
            store.hub_id, store.auto_approve = hub_id, auto_approve
    console.print(f"hub {hub} restocks {', '.join(stores)}")
