from typing import Any

import h3

H3_RESOLUTIONS = (7, 8, 9)


def cell_of(lat: float, lng: float, resolution: int) -> str:
    return str(h3.latlng_to_cell(lat, lng, resolution))


def cells_of(lat: float, lng: float) -> dict[int, str]:
    return {res: cell_of(lat, lng, res) for res in H3_RESOLUTIONS}


def cell_polygon(cell: str) -> dict[str, Any]:
    """GeoJSON Polygon of an H3 cell ([lng, lat] order, ring closed)."""
    ring = [[round(lng, 6), round(lat, 6)] for lat, lng in h3.cell_to_boundary(cell)]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}
