"""Approximate pincode areas: Voronoi cells of the centroids, clipped to the city's buffered hull.

India Post publishes no pincode boundaries, so the UI calls these "approximate pincode areas".
Shapely works in (x, y) = (lng, lat); this module is where that swap happens.
"""

import math
from collections.abc import Sequence
from typing import Any

import shapely
from shapely.geometry import MultiPoint, Point, mapping

METERS_PER_DEGREE_LAT = 111_320.0


def approximate_areas(centroids: Sequence[tuple[float, float]], hull_buffer_m: float) -> list[dict[str, Any]]:
    """GeoJSON Polygon per (lat, lng) centroid, in the same order."""
    points = [Point(lng, lat) for lat, lng in centroids]
    mean_lat = sum(lat for lat, _ in centroids) / len(centroids)
    # Degrees of longitude shrink with latitude; buffer in degrees of latitude, which is close enough
    # for a city-sized hull (the result is approximate by design).
    buffer_deg = hull_buffer_m / (METERS_PER_DEGREE_LAT * max(math.cos(math.radians(mean_lat)), 0.1))
    hull = MultiPoint(points).convex_hull.buffer(buffer_deg)
    cells = shapely.voronoi_polygons(MultiPoint(points), extend_to=hull)
    areas: list[dict[str, Any]] = []
    for point in points:
        cell = next(c for c in cells.geoms if c.covers(point))
        clipped = cell.intersection(hull)
        if clipped.geom_type != "Polygon":
            clipped = max(getattr(clipped, "geoms", [clipped]), key=lambda g: g.area)
        areas.append(_rounded(mapping(clipped)))
    return areas


def _rounded(geometry: Any) -> dict[str, Any]:
    return {
        "type": "Polygon",
        "coordinates": [[[round(x, 5), round(y, 5)] for x, y in ring] for ring in geometry["coordinates"]],
    }
