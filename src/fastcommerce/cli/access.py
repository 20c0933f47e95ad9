"""`fastcommerce users add|list|disable|enable|set-password`, `fastcommerce api-keys create|list|revoke`."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from sqlalchemy.orm import Session

from fastcommerce.auth.audit import record
from fastcommerce.auth.permissions import Permission, Role
from fastcommerce.auth.service import (
    add_user,
    api_keys,
    create_api_key,
    revoke_api_key,
    set_disabled,
    set_password,
    users,
)
from fastcommerce.cli.output import console
from fastcommerce.db import committing, database_url, session_factory
from fastcommerce.errors import DomainError
from fastcommerce.migrate import upgrade

CLI_ACTOR = "cli"
users_app = typer.Typer(no_args_is_help=True, help="Who may sign in, and as what role.")
api_keys_app = typer.Typer(
    no_args_is_help=True, help="Keys for machine clients (e.g. a storefront's order feed)."
)
PasswordOption = Annotated[
    str,
    typer.Option(
        prompt=True,
        hide_input=True,
        confirmation_prompt=True,
        help="asked for when not given (at least 8 characters)",
    ),
]


@contextmanager
def change() -> Iterator[Session]:
    """A committed change, or the reason it was refused and exit code 1 (nothing written)."""
    upgrade(database_url())
    try:
        with session_factory()() as session, committing(session):
            yield session
    except DomainError as error:
        console.print(f"[red]{error.message}[/red]")
        raise typer.Exit(1) from None


@users_app.command("add")
def users_add(
    username: Annotated[str, typer.Argument(help="what they sign in with")],
    role: Annotated[Role, typer.Option(help="what they may do (docs/api.md has the table)")],
    password: PasswordOption,
    store: Annotated[
        list[str] | None, typer.Option(help="a store code a store manager may act on (repeat for several)")
    ] = None,
) -> None:
    """Add a user."""
    with change() as session:
        add_user(session, username, password, role, store or [])
        record(session, CLI_ACTOR, "user.add", username, {"role": role.value, "stores": store or []})
    console.print(f"user {username} added as {role.value}" + (f" at {', '.join(store)}" if store else ""))


@users_app.command("list")
def users_list() -> None:
    """Every user, their role, stores and whether they may sign in."""
    with change() as session:
        everyone = users(session)
    for user, stores in everyone:
        state = "disabled" if user.disabled else "enabled"
        at = f" at {', '.join(stores)}" if stores else ""
        console.print(f"{user.username}: {user.role}{at}, {state}, since {user.created_at:%Y-%m-%d}")
    if not everyone:
        console.print("no user yet: `fastcommerce users add NAME --role admin`")


def _set_disabled(username: str, disabled: bool) -> None:
    action = "user.disable" if disabled else "user.enable"
    with change() as session:
        set_disabled(session, username, disabled)
        record(session, CLI_ACTOR, action, username, {})
    console.print(
        f"user {username} {'disabled: their tokens and session stop working' if disabled else 'enabled'}"
    )


@users_app.command("disable")
def users_disable(username: Annotated[str, typer.Argument()]) -> None:
    """Stop a user signing in; their tokens and session stop working at once."""
    _set_disabled(username, True)


@users_app.command("enable")
def users_enable(username: Annotated[str, typer.Argument()]) -> None:
    """Let a disabled user sign in again."""
    _set_disabled(username, False)


@users_app.command("set-password")
def users_set_password(username: Annotated[str, typer.Argument()], password: PasswordOption) -> None:
    """Give a user a new password."""
    with change() as session:
        set_password(session, username, password)
        record(session, CLI_ACTOR, "user.set_password", username, {})
    console.print(f"user {username}: password changed")


@api_keys_app.command("create")
def api_keys_create(
    name: Annotated[str, typer.Argument(help="who uses it, e.g. storefront-blr")],
    scope: Annotated[list[Permission], typer.Option(help="what it may do (repeat for several)")],
) -> None:
    """Make a key; it is printed this once (only its hash is kept)."""
    with change() as session:
        key = create_api_key(session, name, scope)
        record(session, CLI_ACTOR, "api_key.create", name, {"scopes": [s.value for s in scope]})
    console.print(f"API key {name} ({', '.join(s.value for s in scope)}); send it as X-API-Key, shown once:")
    print(key)


@api_keys_app.command("list")
def api_keys_list() -> None:
    """Every key, its scopes and whether it is revoked (never the key itself)."""
    with change() as session:
        keys = api_keys(session)
    for key in keys:
        state = f"revoked {key.revoked_at:%Y-%m-%d %H:%M}" if key.revoked_at else "live"
        console.print(f"{key.name}: fc_{key.prefix}_…, {', '.join(key.scopes)}, {state}")
    if not keys:
        console.print("no API key yet: `fastcommerce api-keys create NAME --scope orders:write`")


@api_keys_app.command("revoke")
def api_keys_revoke(name: Annotated[str, typer.Argument()]) -> None:
    """Revoke a key: requests with it get 401 from now on."""
    with change() as session:
        revoke_api_key(session, name)
        record(session, CLI_ACTOR, "api_key.revoke", name, {})
    console.print(f"API key {name} revoked")
