from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from fastcommerce.bounds import Text

MAX_CAPACITY = 2_000_000_000


class PlaceCreate(BaseModel):
    code: str = Field(min_length=1, max_length=32, pattern=r"^[A-Z0-9][A-Z0-9-]*$")
    name: Text = Field(min_length=1, max_length=120)
    city: Text = Field(min_length=1, max_length=16)
    lat: float = Field(ge=-90, le=90)
    lng: float = Field(ge=-180, le=180)


class HubCreate(PlaceCreate):
    capacity_units: int = Field(default=10_000_000, gt=0, le=MAX_CAPACITY)


class StoreCreate(PlaceCreate):
    radius_m: int | None = Field(default=None, gt=0, le=20_000, description="default 2,000 m")
    capacity_units: int | None = Field(default=None, gt=0, le=MAX_CAPACITY)
    hub_code: Text | None = Field(default=None, max_length=32, description="the hub that restocks it")
    auto_approve: bool = Field(default=False, description="the planner approves its restock plans")


class CategoryCapacity(BaseModel):
    category: Text = Field(min_length=1, max_length=60)
    capacity_units: int | None = Field(
        gt=0, le=MAX_CAPACITY, description="units of this category the store has room for; null: no limit"
    )


class StoreCapacityPut(BaseModel):
    """New limits; what is left out stays as it is."""

    capacity_units: int | None = Field(default=None, gt=0, le=MAX_CAPACITY, description="all units")
    categories: list[CategoryCapacity] = Field(default_factory=list, max_length=500)


class StoreCapacityPublic(BaseModel):
    store_code: str
    capacity_units: int
    categories: list[CategoryCapacity]


class StorePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    name: str
    city: str
    lat: float
    lng: float
    radius_m: int
    capacity_units: int
    hub_code: str | None
    auto_approve: bool
    created_at: datetime
    pincodes: list[int]


class PincodePublic(BaseModel):
    """A pincode of a configured city and the store that serves it (None: unserved)."""

    pincode: int
    name: str
    city: str
    district: str
    lat: float
    lng: float
    h3: dict[int, str]
    store_code: str | None
