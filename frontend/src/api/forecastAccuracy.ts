// GET /api/forecasts/accuracy: the latest finished run's backtest accuracy (WAPE, MASE), per model and overall.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, pollEvery, type Ok } from './client';

export type ForecastAccuracy = Ok<'/api/forecasts/accuracy'>;
export type AccuracyRow = ForecastAccuracy['overall'];

/** `runId`, the latest finished run the page knows of, only keys the cache: a new run refetches it. A 404
 * (no run has finished yet) is asked again every few seconds. */
export const forecastAccuracyQueryOptions = (runId: number | null) =>
  queryOptions({
    queryKey: ['forecast-accuracy', runId],
    queryFn: ({ signal }) => apiGet('/api/forecasts/accuracy', {}, signal),
    refetchInterval: pollEvery(false, { untilFound: true }),
  });

export const useForecastAccuracy = (runId: number | null) => useQuery(forecastAccuracyQueryOptions(runId));
