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

/** [lat, lng] of the mean of a polygon's outer-ring vertices (its largest part's, for a multipolygon): inside
 * the convex areas the map draws (Voronoi cells clipped to a hull, H3 hexagons). */
export function centreOf(geometry: PolygonGeometry | null): [number, number] | null {
  if (!geometry) return null;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const ring = polygons
    .map((polygon) => polygon[0] ?? [])
    .reduce<Position[]>((largest, outer) => (outer.length > largest.length ? outer : largest), []);
  // GeoJSON rings repeat their first vertex at the end.
  const vertices = ring.length > 1 && String(ring[0]) === String(ring[ring.length - 1]) ? ring.slice(0, -1) : ring;
  let lat = 0;
  let lng = 0;
  let count = 0;
  for (const [x, y] of vertices) {
    if (x === undefined || y === undefined) continue;
    lng += x;
    lat += y;
    count += 1;
  }
  return count ? [lat / count, lng / count] : null;
}
