"""Users, API keys and the actor behind a request. Takes a session, never commits."""

import os
import secrets
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from fastcommerce.auth.models import ApiKey, AppUser, UserStore
from fastcommerce.auth.permissions import ROLE_PERMISSIONS, Permission, Role
from fastcommerce.auth.security import (
    InvalidToken,
    TokenKind,
    digests_match,
    hash_password,
    issue_token,
    new_api_key,
    password_matches,
    read_token,
    secret_digest,
    split_api_key,
)
from fastcommerce.config import Settings
from fastcommerce.db import utcnow
from fastcommerce.errors import Conflict, InvalidReference, NotFound, Unauthenticated, WeakPassword

SECRET_FILE = "jwt-secret"
MIN_PASSWORD_LENGTH = 8


@dataclass(frozen=True)
class Actor:
    """Who a request acts for: a user (by role) or an API key (by scopes). `stores`: the store codes a
    store manager may act on; None for everyone else."""

    name: str  # as the audit trail records it: the username, or "api-key:<name>"
    permissions: frozenset[Permission]
    stores: frozenset[str] | None = None
    role: Role | None = None

    def may(self, permission: Permission) -> bool:
        return permission in self.permissions

    def may_act_on(self, store_code: str) -> bool:
        return self.stores is None or store_code in self.stores


@lru_cache
def _secret_in(data_dir: Path) -> str:
    """A secret made once per data folder (0600), so that every API worker on it signs alike and tokens
    outlive a restart."""
    path = data_dir / SECRET_FILE
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first
            return path.read_text().strip()
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def signing_secret(settings: Settings) -> str:
    if settings.jwt_secret is not None:
        return settings.jwt_secret.get_secret_value()
    return _secret_in(settings.data_dir.resolve())


def _store_ids(session: Session, codes: list[str]) -> list[int]:
    rows = session.execute(text("SELECT code, id FROM store WHERE code = ANY(:codes)"), {"codes": codes})
    found: dict[str, int] = {code: store_id for code, store_id in rows}
    missing = [code for code in codes if code not in found]
    if missing:
        raise InvalidReference(f"unknown store {missing[0]!r}", loc=("stores",), value=missing[0])
    return [found[code] for code in codes]


