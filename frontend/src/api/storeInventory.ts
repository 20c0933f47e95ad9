// GET /api/stores/{code}/inventory: a store's stock per SKU (optionally only at/below the reorder point),
// a page of it with the total in X-Total-Count.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGetPage, pollEvery, type Ok } from './client';

export type InventoryRow = Ok<'/api/stores/{code}/inventory'>[number];

export interface StoreInventoryParams {
  code: string;
  belowReorderPoint: boolean;
  limit: number;
}

export const storeInventoryQueryOptions = ({ code, belowReorderPoint, limit }: StoreInventoryParams) =>
  queryOptions({
    queryKey: ['store-inventory', code, belowReorderPoint, limit],
    queryFn: ({ signal }) =>
      apiGetPage(
        '/api/stores/{code}/inventory',
        { path: { code }, query: { below_reorder_point: belowReorderPoint, limit } },
        signal,
      ),
    refetchInterval: pollEvery(30_000),
  });

export const useStoreInventory = (params: StoreInventoryParams) => useQuery(storeInventoryQueryOptions(params));
