import h3

H3_RESOLUTIONS = (7, 8, 9)


def cell_of(lat: float, lng: float, resolution: int) -> str:
    return str(h3.latlng_to_cell(lat, lng, resolution))


def cells_of(lat: float, lng: float) -> dict[int, str]:
    return {res: cell_of(lat, lng, res) for res in H3_RESOLUTIONS}
