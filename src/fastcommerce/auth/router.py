"""Sign in: bearer tokens for programs (OAuth2 password form), a session cookie for the dashboard."""

import time
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request, Response, status
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from fastcommerce.auth.audit import trail
from fastcommerce.auth.dependencies import SESSION_COOKIE, ActorDep, Auditor
from fastcommerce.auth.schemas import ActorOut, AuditEntry, LoginIn, PasswordForm, RefreshIn, TokenOut
from fastcommerce.auth.security import TokenKind
from fastcommerce.auth.service import Actor, authenticate, token_actor, token_for
from fastcommerce.bounds import Offset, Text, Timestamp
from fastcommerce.config import Settings, SettingsDep
from fastcommerce.db import SessionDep, utcnow
from fastcommerce.errors import Forbidden, TooManyAttempts, Unauthenticated, error_responses

router = APIRouter(prefix="/api/auth", tags=["auth"])
# Failed logins per (username, client address), in this process: with several API workers each counts
# its own.
_failures = MovingWindowRateLimiter(MemoryStorage())
SIGN_IN_ERRORS = error_responses(Unauthenticated, TooManyAttempts)


def _signed_in(
    request: Request, session: SessionDep, settings: Settings, username: str, password: str
) -> Actor:
    limit = parse(f"{settings.login_attempts_per_minute}/minute")
    who = (username.lower(), request.client.host if request.client else "-")
    if not _failures.test(limit, *who):
        wait = int(_failures.get_window_stats(limit, *who).reset_time - time.time()) + 1
        raise TooManyAttempts(
            f"too many failed sign-ins for {username!r}; try again in {wait} s",
            retry_after_s=wait,
            loc=("body", "username"),
        )
    actor = authenticate(session, username, password)
    if actor is None:
        _failures.hit(limit, *who)
        raise Unauthenticated("wrong username or password, or the user is disabled", loc=("body", "username"))
    return actor


def _tokens(settings: Settings, username: str) -> TokenOut:
    return TokenOut(
        access_token=token_for(settings, username, TokenKind.ACCESS),
        expires_in=settings.access_token_minutes * 60,
        refresh_token=token_for(settings, username, TokenKind.REFRESH),
    )


@router.post("/token", response_model=TokenOut, responses=SIGN_IN_ERRORS)
def token(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    form: Annotated[PasswordForm, Form()],
) -> TokenOut:
    """OAuth2 password flow: `username` and `password` as a form; a short-lived access token to send as
    `Authorization: Bearer …`, and a refresh token for `/api/auth/refresh`."""
    actor = _signed_in(request, session, settings, form.username, form.password)
    return _tokens(settings, actor.name)


@router.post("/refresh", response_model=TokenOut, responses=error_responses(Unauthenticated))
def refresh(session: SessionDep, settings: SettingsDep, body: RefreshIn) -> TokenOut:
    """New tokens for a refresh token whose user is still enabled."""
    actor = token_actor(session, settings, body.refresh_token, TokenKind.REFRESH)
    return _tokens(settings, actor.name)


def _describe(actor: Actor) -> ActorOut:
    return ActorOut(
        name=actor.name,
        role=actor.role,
        permissions=sorted(actor.permissions),
        stores=None if actor.stores is None else sorted(actor.stores),
    )


@router.post("/login", response_model=ActorOut, responses=SIGN_IN_ERRORS)
def login(
    request: Request, response: Response, session: SessionDep, settings: SettingsDep, body: LoginIn
) -> ActorOut:
    """The dashboard's sign-in: sets the http-only session cookie (SameSite=Strict) for FC_SESSION_HOURS."""
    actor = _signed_in(request, session, settings, body.username, body.password)
    response.set_cookie(
        SESSION_COOKIE,
        token_for(settings, actor.name, TokenKind.SESSION),
        max_age=int(timedelta(hours=settings.session_hours).total_seconds()),
        httponly=True,
        samesite="strict",
        secure=settings.session_cookie_secure,
        path="/",
    )
    return _describe(actor)


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
def logout(response: Response) -> None:
    """Ends the dashboard's session (the cookie is removed)."""
    response.delete_cookie(SESSION_COOKIE, path="/")


@router.get("/me", response_model=ActorOut, responses=error_responses(Unauthenticated))
def me(actor: ActorDep) -> ActorOut:
    """Who the credentials sent belong to, and what they may do."""
    return _describe(actor)


audit_router = APIRouter(prefix="/api/audit", tags=["auth"])
AUDIT_WINDOW = timedelta(days=7)


@audit_router.get("", response_model=list[AuditEntry], responses=error_responses(Unauthenticated, Forbidden))
def audit_trail(
    session: SessionDep,
    _: Auditor,
    since: Annotated[Timestamp | None, Query(description="default: 7 days before `until`")] = None,
    until: Annotated[Timestamp | None, Query(description="default: now")] = None,
    actor: Annotated[Text | None, Query(max_length=80, description="a username or api-key:<name>")] = None,
    action: Annotated[
        Text | None, Query(max_length=40, description="a prefix: stock., plan., rule.…")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[Offset, Query()] = 0,
) -> list[AuditEntry]:
    """Who changed what, newest first (admins): stock movements, plans' transitions, alerts acknowledged,
    rules, capacity and stores."""
    until = until or utcnow()
    entries = trail(
        session,
        since=since or until - AUDIT_WINDOW,
        until=until,
        actor=actor,
        action=action,
        limit=limit,
        offset=offset,
    )
    return [AuditEntry.model_validate(entry) for entry in entries]
