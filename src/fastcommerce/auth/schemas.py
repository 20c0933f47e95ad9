from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from fastcommerce.auth.permissions import Permission, Role
from fastcommerce.bounds import Text


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int = Field(description="seconds the access token lasts")
    refresh_token: str


class RefreshIn(BaseModel):
    refresh_token: Text = Field(max_length=2048)


class LoginIn(BaseModel):
    username: Text = Field(min_length=1, max_length=64)
    password: Text = Field(min_length=1, max_length=256)


class PasswordForm(LoginIn):
    """OAuth2's password grant, as a form."""

    grant_type: Literal["password"] | None = None
    scope: Text = Field(
        default="", max_length=256, description="not used: a user's role says what they may do"
    )


class ActorOut(BaseModel):
    name: str
    role: Role | None = Field(description="None for an API key")
    permissions: list[Permission]
    stores: list[str] | None = Field(description="the stores a store manager may act on; None: all")


class AuditEntry(BaseModel):
    at: datetime
    actor: str = Field(description="a username, `api-key:<name>`, or the system part that acted")
    action: str = Field(description="e.g. stock.receipt, plan.approved, alert.acknowledge, rule.set")
    target: str = Field(description="what changed: a store and SKU, a plan, a rule")
    detail: dict[str, Any]
