// The view in the query string: parsed with defaults (bad values fall back), written back in a fixed order.
import {
  CITY_CODES,
  LEVELS,
  MAX_ZOOM,
  METRICS,
  MIN_ZOOM,
  RESOLUTIONS,
  WINDOWS,
  ZOOM_SNAP,
  type Camera,
  type ViewState,
} from './view';

export const DEFAULT_VIEW: ViewState = {
  city: 'BLR',
  metric: 'units',
  window: '1h',
  level: 'pincode',
  res: 8,
  camera: null,
  time: null,
  sku: null,
  category: null,
  serviceAreas: true,
  unserved: false,
};

const VIEW_KEYS = ['city', 'lat', 'lng', 'zoom', 'metric', 'window', 'level', 'res', 'category', 'sku', 'service', 'unserved', 't'] as const;
/** The API's limit on SKU codes and category names. */
const MAX_NAME_LENGTH = 40;
const COORDINATE_DIGITS = 5; // about a metre
const ZOOM_STEPS = 1 / ZOOM_SNAP;

function oneOf<T extends string | number>(choices: readonly T[], raw: string | null, fallback: T): T {
  const found = choices.find((choice) => String(choice) === raw?.trim());
  return found ?? fallback;
}

function numberIn(raw: string | null, min: number, max: number): number | null {
  if (raw === null || raw.trim() === '') return null;
  const value = Number(raw);
  return Number.isFinite(value) && value >= min && value <= max ? value : null;
}

function parseCamera(params: URLSearchParams): Camera | null {
  const lat = numberIn(params.get('lat'), -90, 90);
  const lng = numberIn(params.get('lng'), -180, 180);
  const zoom = numberIn(params.get('zoom'), MIN_ZOOM, MAX_ZOOM);
  // A camera is all three or nothing: half a position would put the map somewhere arbitrary.
  return lat === null || lng === null || zoom === null ? null : { lat, lng, zoom: Math.round(zoom * ZOOM_STEPS) / ZOOM_STEPS };
}

/** A SKU code or category name as the API accepts it; null when absent, blank or too long. */
function nameIn(raw: string | null): string | null {
  const value = raw?.trim() ?? '';
  return value === '' || value.length > MAX_NAME_LENGTH ? null : value;
}

/** A time in any ISO 8601 form Date understands, normalised to UTC with "Z"; null when absent or invalid. */
export function parseTime(raw: string | null): string | null {
  if (raw === null || raw.trim() === '') return null;
  const ms = Date.parse(raw.trim());
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

export function parseView(search: string): ViewState {
  const params = new URLSearchParams(search);
  const city = params.get('city')?.trim().toUpperCase() ?? null;
  return {
    city: oneOf(CITY_CODES, city, DEFAULT_VIEW.city),
    metric: oneOf(METRICS, params.get('metric'), DEFAULT_VIEW.metric),
    window: oneOf(WINDOWS, params.get('window'), DEFAULT_VIEW.window),
    level: oneOf(LEVELS, params.get('level'), DEFAULT_VIEW.level),
    res: oneOf(RESOLUTIONS, params.get('res'), DEFAULT_VIEW.res),
    camera: parseCamera(params),
    time: parseTime(params.get('t')),
    sku: nameIn(params.get('sku')),
    category: nameIn(params.get('category')),
    serviceAreas: params.get('service') !== '0',
    unserved: params.get('unserved') === '1',
  };
}

/** The query string (with "?") of a view; parameters that are not the view's are kept as they were. */
export function serializeView(view: ViewState, currentSearch = ''): string {
  const params = new URLSearchParams(currentSearch);
  VIEW_KEYS.forEach((key) => params.delete(key));
  params.set('city', view.city);
  if (view.camera) {
    params.set('lat', view.camera.lat.toFixed(COORDINATE_DIGITS));
    params.set('lng', view.camera.lng.toFixed(COORDINATE_DIGITS));
    params.set('zoom', String(view.camera.zoom));
  }
  params.set('metric', view.metric);
  params.set('window', view.window);
  params.set('level', view.level);
  params.set('res', String(view.res));
  if (view.category !== null) params.set('category', view.category);
  if (view.sku !== null) params.set('sku', view.sku);
  // Layers only when they differ from the default, so that a plain link stays short.
  if (!view.serviceAreas) params.set('service', '0');
  if (view.unserved) params.set('unserved', '1');
  if (view.time !== null) params.set('t', view.time);
  return `?${params.toString()}`;
}
