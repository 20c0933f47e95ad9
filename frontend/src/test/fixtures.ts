import type { HeatmapCollection, HeatmapFeature, HeatmapProperties } from '../api/heatmap';

const square = (lng: number, lat: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [lng, lat],
      [lng + 0.01, lat],
      [lng + 0.01, lat + 0.01],
      [lng, lat + 0.01],
      [lng, lat],
    ],
  ],
});

export function feature(id: string, properties: Partial<HeatmapProperties> = {}, at = [77.59, 12.97]): HeatmapFeature {
  return {
    type: 'Feature',
    id,
    geometry: square(at[0] as number, at[1] as number),
    properties: {
      id,
      units: 0,
      orders: 0,
      lost_units: 0,
      revenue: 0,
      intensity: 0,
      previous: 0,
      change: 0,
      change_pct: null,
      anomaly: null,
      served: true,
      unserved_units: 0,
      ...properties,
    },
  };
}

export function collection(
  features: HeatmapFeature[],
  metadata: Partial<HeatmapCollection['metadata']> = {},
): HeatmapCollection {
  const totals = { units: 0, orders: 0, lost_units: 0, revenue: 0 };
  for (const f of features) {
    totals.units += f.properties.units;
    totals.orders += f.properties.orders;
    totals.lost_units += f.properties.lost_units;
    totals.revenue += f.properties.revenue;
  }
  return {
    type: 'FeatureCollection',
    features,
    metadata: {
      level: 'pincode',
      metric: 'units',
      from: '2026-06-03T09:00:00+00:00',
      to: '2026-06-03T10:00:00+00:00',
      totals,
      intensity_scale: { min: 0, max: Math.max(0, ...features.map((f) => f.properties.units)) },
      areas: 'approximate pincode areas (Voronoi of India Post centroids)',
      ...metadata,
    },
  };
}

/** The user the page tests are signed in as. */
export const SIGNED_IN = {
  name: 'asha',
  role: 'planner' as const,
  permissions: ['read', 'orders:write', 'stock:write', 'rules:write', 'plans:write', 'plans:receive', 'alerts:write'] as const,
  stores: null,
};
