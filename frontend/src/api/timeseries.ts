// GET /api/heatmap/timeseries: demand per 5-minute or hourly step of one pincode, H3 cell, store or city.
import { queryOptions } from '@tanstack/react-query';
import { apiGet, pollEvery, type Ok } from './client';

export type Timeseries = Ok<'/api/heatmap/timeseries'>;

/** A city's demand, of every SKU or only one SKU's or category's. */
export interface CityDemand {
  city: string;
  sku?: string;
  category?: string;
}

const REFRESH_MS = 5 * 60_000;

/** A city's units per 5-minute step over the last 24 h. */
export const cityDayQueryOptions = (demand: CityDemand) =>
  queryOptions({
    queryKey: ['timeseries', 'city', demand, '5m', '24h'],
    queryFn: ({ signal }) =>
      apiGet('/api/heatmap/timeseries', { query: { ...demand, step: '5m', window: '24h' } }, signal),
    staleTime: REFRESH_MS,
    refetchInterval: pollEvery(REFRESH_MS),
  });
