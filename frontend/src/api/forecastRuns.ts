// GET /api/forecasts/runs?limit=: forecast runs, newest first, with their status and progress.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, type Ok } from './client';

export type ForecastRun = Ok<'/api/forecasts/runs'>[number];

const RUNNING_MS = 3_000; // a run in flight: its progress bar moves
const IDLE_MS = 60_000; // runs are hours apart; this notices one started by the scheduler or the CLI
const RETRY_MS = 5_000;

export const isRunning = (run: ForecastRun): boolean => run.status === 'running';

/** How often to ask again: every few seconds while a run is in flight (or after a failure), else every minute. */
export function runsRefetchInterval(query: { state: { status: string; data?: readonly ForecastRun[] } }): number {
  if (query.state.status === 'error') return RETRY_MS;
  return query.state.data?.some(isRunning) ? RUNNING_MS : IDLE_MS;
}

export const forecastRunsQueryOptions = (limit: number) =>
  queryOptions({
    queryKey: ['forecast-runs', limit],
    queryFn: ({ signal }) => apiGet('/api/forecasts/runs', { query: { limit } }, signal),
    refetchInterval: runsRefetchInterval,
  });

export const useForecastRuns = (limit: number) => useQuery(forecastRunsQueryOptions(limit));
