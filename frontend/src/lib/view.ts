// The choices that make up a view of the map: what the URL holds and the controls offer.

/** India's one time zone: the cities' (as the API's settings have it; the API does not send it). */
const INDIA_TIME_ZONE = 'Asia/Kolkata';

export const CITIES = {
  BLR: { name: 'Bengaluru', lat: 12.97, lng: 77.59, timeZone: INDIA_TIME_ZONE },
  DEL: { name: 'Delhi', lat: 28.61, lng: 77.21, timeZone: INDIA_TIME_ZONE },
  BOM: { name: 'Mumbai', lat: 19.08, lng: 72.88, timeZone: INDIA_TIME_ZONE },
} as const;
export type City = keyof typeof CITIES;
export const CITY_CODES = Object.keys(CITIES) as City[];

/** The local time zone of a city (India's for one the dashboard does not know). */
export const cityTimeZone = (city: string | undefined): string =>
  city !== undefined && city in CITIES ? CITIES[city as City].timeZone : INDIA_TIME_ZONE;

/** The four measures the API sums per area; revenue is in integer paise. */
export const MEASURES = ['units', 'orders', 'lost_units', 'revenue'] as const;
export type Measure = (typeof MEASURES)[number];

/** What the map is coloured by: a measure, or the change / anomaly (z-score) of units. */
export const METRICS = [...MEASURES, 'change', 'anomaly'] as const;
export type Metric = (typeof METRICS)[number];

export const WINDOWS = ['15m', '1h', '24h', '7d'] as const;
export type Window = (typeof WINDOWS)[number];

export const LEVELS = ['pincode', 'h3'] as const;
export type Level = (typeof LEVELS)[number];

export const RESOLUTIONS = [7, 8, 9] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export interface Camera {
  lat: number;
  lng: number;
  zoom: number;
}

export interface ViewState {
  city: City;
  metric: Metric;
  window: Window;
  level: Level;
  res: Resolution;
  /** Where the map looks; null: fit the map to the city's areas. */
  camera: Camera | null;
  /** The end of the window shown (ISO 8601, UTC), when playing back the past; null: live (now). */
  time: string | null;
  /** Only this SKU's demand; null: every SKU. */
  sku: string | null;
  /** Only this category's demand; null: every category. */
  category: string | null;
  /** Layers drawn over the demand: stores' service areas, and the demand no store serves. */
  serviceAreas: boolean;
  unserved: boolean;
}

export const MIN_ZOOM = 4;
export const MAX_ZOOM = 18;
export const CITY_ZOOM = 11;
/** The map rests on half zoom steps: a city fills more of the screen than whole steps allow. */
export const ZOOM_SNAP = 0.5;
