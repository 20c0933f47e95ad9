// GET /api/forecasts/series?store=&sku=&model=&q=&sort=&limit=&offset=: the latest finished run's store × SKU
// series (model, reason, backtest accuracy, units missed), a page of them with the total in X-Total-Count.
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, apiGetPage, pollEvery, type Ok } from './client';
import type { paths } from './schema';

export type ForecastSeriesRow = Ok<'/api/forecasts/series'>[number];
type SeriesQuery = NonNullable<paths['/api/forecasts/series']['get']['parameters']['query']>;
export type SeriesSort = NonNullable<SeriesQuery['sort']>;

export interface ForecastSeriesParams {
  store: string | null;
  model: string | null;
  /** Text in the SKU's code or name. */
  q: string;
  sort: SeriesSort;
  limit: number;
  offset: number;
  /** The latest finished run the page knows of: only keys the cache, so that a new run refetches. */
  runId: number | null;
}

/** 422: the API refused a filter (an unknown store or model, from an edited link). */
export const isRejectedFilter = (error: Error | null): boolean => error instanceof ApiError && error.status === 422;

export const forecastSeriesQueryOptions = ({ store, model, q, sort, limit, offset, runId }: ForecastSeriesParams) =>
  queryOptions({
    queryKey: ['forecast-series', { store, model, q, sort, limit, offset, runId }],
    queryFn: ({ signal }) =>
      apiGetPage('/api/forecasts/series', { query: { store, model, q, sort, limit, offset } }, signal),
    placeholderData: keepPreviousData, // the table stays while the next page, sort or filter loads
    // Asked again every few seconds until a run exists; a refused filter waits for another.
    refetchInterval: pollEvery(false, { untilFound: true }),
  });

export const useForecastSeries = (params: ForecastSeriesParams) => useQuery(forecastSeriesQueryOptions(params));
