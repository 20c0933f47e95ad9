"""The configured cities: the one place an unknown city code is refused."""

from zoneinfo import ZoneInfo

from fastcommerce.config import CityConfig, Settings
from fastcommerce.errors import Loc, UnknownCity


def require_city(settings: Settings, code: str, loc: Loc) -> CityConfig:
    for city in settings.cities:
        if city.code == code:
            return city
    raise UnknownCity(code, loc=loc)


def require_city_zone(settings: Settings, code: str, loc: Loc) -> ZoneInfo:
    return ZoneInfo(require_city(settings, code, loc).timezone)
