"""Settings, read once from the environment (and an optional `.env`)."""

from functools import lru_cache
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import Depends
from pydantic import AliasChoices, BaseModel, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_TIMEZONE = "Asia/Kolkata"


class CityConfig(BaseModel):
    code: str
    name: str
    pincode_prefixes: list[int] = Field(description="First three digits of the city's pincodes")
    timezone: str = DEFAULT_TIMEZONE
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
    frontend_dist: Path = Field(
        default=Path("frontend/dist"), description="the dashboard's build, served at /"
    )
    embedded_database_name: str = "fastcommerce"
    cities: list[CityConfig] = Field(default_factory=lambda: list(DEFAULT_CITIES))
    max_centroid_distance_km: float = 25.0
    city_hull_buffer_m: float = 1500.0
    default_store_radius_m: int = 2000
    default_store_capacity_units: int = 60_000
    bulk_order_limit: int = 10_000
    api_host: str = "127.0.0.1"
    api_port: int = 8000
    demo_seed: int = 7
    demo_sku_count: int = 500
    demo_orders_per_store_day: float = 150.0
    demo_history_days: int = 35
    demo_live_speed: float = 5.0
    celery_broker_url: str | None = Field(
        default=None,
        description="Celery broker, e.g. redis://127.0.0.1:6379/0; unset: the project's PostgreSQL database",
    )
    forecast_enabled: bool = True
    forecast_schedule: str = Field(
        default="02:30",
        pattern=r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$",
        description="HH:MM, local time in scheduler_timezone, of the nightly forecast",
    )
    scheduler_timezone: str | None = Field(
        default=None, description="IANA zone of forecast_schedule; unset: the first city's timezone"
    )
    forecast_horizon_days: int = Field(default=14, ge=1, le=90)
    forecast_history_days: int = Field(default=56, ge=7, description="days of demand a forecast learns from")
    forecast_n_jobs: int = Field(default=2, ge=1, description="processes a forecast run uses")

    @field_validator("scheduler_timezone")
    @classmethod
    def known_zone(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    def city_zones(self) -> dict[str, ZoneInfo]:
        return {c.code: ZoneInfo(c.timezone) for c in self.cities}

    def scheduler_zone(self) -> str:
        return self.scheduler_timezone or (self.cities[0].timezone if self.cities else DEFAULT_TIMEZONE)


@lru_cache
def get_settings() -> Settings:
    return Settings()


SettingsDep = Annotated[Settings, Depends(get_settings)]
