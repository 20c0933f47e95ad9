from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from fastcommerce.bounds import MAX_MOVEMENT, FreeText, Text, Timestamp, Units
from fastcommerce.replenishment.lifecycle import Remainder
from fastcommerce.replenishment.models import AlertKind, AlertStatus, PlanStatus, RulePolicy


class HubPublic(BaseModel):
    code: str
    name: str
    city: str
    lat: float
    lng: float
    stores: list[str] = Field(description="the dark stores it restocks")
    skus: int = Field(description="SKUs it holds a stock row for")
    units: int = Field(description="units on hand")
    promised_units: int = Field(description="units of approved plans, not yet dispatched")


class HubReceipt(BaseModel):
    """Units arriving at a hub from a supplier."""

    sku: Text = Field(min_length=1, max_length=40)
    qty: Units
    reference: FreeText = Field(default="", max_length=120)


class RuleUpdate(BaseModel):
    """A store × SKU rule. Omitted fields keep the effective rule's value; reorder_point and max_stock are
    the min/max levels (on the SKU's stock row)."""

    policy: RulePolicy | None = None
    service_level: float | None = Field(default=None, gt=0.5, lt=1)
    moq: int | None = Field(default=None, ge=1, le=MAX_MOVEMENT, description="minimum order quantity (units)")
    reorder_point: int | None = Field(default=None, ge=0, le=MAX_MOVEMENT)
    max_stock: int | None = Field(default=None, ge=0, le=MAX_MOVEMENT)


class DefaultRulePut(BaseModel):
    """A default rule: for a category (at one store, or every store), for a store, or for every store."""

    store: Text | None = Field(
        default=None, min_length=1, max_length=32, description="store code; none: every store"
    )
    category: Text | None = Field(
        default=None, min_length=1, max_length=60, description="none: every category"
    )
    policy: RulePolicy
    service_level: float = Field(default=0.98, gt=0.5, lt=1)
    moq: int = Field(default=1, ge=1, le=MAX_MOVEMENT)


class DefaultRulePublic(BaseModel):
    id: int
    store: str | None
    category: str | None
    policy: RulePolicy
    service_level: float
    moq: int
    actor: str
    updated_at: datetime


class RulePublic(BaseModel):
    """The rule the planner uses for a store × SKU, and where it comes from: set for the SKU, for its
    category, for the store, or the default of the settings."""

    store_code: str
    sku: str
    category: str
    policy: RulePolicy
    service_level: float
    moq: int
    reorder_point: int | None
    max_stock: int | None
    source: Literal["sku", "category", "store", "default"]


class RunRequest(BaseModel):
    stores: list[Text] | None = Field(default=None, max_length=5000, description="store codes; default all")
    wave: Timestamp | None = Field(
        default=None, description="plan as of this moment (its next wave); default now"
    )


class PlanLinePublic(BaseModel):
    sku: str
    qty: int
    rule: RulePolicy
    rule_source: str
    reason: str
    on_hand: int
    in_transit: int
    reorder_point: int
    order_up_to: int
    demand_to_delivery: float
    demand_protection: float
    dispatched: int
    received: int
    written_off: int
    back_ordered: int


class PlanEventPublic(BaseModel):
    status: PlanStatus
    actor: str
    at: datetime
    note: str


class PlanPublic(BaseModel):
    id: int
    store_code: str
    hub_code: str
    wave_at: datetime
    status: PlanStatus
    created_at: datetime
    updated_at: datetime
    units: int
    line_count: int
    lines: list[PlanLinePublic] = Field(description="empty when listed with lines=false")
    history: list[PlanEventPublic] = Field(description="empty when listed with lines=false")


class RunStorePublic(BaseModel):
    store_code: str
    plan_id: int | None
    outcome: Literal["created", "updated", "unchanged", "removed", "skipped", "nothing"]
    lines: int
    units: int


class RunPublic(BaseModel):
    waves: dict[str, datetime] = Field(description="per city, the wave planned")
    lines_considered: int
    seconds: dict[str, float]
    stores: list[RunStorePublic]
    plans: list[PlanPublic]


class ReceiptLine(BaseModel):
    sku: Text = Field(min_length=1, max_length=40)
    qty: int = Field(ge=0, le=MAX_MOVEMENT)


class ReceiveBody(BaseModel):
    lines: list[ReceiptLine] = Field(max_length=10_000)
    close: bool = Field(default=False, description="nothing more will arrive: close the plan")
    remainder: Remainder = Field(
        default=Remainder.WRITE_OFF,
        description="on closing, what never arrived is written off or back-ordered (returned to the hub)",
    )


class TransferSuggestion(BaseModel):
    sku: str
    from_store: str
    to_store: str
    qty: int
    distance_m: int
    reason: str


class AlertPublic(BaseModel):
    id: int
    kind: AlertKind
    status: AlertStatus
    store_code: str
    sku: str | None
    message: str
    value: float
    stockout_at: datetime | None
    opened_at: datetime
    updated_at: datetime
    acknowledged_at: datetime | None
    acknowledged_by: str | None
    resolved_at: datetime | None
