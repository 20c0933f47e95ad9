"""The request's actor, and `Require(permission)`, the rule every operation of the API declares.

Credentials, in this order: `Authorization: Bearer <access token or API key>`, `X-API-Key: <key>`, the
dashboard's session cookie (http-only; it authorises the live stream too).
"""

from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import APIKeyCookie, APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from fastcommerce.auth.permissions import Permission
from fastcommerce.auth.security import API_KEY_PREFIX, TokenKind
from fastcommerce.auth.service import Actor, key_actor, token_actor
from fastcommerce.config import SettingsDep
from fastcommerce.db import SessionDep
from fastcommerce.errors import Forbidden, Unauthenticated

SESSION_COOKIE = "fc_session"

_bearer = HTTPBearer(auto_error=False, description="an access token from /api/auth/token, or an API key")
_api_key = APIKeyHeader(name="X-API-Key", auto_error=False, description="an API key")
_session = APIKeyCookie(name=SESSION_COOKIE, auto_error=False, description="the dashboard's session")


def current_actor(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    api_key: Annotated[str | None, Depends(_api_key)],
    cookie: Annotated[str | None, Depends(_session)],
) -> Actor:
    if bearer is not None:
        token = bearer.credentials
        if token.startswith(f"{API_KEY_PREFIX}_"):
            actor = key_actor(session, token)
        else:
            actor = token_actor(session, settings, token, TokenKind.ACCESS)
    elif api_key is not None:
        actor = key_actor(session, api_key)
    elif cookie is not None:
        actor = token_actor(session, settings, cookie, TokenKind.SESSION)
    else:
        raise Unauthenticated("sign in: a bearer token, an API key or the dashboard's session is needed")
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
