// Geometry helpers that need no map library.

export type Position = number[]; // GeoJSON [lng, lat]
export type PolygonGeometry =
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

/** [[south, west], [north, east]] around the polygons, or null when there are none. */
export type Bounds = [[number, number], [number, number]];

export function boundsOf(geometries: readonly (PolygonGeometry | null)[]): Bounds | null {
  let south = Infinity;
  let west = Infinity;
  let north = -Infinity;
  let east = -Infinity;
  for (const geometry of geometries) {
    if (!geometry) continue;
    const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
    for (const ring of rings) {
      for (const [lng, lat] of ring) {
        if (lng === undefined || lat === undefined) continue;
        south = Math.min(south, lat);
        north = Math.max(north, lat);
        west = Math.min(west, lng);
        east = Math.max(east, lng);
      }
    }
  }
  return Number.isFinite(south) ? [[south, west], [north, east]] : null;
}
