from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict, field_validator

from fastcommerce.bounds import Pincode, Text, Timestamp

StrictText = Annotated[Text, Strict()]


class OrderLineIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sku: StrictText = Field(min_length=1, max_length=40)
    qty: Annotated[int, Strict()] = Field(ge=1, le=10_000)


class OrderIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    order_id: StrictText = Field(min_length=1, max_length=64)
    pincode: Annotated[Pincode, Strict()]
    created_at: Timestamp | None = Field(default=None, description="ISO-8601 with offset; default now")
    lines: list[OrderLineIn] = Field(min_length=1, max_length=200)


class OrderLineResult(BaseModel):
    sku: str
    requested: int
    fulfilled: int
    lost: int


class OrderResult(BaseModel):
    order_id: str
    store_code: str | None
    pincode: int
    created_at: datetime = Field(description="in UTC")
    lines: list[OrderLineResult]

    @field_validator("created_at")
    @classmethod
    def in_utc(cls, value: datetime) -> datetime:
        return value.astimezone(UTC)


class BulkItemResult(BaseModel):
    index: int
    order_id: str | None
    status: Literal["created", "duplicate", "rejected"]
    order: OrderResult | None = None
    errors: list[dict[str, Any]] = Field(default_factory=list)


class BulkResult(BaseModel):
    created: int
    duplicate: int
    rejected: int
    results: list[BulkItemResult]
