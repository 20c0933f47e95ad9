// GET /api/hubs: the mother hubs, the dark stores each restocks, its stock and the units approved plans promised.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, pollEvery, type Ok } from './client';

export type Hub = Ok<'/api/hubs'>[number];

export const hubsQueryOptions = () =>
  queryOptions({
    queryKey: ['hubs'],
    queryFn: ({ signal }) => apiGet('/api/hubs', { query: {} }, signal),
    refetchInterval: pollEvery(60_000),
  });

export const useHubs = () => useQuery(hubsQueryOptions());
