"""Settings, read once from the environment (and an optional `.env`)."""

import re
from datetime import UTC, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import Depends
from pydantic import AliasChoices, BaseModel, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_TIMEZONE = "Asia/Kolkata"
_HHMM = re.compile(r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$")


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
    order_batch_max: int = Field(
        default=64,
        ge=1,
        le=1000,
        description="single orders arriving together are placed at most this many at a time",
    )
    order_batch_concurrency: int = Field(
        default=1,
        ge=1,
        le=32,
        description="batches of single orders placed at once, each its own transaction",
    )
    max_body_bytes: int = Field(
        default=8 * 1024 * 1024,
        ge=1024,
        description="a request body larger than this is refused (413) before it is read",
    )
    timestamp_earliest: datetime = Field(
        default=datetime(2000, 1, 1, tzinfo=UTC), description="no timestamp a request gives may be earlier"
    )
    timestamp_max_ahead: timedelta = Field(
        default=timedelta(days=1),
        description="nor later than this from now (clocks differ; ISO 8601, e.g. P1D)",
    )
    api_host: str = "127.0.0.1"
    api_port: int = 8000
    jwt_secret: SecretStr | None = Field(
        default=None,
        description="signs tokens and sessions; when unset, a random one made once in data_dir/jwt-secret",
    )
    access_token_minutes: int = Field(default=15, ge=1, le=24 * 60)
    refresh_token_days: int = Field(default=7, ge=1, le=90)
    session_hours: int = Field(default=12, ge=1, le=24 * 30, description="the dashboard's login lasts this")
    session_cookie_secure: bool = Field(
        default=False, description="send the session cookie over HTTPS only (set it behind TLS)"
    )
    auth_cache_seconds: float = Field(
        default=5,
        ge=0,
        le=300,
        description="an API process trusts an API key or a user it looked up for this long: a revoked key or"
        " a disabled user is refused by every process within it",
    )
    login_attempts_per_minute: int = Field(
        default=5, ge=1, description="failed logins allowed per username and client address in a minute"
    )
    cors_origins: list[str] = Field(
        default_factory=list, description="origins other than the API's own that browsers may call it from"
    )
    demo_admin_password: SecretStr | None = Field(
        default=None, description="`make demo` gives the user admin this password (else a random one, shown)"
    )
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
        pattern=_HHMM.pattern,
        description="HH:MM, local time in scheduler_timezone, of the nightly forecast",
    )
    scheduler_timezone: str | None = Field(
        default=None, description="IANA zone of forecast_schedule; unset: the first city's timezone"
    )
    forecast_horizon_days: int = Field(default=14, ge=1, le=90)
    forecast_history_days: int = Field(default=56, ge=7, description="days of demand a forecast learns from")
    forecast_n_jobs: int = Field(default=2, ge=1, description="processes a forecast run uses")
    forecast_dask: str | None = Field(
        default=None,
        description="run forecasts on Dask (the scale extra), partitions of series on the workers: a"
        " scheduler's address (tcp://host:8786) or 'local' (forecast_n_jobs workers here);"
        " unset: forecast_n_jobs processes here",
    )
    forecast_keep_days: int = Field(
        default=14,
        ge=1,
        le=3650,
        description="forecast runs are kept this many days, one a local day (the latest done);"
        " the latest done run is always kept",
    )
    restock_waves: list[str] = Field(
        default_factory=lambda: ["06:00", "15:00"],
        min_length=1,
        description="HH:MM local times at which hubs deliver to their dark stores",
    )
    restock_cutoff_minutes: int = Field(
        default=120,
        ge=1,
        le=720,
        description="a wave's plan closes (and the hub dispatches) this long before it",
    )
    restock_plan_minutes_before_cutoff: int = Field(
        default=20, ge=1, le=240, description="the scheduler runs the planner this long before each cut-off"
    )
    restock_policy: str = Field(
        default="forecast", pattern="^(minmax|forecast)$", description="the rule where none is set"
    )
    restock_service_level: float = Field(default=0.98, gt=0.5, lt=1)
    restock_moq: int = Field(default=1, ge=1)
    restock_dispersion: float = Field(
        default=0.3, ge=0, description="c in var = mean + c·mean² where no forecast band says otherwise"
    )
    restock_demand_days: int = Field(
        default=14, ge=1, description="days of demand behind the rate where no forecast exists"
    )
    alert_overstock_factor: float = Field(
        default=2.0, gt=1, description="overstock: on hand above this many times the order-up-to level"
    )
    alert_anomaly_z: float = Field(default=3.0, gt=0, description="demand anomaly: |z| at least this")
    alert_full_minutes: int = Field(
        default=60,
        ge=1,
        description="judge every stock row at least this often (in between, only the rows that changed)",
    )
    alert_change_margin_minutes: int = Field(
        default=5,
        ge=0,
        description="a minute's evaluation also judges rows changed this long before the last one began"
        " (stock written by transactions that were still open then)",
    )
    transfer_radius_m: int = Field(
        default=5_000, gt=0, description="rebalancing looks this far for a neighbour"
    )

    @field_validator("restock_waves")
    @classmethod
    def known_wave_times(cls, values: list[str]) -> list[str]:
        for value in values:
            if not _HHMM.fullmatch(value):
                raise ValueError(f"wave times are HH:MM, got {value!r}")
        return values

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

    def wave_times(self) -> list[time]:
        """The delivery waves of a day, earliest first."""
        return sorted({time(int(h), int(m)) for h, m in (w.split(":") for w in self.restock_waves)})

    def scheduler_zone(self) -> str:
        return self.scheduler_timezone or (self.cities[0].timezone if self.cities else DEFAULT_TIMEZONE)


@lru_cache
def get_settings() -> Settings:
    return Settings()


async def settings_dependency() -> Settings:
    """The settings, for an operation (async: FastAPI runs a plain function in a worker thread)."""
    return get_settings()


SettingsDep = Annotated[Settings, Depends(settings_dependency)]
