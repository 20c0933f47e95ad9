from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator

from fastcommerce.bounds import MAX_MOVEMENT, MAX_OFFSET, FreeText, Text, Units
from fastcommerce.inventory.models import MovementKind

InventorySort = Literal[
    "sku",
    "-sku",
    "name",
    "-name",
    "category",
    "-category",
    "on_hand",
    "-on_hand",
    "reorder_point",
    "-reorder_point",
    "max_stock",
    "-max_stock",
    "updated_at",
    "-updated_at",
]


class InventoryFilter(BaseModel):
    """Which of a store's stock rows, in what order: the query of the inventory list and of its CSV."""

    q: str | None = Field(
        default=None, max_length=80, description="case-insensitive substring of the SKU code or name"
    )
    category: str | None = Field(default=None, max_length=60)
    below_reorder_point: bool = Field(default=False, description="only SKUs at or below their reorder point")
    out_of_stock: bool = Field(default=False, description="only SKUs with nothing on hand")
    sort: InventorySort = Field(
        default="sku", description="a column; prefix '-' for descending; ties are broken by sku"
    )


class InventoryPageQuery(InventoryFilter):
    limit: int = Field(default=1000, ge=1, le=5000)
    offset: int = Field(default=0, ge=0, le=MAX_OFFSET)


class InventoryRow(BaseModel):
    sku: str
    name: str
    category: str
    on_hand: int
    reorder_point: int | None
    max_stock: int | None
    updated_at: datetime


class StockHealth(BaseModel):
    """How well a store is stocked: of the SKUs it keeps, how many are at or below their reorder point and
    how many are out."""

    store_code: str
    city: str
    skus: int
    below_reorder_point: int
    out_of_stock: int


class MovementCreate(BaseModel):
    """A receipt (+qty), wastage (qty units thrown away) or adjustment (signed correction)."""

    kind: Literal["receipt", "wastage", "adjustment"]
    sku: Text = Field(min_length=1, max_length=40)
    qty: int = Field(
        ge=-MAX_MOVEMENT,
        le=MAX_MOVEMENT,
        description="units; positive for receipt and wastage, signed and non-zero for adjustment",
    )
    reference: FreeText = Field(default="", max_length=120)

    @field_validator("qty")
    @classmethod
    def qty_fits_kind(cls, qty: int, info: ValidationInfo) -> int:
        kind = info.data.get("kind")
        if kind == "adjustment" and qty == 0:
            raise ValueError("an adjustment must change stock: qty must not be 0")
        if kind in ("receipt", "wastage") and qty < 1:
            raise ValueError(f"a {kind} needs qty >= 1")
        return qty

    def signed_qty(self) -> int:
        return -self.qty if self.kind == "wastage" else self.qty


class MovementResult(BaseModel):
    store_code: str
    sku: str
    kind: MovementKind
    qty: int
    on_hand: int


class TransferCreate(BaseModel):
    from_store: Text = Field(min_length=1, max_length=32)
    to_store: Text = Field(min_length=1, max_length=32)
    sku: Text = Field(min_length=1, max_length=40)
    qty: Units
    reference: FreeText = Field(default="", max_length=120)

    @model_validator(mode="after")
    def different_stores(self) -> "TransferCreate":
        if self.from_store == self.to_store:
            raise ValueError("to_store must differ from from_store")
        return self


class MovementPublic(BaseModel):
    id: int
    sku: str
    kind: MovementKind
    qty: int
    reference: str
    actor: str
    created_at: datetime


class LedgerMismatch(BaseModel):
    check: Literal["on_hand_vs_ledger", "sales_vs_orders"]
    store_code: str
    sku: str
    expected: int
    actual: int
