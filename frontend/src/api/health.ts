// GET /api/health: is the API up and its database reachable.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, apiGet, pollEvery } from './client';

export interface Health {
  status: string;
  database: string;
}

export const healthQueryOptions = () =>
  queryOptions({
    queryKey: ['health'],
    // The schema leaves the body untyped; the backend answers {status, database}, with 503 when degraded.
    queryFn: async ({ signal }) => {
      try {
        return (await apiGet('/api/health', {}, signal)) as Health;
      } catch (error) {
        if (error instanceof ApiError && error.status === 503) throw new ApiError(503, 'its database is unavailable');
        throw error;
      }
    },
    refetchInterval: pollEvery(30_000),
    retry: false,
  });

export const useHealth = () => useQuery(healthQueryOptions());
