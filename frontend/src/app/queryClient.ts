import { QueryClient } from '@tanstack/react-query';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: 1, // then the query's refetchInterval (pollEvery) keeps retrying every few seconds
        staleTime: 10_000,
      },
    },
  });
}
