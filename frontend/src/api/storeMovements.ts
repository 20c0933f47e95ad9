// GET /api/stores/{code}/movements?sku=&before_id=&limit=: a store's stock ledger, newest first, paged with
// before_id (the last id of the page before).
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiGet, pollEvery, type Ok } from './client';

export type Movement = Ok<'/api/stores/{code}/movements'>[number];

export interface StoreMovementsParams {
  code: string;
  sku?: string;
  /** Movements a page. */
  limit: number;
}

export const storeMovementsQueryOptions = ({ code, sku, limit }: StoreMovementsParams) =>
  infiniteQueryOptions({
    queryKey: ['store-movements', code, sku ?? null, limit],
    queryFn: ({ signal, pageParam }) =>
      apiGet(
        '/api/stores/{code}/movements',
        { path: { code }, query: { sku, limit, before_id: pageParam ?? undefined } },
        signal,
      ),
    initialPageParam: null as number | null,
    // A short page is the last one; otherwise the next starts before the oldest movement shown.
    getNextPageParam: (last) => (last.length < limit ? null : (last[last.length - 1]?.id ?? null)),
    staleTime: 0,
    refetchInterval: pollEvery(30_000),
  });

export const useStoreMovements = (params: StoreMovementsParams) =>
  useInfiniteQuery(storeMovementsQueryOptions(params));
