// GET /api/heatmap: demand per approximate pincode area or H3 cell over a window, as GeoJSON.
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { PolygonGeometry } from '../lib/geo';
import type { Measure } from '../lib/view';
import { apiGet, pollEvery } from './client';
import type { operations } from './schema';

type HeatmapQuery = NonNullable<operations['get_heatmap_api_heatmap_get']['parameters']['query']>;
export type HeatmapParams = Required<Pick<HeatmapQuery, 'city' | 'window' | 'metric' | 'level' | 'resolution'>> & {
  /** The end of the window (ISO 8601 with offset) when playing back the past; absent: now. */
  to?: string;
  /** Only this SKU's / category's demand; absent: every SKU. */
  sku?: string;
  category?: string;
};

export type Measures = Record<Measure, number>;

// The schema types features and metadata as free-form objects; these are the shapes the backend's demand
// service builds (src/fastcommerce/demand/service.py).
export interface HeatmapProperties extends Measures {
  id: string;
  intensity: number;
  /** The metric asked for, over the previous window of the same length. */
  previous: number;
  change: number;
  change_pct: number | null;
  /** z-score against the same window in earlier weeks; null when they do not vary. */
  anomaly: number | null;
  served: boolean;
  unserved_units: number;
  /** Pincode level only. */
  name?: string;
  store_code?: string | null;
  /** H3 level only: the pincodes whose centroid lies in the cell. */
  pincodes?: number[];
}

export interface HeatmapFeature {
  type: 'Feature';
  id: string;
  geometry: PolygonGeometry | null;
  properties: HeatmapProperties;
}

export interface HeatmapMetadata {
  level: 'pincode' | 'h3';
  metric: Measure;
  from: string;
  to: string;
  totals: Measures;
  intensity_scale: { min: number; max: number };
  /** What the areas are, to show in small print. */
  areas: string;
}

export interface HeatmapCollection {
  type: 'FeatureCollection';
  features: HeatmapFeature[];
  metadata: HeatmapMetadata;
}

export interface HeatmapData {
  /** Identifies the parameters the collection was fetched with. */
  key: string;
  params: HeatmapParams;
  /** When the request started (performance.now()): live deltas received after it may not be in it. */
  fetchedAt: number;
  collection: HeatmapCollection;
}

const REFRESH_MS = 60_000; // windows slide even when no order arrives
const PAST_STALE_MS = 10 * 60_000;

export const heatmapQueryOptions = (params: HeatmapParams) =>
  queryOptions({
    queryKey: ['heatmap', params],
    queryFn: async ({ signal }): Promise<HeatmapData> => {
      const fetchedAt = performance.now();
      const body = await apiGet('/api/heatmap', { query: params }, signal);
      return {
        key: JSON.stringify(params),
        params,
        fetchedAt,
        collection: body as unknown as HeatmapCollection,
      };
    },
    placeholderData: keepPreviousData,
    // A window of the past does not change; a live one slides.
    staleTime: params.to === undefined ? 0 : PAST_STALE_MS,
    refetchInterval: pollEvery(params.to === undefined ? REFRESH_MS : false),
  });

export const useHeatmap = (params: HeatmapParams) => useQuery(heatmapQueryOptions(params));