def _strong(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(f"a password needs at least {MIN_PASSWORD_LENGTH} characters", loc=("password",))
    return password


def add_user(session: Session, username: str, password: str, role: Role, stores: list[str]) -> AppUser:
    if has_user(session, username):
        raise Conflict(f"user {username!r} exists", loc=("username",), value=username)
    if role == Role.STORE_MANAGER and not stores:
        raise InvalidReference("a store manager needs at least one store", loc=("stores",), value=stores)
    if role != Role.STORE_MANAGER and stores:
        raise InvalidReference("only a store manager is limited to stores", loc=("stores",), value=stores)
    user = AppUser(username=username, password_hash=hash_password(_strong(password)), role=role.value)
    session.add(user)
    session.flush()
    session.add_all(UserStore(user_id=user.id, store_id=store_id) for store_id in _store_ids(session, stores))
    return user


def set_password(session: Session, username: str, password: str) -> None:
    user = _user(session, username)
    user.password_hash = hash_password(_strong(password))


def has_user(session: Session, username: str) -> bool:
    return session.scalar(select(AppUser.id).where(AppUser.username == username)) is not None


def set_disabled(session: Session, username: str, disabled: bool) -> None:
    _user(session, username).disabled = disabled


def _user(session: Session, username: str) -> AppUser:
    user = session.scalar(select(AppUser).where(AppUser.username == username))
    if user is None:
        raise NotFound(f"no user {username!r}", loc=("username",), value=username)
    return user


def users(session: Session) -> list[tuple[AppUser, list[str]]]:
    stores = session.execute(
        text("SELECT u.user_id, s.code FROM user_store u JOIN store s ON s.id = u.store_id ORDER BY s.code")
    ).all()
    by_user: dict[int, list[str]] = {}
    for user_id, code in stores:
        by_user.setdefault(user_id, []).append(code)
    return [(u, by_user.get(u.id, [])) for u in session.scalars(select(AppUser).order_by(AppUser.username))]


def user_actor(session: Session, username: str) -> Actor | None:
    """The actor of an enabled user, else None."""
    user = session.scalar(select(AppUser).where(AppUser.username == username, AppUser.disabled.is_(False)))
    if user is None:
        return None
    role = Role(user.role)
    stores = None
    if role == Role.STORE_MANAGER:
        stores = frozenset(
            session.scalars(
                text(
                    "SELECT s.code FROM user_store u JOIN store s ON s.id = u.store_id WHERE u.user_id = :id"
                ),
                {"id": user.id},
            )
        )
    return Actor(user.username, ROLE_PERMISSIONS[role], stores, role)


def authenticate(session: Session, username: str, password: str) -> Actor | None:
    """The user's actor when the password is theirs and they are enabled, else None (as slowly)."""
    user = session.scalar(select(AppUser).where(AppUser.username == username))
    if not password_matches(password, user.password_hash if user else None) or user is None or user.disabled:
        return None
    return user_actor(session, username)


def token_user(settings: Settings, token: str, kind: TokenKind) -> str:
    """The username of a valid token of `kind`, else Unauthenticated."""
    try:
        return read_token(signing_secret(settings), token, kind).username
    except InvalidToken as error:
        raise Unauthenticated(f"invalid or expired token: {error}") from None


def enabled_user_actor(session: Session, username: str) -> Actor:
    actor = user_actor(session, username)
    if actor is None:
        raise Unauthenticated("the token's user is disabled or gone")
    return actor


def token_actor(session: Session, settings: Settings, token: str, kind: TokenKind) -> Actor:
    return enabled_user_actor(session, token_user(settings, token, kind))


def token_for(settings: Settings, username: str, kind: TokenKind) -> str:
    lifetime = {
        TokenKind.ACCESS: timedelta(minutes=settings.access_token_minutes),
        TokenKind.REFRESH: timedelta(days=settings.refresh_token_days),
        TokenKind.SESSION: timedelta(hours=settings.session_hours),
    }[kind]
    return issue_token(signing_secret(settings), username, kind, utcnow(), lifetime)


def create_api_key(session: Session, name: str, scopes: list[Permission]) -> str:
    """Stores the key's hash; returns the key, which is shown this once."""
    if session.scalar(select(ApiKey.id).where(ApiKey.name == name)) is not None:
        raise Conflict(f"an API key named {name!r} exists", loc=("name",), value=name)
    if not scopes:
        raise InvalidReference("an API key needs at least one scope", loc=("scopes",), value=scopes)
    key, prefix, digest = new_api_key()
    session.add(ApiKey(name=name, prefix=prefix, secret_sha256=digest, scopes=[s.value for s in scopes]))
    return key


def revoke_api_key(session: Session, name: str) -> None:
    revoked = session.execute(
        update(ApiKey).where(ApiKey.name == name, ApiKey.revoked_at.is_(None)).values(revoked_at=utcnow())
    )
    if not getattr(revoked, "rowcount", 0):
        raise NotFound(f"no live API key named {name!r}", loc=("name",), value=name)


def api_keys(session: Session) -> list[ApiKey]:
    return list(session.scalars(select(ApiKey).order_by(ApiKey.name)))


def key_actor(session: Session, key: str) -> Actor:
    parts = split_api_key(key)
    row = (
        session.execute(
            select(ApiKey.name, ApiKey.scopes, ApiKey.secret_sha256).where(
                ApiKey.prefix == parts[0], ApiKey.revoked_at.is_(None)
            )
        ).one_or_none()
        if parts
        else None
    )
    if parts is None or row is None or not digests_match(row.secret_sha256, secret_digest(parts[1])):
        raise Unauthenticated("unknown or revoked API key")
    return Actor(f"api-key:{row.name}", frozenset(Permission(s) for s in row.scopes))
