// GET /api/simulation/history: how much of the demo's simulated history each city has so far.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, pollEvery, type Ok } from './client';

export type HistoryProgress = Ok<'/api/simulation/history'>;
export type CityHistory = HistoryProgress['cities'][number];

const POLL_MS = 5_000;

export const cityHistory = (progress: HistoryProgress | undefined, city: string): CityHistory | undefined =>
  progress?.cities.find((c) => c.city === city);

/** Polls every few seconds until `city`'s history is all in place (a city it does not list counts as done). */
export const simulationHistoryQueryOptions = (city: string) =>
  queryOptions({
    queryKey: ['simulation-history'],
    queryFn: ({ signal }) => apiGet('/api/simulation/history', {}, signal),
    refetchInterval: (query) => {
      const { data } = query.state;
      if (data && (cityHistory(data, city)?.done ?? true)) return false;
      return pollEvery(POLL_MS)(query);
    },
  });

export const useSimulationHistory = (city: string) => useQuery(simulationHistoryQueryOptions(city));
