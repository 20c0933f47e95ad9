// Demand from pincodes no store serves: where the next store would sell.
import type { HeatmapFeature } from '../../api/heatmap';
import { centreOf } from '../../lib/geo';

export interface UnservedPlace {
  feature: HeatmapFeature;
  /** A pincode and its name, or an H3 cell. */
  label: string;
  units: number;
  centre: [number, number];
}

/** The places with unserved units, most first (ties by label), each with where to draw it. */
export function unservedPlaces(features: readonly HeatmapFeature[]): UnservedPlace[] {
  const places: UnservedPlace[] = [];
  for (const feature of features) {
    const units = feature.properties.unserved_units;
    const centre = centreOf(feature.geometry);
    if (units <= 0 || !centre) continue;
    const name = feature.properties.name;
    places.push({ feature, label: name ? `${feature.id} · ${name}` : `Cell ${feature.id}`, units, centre });
  }
  return places.sort((a, b) => b.units - a.units || a.label.localeCompare(b.label));
}

export const MIN_RADIUS_PX = 4;
export const MAX_RADIUS_PX = 20;

/** A circle's radius in pixels: its area grows with the units, the largest place gets the largest circle. */
export function radiusFor(units: number, maxUnits: number): number {
  if (maxUnits <= 0 || units <= 0) return MIN_RADIUS_PX;
  return MIN_RADIUS_PX + (MAX_RADIUS_PX - MIN_RADIUS_PX) * Math.sqrt(Math.min(units, maxUnits) / maxUnits);
}
