import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ME_KEY } from '../api/auth';
import { ApiError } from '../api/client';

/** Retry a failed request once, unless the API rejected it (4xx): asking again gets the same answer. */
export const retryOnce = (failures: number, error: Error): boolean =>
  failures < 1 && !(error instanceof ApiError && !error.unreachable);

export function createQueryClient(): QueryClient {
  // A 401 anywhere means the session ended (it expired, or the user was disabled): asking who is signed in
  // again shows the sign-in page.
  const onError = (error: Error) => {
    if (error instanceof ApiError && error.status === 401) void client.invalidateQueries({ queryKey: [ME_KEY] });
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        retry: retryOnce, // then the query's refetchInterval (pollEvery) keeps retrying while the API is down
        staleTime: 10_000,
      },
    },
  });
  return client;
}
