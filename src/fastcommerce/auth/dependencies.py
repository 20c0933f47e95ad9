"""The request's actor, and `Require(permission)`, the rule every operation of the API declares.

Credentials, in this order: `Authorization: Bearer <access token or API key>`, `X-API-Key: <key>`, the
dashboard's session cookie (http-only; it authorises the live stream too). The actor reads all three itself
rather than as three dependencies of its own (FastAPI solves each dependency of each request anew: that was
a fifth of an order's CPU in the HTTP layer); `declare_security` puts them in the OpenAPI document.
"""

from collections.abc import Sequence
from functools import partial
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import iter_route_contexts
from fastapi.security import APIKeyCookie, APIKeyHeader, HTTPBearer
from starlette.routing import BaseRoute

from fastcommerce.auth.cache import ActorCache
from fastcommerce.auth.permissions import Permission
from fastcommerce.auth.security import API_KEY_PREFIX, TokenKind, secret_digest
from fastcommerce.auth.service import Actor, enabled_user_actor, key_actor, token_user
from fastcommerce.config import get_settings
from fastcommerce.db import app_session
from fastcommerce.errors import Forbidden, Unauthenticated

SESSION_COOKIE = "fc_session"

_bearer = HTTPBearer(auto_error=False, description="an access token from /api/auth/token, or an API key")
_api_key = APIKeyHeader(name="X-API-Key", auto_error=False, description="an API key")
_session = APIKeyCookie(name=SESSION_COOKIE, auto_error=False, description="the dashboard's session")
CREDENTIALS = (_bearer, _api_key, _session)


async def current_actor(request: Request) -> Actor:
    settings = get_settings()
    bearer = await _bearer(request)
    api_key = await _api_key(request)
    cookie = await _session(request)
    token: tuple[str, TokenKind] | None = None
    if bearer is not None and bearer.credentials.startswith(f"{API_KEY_PREFIX}_"):
        api_key = bearer.credentials
    elif bearer is not None:
        token = (bearer.credentials, TokenKind.ACCESS)
    elif api_key is None and cookie is not None:
        token = (cookie, TokenKind.SESSION)
    if token is not None:
        username = token_user(settings, *token)
        credential = ("user", username)
        resolve = partial(enabled_user_actor, username=username)
    elif api_key is not None:
        credential = ("api-key", secret_digest(api_key))
        resolve = partial(key_actor, key=api_key)
    else:
        raise Unauthenticated("sign in: a bearer token, an API key or the dashboard's session is needed")

    def look_up() -> Actor:
        with app_session(request.app) as session:
            return resolve(session)

    actors: ActorCache = request.app.state.actors
    actor = await actors.actor(credential, look_up)
    request.state.actor = actor
    return actor


ActorDep = Annotated[Actor, Depends(current_actor)]


class Require:
    """`Depends(Require(Permission.X))`: the actor must hold X, and, for a write on a store named in the
    path (`code`), may act on that store."""

    def __init__(self, permission: Permission) -> None:
        self.permission = permission

    async def __call__(self, request: Request, actor: ActorDep) -> Actor:
        if not actor.may(self.permission):
            raise Forbidden(f"{actor.name} may not do this: it needs {self.permission.value}")
        store = request.path_params.get("code")
        if self.permission != Permission.READ and store is not None:
            require_store_access(actor, str(store), ("path", "code"))
        return actor


def require_store_access(actor: Actor, store_code: str, loc: tuple[str | int, ...]) -> None:
    if not actor.may_act_on(store_code):
        raise Forbidden(f"{actor.name} may not act on store {store_code}", loc=loc, value=store_code)


def allow(permission: Permission) -> Any:
    """For an operation's `dependencies=[...]` when it needs no actor of its own."""
    return Depends(Require(permission))


READS = allow(Permission.READ)

# The actor of an operation that needs one (for its audit trail), by what it may do.
OrderPlacer = Annotated[Actor, Depends(Require(Permission.ORDERS_WRITE))]
StockWriter = Annotated[Actor, Depends(Require(Permission.STOCK_WRITE))]
RuleWriter = Annotated[Actor, Depends(Require(Permission.RULES_WRITE))]
PlanWriter = Annotated[Actor, Depends(Require(Permission.PLANS_WRITE))]
PlanReceiver = Annotated[Actor, Depends(Require(Permission.PLANS_RECEIVE))]
AlertWriter = Annotated[Actor, Depends(Require(Permission.ALERTS_WRITE))]
StoreWriter = Annotated[Actor, Depends(Require(Permission.STORES_WRITE))]
Auditor = Annotated[Actor, Depends(Require(Permission.AUDIT_READ))]


def declare_security(schema: dict[str, Any], routes: Sequence[BaseRoute]) -> None:
    """Amends an OpenAPI document (`schema`) to name the three credentials (`securitySchemes`) and, on every
    operation of `routes` whose dependencies include the actor, that any one of them is taken."""
    schema.setdefault("components", {})["securitySchemes"] = {
        scheme.scheme_name: scheme.model.model_dump(mode="json", by_alias=True, exclude_none=True)
        for scheme in CREDENTIALS
    }
    requirement: list[dict[str, list[str]]] = [{scheme.scheme_name: []} for scheme in CREDENTIALS]
    for route in iter_route_contexts(routes):
        dependant = getattr(route, "dependant", None)  # operations have one; the dashboard's mount not
        if dependant is not None and route.include_in_schema and _needs_actor(dependant):
            for method in route.methods or ():
                schema["paths"][route.path_format][method.lower()]["security"] = requirement


def _needs_actor(dependant: Dependant) -> bool:
    return dependant.call is current_actor or any(_needs_actor(d) for d in dependant.dependencies)
