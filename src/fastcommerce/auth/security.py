"""Passwords (Argon2id through pwdlib), signed tokens (JWT, HS256, through PyJWT) and API key secrets."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

import jwt
from pwdlib import PasswordHash

_passwords = PasswordHash.recommended()  # Argon2id
# verifying against this when the user does not exist takes as long as a real check: no user enumeration
_UNKNOWN_USER_HASH = _passwords.hash(secrets.token_urlsafe(16))
API_KEY_PREFIX = "fc"
ALGORITHM = "HS256"


def hash_password(password: str) -> str:
    return _passwords.hash(password)


def password_matches(password: str, password_hash: str | None) -> bool:
    return _passwords.verify(password, password_hash or _UNKNOWN_USER_HASH) and password_hash is not None


class TokenKind(StrEnum):
    ACCESS = "access"  # a bearer token, minutes
    REFRESH = "refresh"  # buys new access tokens, days
    SESSION = "session"  # the dashboard's http-only cookie, hours


@dataclass(frozen=True)
class TokenClaims:
    username: str
    kind: TokenKind
    expires_at: datetime


class InvalidToken(Exception):
    pass


def issue_token(secret: str, username: str, kind: TokenKind, now: datetime, lifetime: timedelta) -> str:
    claims = {"sub": username, "kind": kind.value, "iat": now, "exp": now + lifetime}
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def read_token(secret: str, token: str, kind: TokenKind) -> TokenClaims:
    """The claims of a token this service signed, of `kind`, not expired; else InvalidToken."""
    try:
        claims = jwt.decode(token, secret, algorithms=[ALGORITHM], options={"require": ["sub", "exp"]})
    except jwt.PyJWTError as error:
        raise InvalidToken(str(error)) from None
    if claims.get("kind") != kind.value:
        raise InvalidToken(f"not a {kind.value} token")
    return TokenClaims(str(claims["sub"]), kind, datetime.fromtimestamp(claims["exp"]).astimezone())


def new_api_key() -> tuple[str, str, str]:
    """(the key to hand out once, its prefix, the SHA-256 of its secret)."""
    prefix, secret = secrets.token_hex(4), secrets.token_urlsafe(32)
    return f"{API_KEY_PREFIX}_{prefix}_{secret}", prefix, secret_digest(secret)


def split_api_key(key: str) -> tuple[str, str] | None:
    """(prefix, secret) of a well-formed key, else None."""
    parts = key.split("_", 2)
    if len(parts) != 3 or parts[0] != API_KEY_PREFIX or not parts[1] or not parts[2]:
        return None
    return parts[1], parts[2]


def secret_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def digests_match(a: str, b: str) -> bool:
    return hmac.compare_digest(a, b)
