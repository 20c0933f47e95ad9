import type { PathOptions } from 'leaflet';

/** What each shape of the offline basemap (basemap/india.json, made by `make basemap`) is. */
export type BasemapKind = 'land' | 'lake' | 'state' | 'country';
export type LabelClass = 'country' | 'sea' | 'state' | 'city';

export interface BasemapFeature {
  type: 'Feature';
  properties: { kind: BasemapKind };
  geometry: { type: 'MultiPolygon' | 'Polygon' | 'MultiLineString' | 'LineString'; coordinates: unknown };
}

/** A place name, shown from `minzoom` to `maxzoom` (both included). */
export interface BasemapLabel {
  name: string;
  label: LabelClass;
  lat: number;
  lng: number;
  minzoom: number;
  maxzoom: number;
}

export interface BasemapData {
  shapes: { type: 'FeatureCollection'; features: BasemapFeature[] };
  labels: BasemapLabel[];
}

export const BASEMAP_ATTRIBUTION =
  'Basemap: <a href="https://www.naturalearthdata.com/" target="_blank" rel="noreferrer">Natural Earth</a>';

/** Muted on purpose: the demand choropleth on top is what the map is for. Land sits a shade below the
 * heatmap's zero colour (#f5f5f0) so that a city's areas read as lit against it, the sea is a cool grey-blue
 * that no heatmap colour uses, and boundaries are thin warm greys that give way to the areas' outlines. */
export const BASEMAP_COLORS = {
  sea: '#c9d8e2',
  land: '#e7e5df',
  state: '#a39e97',
  country: '#8f8994',
} as const;

const KINDS: readonly BasemapKind[] = ['land', 'lake', 'state', 'country'];
const LABEL_CLASSES: readonly LabelClass[] = ['country', 'sea', 'state', 'city'];

export const isBasemapKind = (value: unknown): value is BasemapKind =>
  typeof value === 'string' && (KINDS as readonly string[]).includes(value);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function labelOf(properties: Record<string, unknown>, geometry: Record<string, unknown>): BasemapLabel | null {
  const { name, label, minzoom, maxzoom } = properties;
  const at = geometry.type === 'Point' && Array.isArray(geometry.coordinates) ? geometry.coordinates : [];
  const [lng, lat] = at as unknown[];
  if (
    typeof name !== 'string' ||
    !(LABEL_CLASSES as readonly unknown[]).includes(label) ||
    typeof minzoom !== 'number' ||
    typeof maxzoom !== 'number' ||
    typeof lng !== 'number' ||
    typeof lat !== 'number'
  ) {
    return null;
  }
  return { name, label: label as LabelClass, lat, lng, minzoom, maxzoom };
}

/** The file as fetched, split into shapes and labels; null when it is not a basemap (a proxy's error page, a
 * truncated download). Features of kinds this version does not know are left out. */
export function parseBasemap(data: unknown): BasemapData | null {
  if (!isRecord(data) || data.type !== 'FeatureCollection' || !Array.isArray(data.features)) return null;
  const features: BasemapFeature[] = [];
  const labels: BasemapLabel[] = [];
  for (const f of data.features as unknown[]) {
    if (!isRecord(f) || !isRecord(f.properties) || !isRecord(f.geometry)) continue;
    if (f.properties.kind === 'label') {
      const label = labelOf(f.properties, f.geometry);
      if (label) labels.push(label);
    } else if (isBasemapKind(f.properties.kind)) {
      features.push(f as unknown as BasemapFeature);
    }
  }
  return features.length > 0 ? { shapes: { type: 'FeatureCollection', features }, labels } : null;
}

export const labelShows = (label: BasemapLabel, zoom: number): boolean =>
  zoom >= label.minzoom && zoom <= label.maxzoom;

/** Line widths by zoom: hairlines for the whole country (many lines, small), stronger closer in. */
const widths = (zoom: number, far: number, mid: number, near: number) => (zoom < 6 ? far : zoom < 8 ? mid : near);

export function basemapStyle(kind: BasemapKind, zoom: number): PathOptions {
  switch (kind) {
    case 'land':
      // nonzero: the file's far and near land overlap a little where they meet (see scripts/build_basemap.py).
      return { stroke: false, fill: true, fillColor: BASEMAP_COLORS.land, fillOpacity: 1, fillRule: 'nonzero' };
    case 'lake':
      return { stroke: false, fill: true, fillColor: BASEMAP_COLORS.sea, fillOpacity: 1 };
    case 'state':
      // Not at the lowest zoom: the neighbours' provinces would be a tangle, and they end at the file's box.
      return {
        stroke: zoom >= 5,
        fill: false,
        color: BASEMAP_COLORS.state,
        weight: widths(zoom, 0.6, 0.9, 1.4),
        opacity: 1,
      };
    case 'country':
      return { stroke: true, fill: false, color: BASEMAP_COLORS.country, weight: widths(zoom, 1.2, 1.6, 2.2), opacity: 1 };
  }
}
