// GET /api/stores?city=: the dark stores of a city (of every city without one), with their service radius.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, pollEvery, type Ok } from './client';

export type Store = Ok<'/api/stores'>[number];

export const storesQueryOptions = (city?: string) =>
  queryOptions({
    queryKey: ['stores', city ?? '*'],
    queryFn: ({ signal }) => apiGet('/api/stores', { query: { city } }, signal),
    staleTime: 5 * 60_000,
    refetchInterval: pollEvery(false), // only to retry after a failure
  });

export const useStores = (city?: string) => useQuery(storesQueryOptions(city));
