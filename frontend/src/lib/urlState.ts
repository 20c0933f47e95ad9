// The view in the query string: parsed with defaults (bad values fall back), written back in a fixed order.
import {
  CITY_CODES,
  LEVELS,
  MAX_ZOOM,
  METRICS,
  MIN_ZOOM,
  RESOLUTIONS,
  WINDOWS,
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
};

const VIEW_KEYS = ['city', 'lat', 'lng', 'zoom', 'metric', 'window', 'level', 'res', 't'] as const;
const COORDINATE_DIGITS = 5; // about a metre

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
  return lat === null || lng === null || zoom === null ? null : { lat, lng, zoom: Math.round(zoom) };
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
  if (view.time !== null) params.set('t', view.time);
  return `?${params.toString()}`;
}
