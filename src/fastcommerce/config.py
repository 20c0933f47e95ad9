"""Settings, read once from the environment (and an optional `.env`)."""

from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import AliasChoices, BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class CityConfig(BaseModel):
    code: str
    name: str
    pincode_prefixes: list[int] = Field(description="First three digits of the city's pincodes")
    timezone: str = "Asia/Kolkata"
    demo_store_count: int = 10


DEFAULT_CITIES = [
    CityConfig(code="BLR", name="Bengaluru", pincode_prefixes=[560]),
    CityConfig(code="DEL", name="Delhi", pincode_prefixes=[110]),
    CityConfig(code="BOM", name="Mumbai", pincode_prefixes=[400]),
]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FC_", env_file=".env", extra="ignore")

    database_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("DATABASE_URL", "FC_DATABASE_URL"),
        description="PostgreSQL URL; when unset an embedded PostgreSQL under data_dir is used",
    )
    data_dir: Path = Path("var")
    embedded_database_name: str = "fastcommerce"
    cities: list[CityConfig] = Field(default_factory=lambda: list(DEFAULT_CITIES))
    max_centroid_distance_km: float = 25.0
    city_hull_buffer_m: float = 1500.0
    default_store_radius_m: int = 2000
    default_store_capacity_units: int = 60_000
    bulk_order_limit: int = 10_000
    bulk_commit_every: int = 500
    api_host: str = "127.0.0.1"
    api_port: int = 8000
    demo_seed: int = 7
    demo_sku_count: int = 500
    demo_orders_per_store_day: float = 150.0
    demo_history_days: int = 21
    demo_live_speed: float = 5.0

    def city_zones(self) -> dict[str, ZoneInfo]:
        return {c.code: ZoneInfo(c.timezone) for c in self.cities}


@lru_cache
def get_settings() -> Settings:
    return Settings()
