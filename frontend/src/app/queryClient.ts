import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client';

/** Retry a failed request once, unless the API rejected it (4xx): asking again gets the same answer. */
export const retryOnce = (failures: number, error: Error): boolean =>
  failures < 1 && !(error instanceof ApiError && !error.unreachable);

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: retryOnce, // then the query's refetchInterval (pollEvery) keeps retrying while the API is down
        staleTime: 10_000,
      },
    },
  });
}
