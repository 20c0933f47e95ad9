import statistics

import h3
import pytest
from shapely.geometry import Point, shape
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fastcommerce.config import CityConfig
from fastcommerce.geo.areas import approximate_areas
from fastcommerce.geo.distance import haversine_m
from fastcommerce.geo.models import Pincode
from fastcommerce.geo.pincodes import _Centroid, city_pincodes, drop_outliers


def test_haversine_matches_a_known_distance() -> None:
    # Bengaluru GPO to Delhi GPO is about 1,740 km as the crow flies.
    assert haversine_m(12.9716, 77.5946, 28.6139, 77.2090) == pytest.approx(1_740_000, rel=0.01)


def test_outliers_far_from_the_city_median_are_dropped() -> None:
    near = [_Centroid(560000 + i, 12.95 + i * 0.01, 77.58 + i * 0.01) for i in range(10)]
    far = _Centroid(560999, 15.0, 78.0)  # ~230 km away
    kept = drop_outliers([*near, far], max_distance_km=25)
    assert far not in kept
    assert kept == near


def test_every_area_contains_its_centroid_and_areas_do_not_overlap() -> None:
    centroids = [(12.90 + 0.02 * (i % 5), 77.50 + 0.02 * (i // 5)) for i in range(20)]
    areas = [shape(a) for a in approximate_areas(centroids, hull_buffer_m=1000)]
    for (lat, lng), area in zip(centroids, areas, strict=True):
        assert area.contains(Point(lng, lat))
    overlap = sum(a.intersection(b).area for i, a in enumerate(areas) for b in areas[i + 1 :])
    assert overlap < 1e-9


def test_city_pincodes_are_real_and_within_25_km() -> None:
    city = CityConfig(code="BLR", name="Bengaluru", pincode_prefixes=[560])
    records = city_pincodes(city, max_distance_km=25, hull_buffer_m=1500)
    assert 80 <= len(records) <= 109  # the directory has 109 with centroids; a few are far off
    assert all(560000 <= r.pincode <= 560999 for r in records)
    median = (statistics.median(r.lat for r in records), statistics.median(r.lng for r in records))
    assert max(haversine_m(r.lat, r.lng, *median) for r in records) <= 25_000 * 1.05
    koramangala = next(r for r in records if r.pincode == 560034)
    assert "Koramangala" in koramangala.name
    assert koramangala.h3[8] == h3.latlng_to_cell(koramangala.lat, koramangala.lng, 8)
    assert shape(koramangala.area).contains(Point(koramangala.lng, koramangala.lat))


def test_pincodes_of_all_three_cities_are_loaded(session: Session) -> None:
    counts = dict(session.execute(select(Pincode.city, func.count()).group_by(Pincode.city)).all())
    assert set(counts) == {"BLR", "DEL", "BOM"}
    assert all(n >= 80 for n in counts.values())
    mumbai = session.get(Pincode, 400001)
    assert mumbai is not None and mumbai.city == "BOM"
    assert 18.8 < mumbai.lat < 19.1 and 72.7 < mumbai.lng < 73.0
