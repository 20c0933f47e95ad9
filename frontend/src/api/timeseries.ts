// GET /api/heatmap/timeseries: demand per 5-minute or hourly step of one pincode, H3 cell or store.
import { queryOptions } from '@tanstack/react-query';
import { apiGet, pollEvery, type Ok } from './client';

export type Timeseries = Ok<'/api/heatmap/timeseries'>;

const REFRESH_MS = 5 * 60_000;

/** A store's units per 5-minute step over the last 24 h. */
export const storeDayQueryOptions = (store: string) =>
  queryOptions({
    queryKey: ['timeseries', 'store', store, '5m', '24h'],
    queryFn: ({ signal }) =>
      apiGet('/api/heatmap/timeseries', { query: { store, step: '5m', window: '24h' } }, signal),
    staleTime: REFRESH_MS,
    refetchInterval: pollEvery(REFRESH_MS),
  });
