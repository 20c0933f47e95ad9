"""Users, the stores a store manager may act on, and API keys (only a hash of each key is kept)."""

from datetime import datetime
from typing import Any

from sqlalchemy import ARRAY, BigInteger, Boolean, ForeignKey, Integer, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from fastcommerce.db import Base, utcnow


class AppUser(Base):
    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class UserStore(Base):
    """A store manager's stores."""

    __tablename__ = "user_store"

    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id", ondelete="CASCADE"), primary_key=True)


class ApiKey(Base):
    """A machine client's key: `fc_<prefix>_<secret>`; the prefix finds the row, the secret's SHA-256 is
    kept (a random 256-bit secret needs no slow hash)."""

    __tablename__ = "api_key"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16), unique=True)
    secret_sha256: Mapped[str] = mapped_column(String(64))
    scopes: Mapped[list[str]] = mapped_column(ARRAY(String(32)))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]


class AuditEvent(Base):
    """A change that leaves no row of its own with who made it: a rule, a store's or category's room, a
    hub's stock, a user or an API key. Stock movements, plans' transitions and alerts' acknowledgements
    carry their actor in their own rows; `GET /api/audit` reads all of them together."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(40), comment="e.g. rule.set, capacity.set, api_key.revoke")
    target: Mapped[str] = mapped_column(String(120), comment="what changed, e.g. BLR-001 or DAI-0001")
    detail: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
