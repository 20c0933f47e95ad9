from pydantic import BaseModel, ConfigDict, Field

from fastcommerce.bounds import INT4_MAX


class SkuCreate(BaseModel):
    sku: str = Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    name: str = Field(min_length=1, max_length=160)
    category: str = Field(min_length=1, max_length=60)
    case_pack: int = Field(ge=1, le=1000)
    shelf_life_days: int = Field(ge=1, le=3650)
    price_paise: int = Field(ge=0, le=INT4_MAX)


class SkuPublic(SkuCreate):
    model_config = ConfigDict(from_attributes=True)
