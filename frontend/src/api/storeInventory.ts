// GET /api/stores/{code}/inventory: a store's stock per SKU (searched, filtered, sorted), a page of it with the
// total in X-Total-Count.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { paths } from './schema';
import { apiGetPage, pollEvery, type Ok } from './client';

export type InventoryRow = Ok<'/api/stores/{code}/inventory'>[number];
type Query = NonNullable<paths['/api/stores/{code}/inventory']['get']['parameters']['query']>;
/** A column to sort by, "-" first for descending. */
export type InventorySort = NonNullable<Query['sort']>;

/** Which rows: what the list and its CSV export (storeInventoryCsv.ts) share. */
export interface InventoryFilter {
  code: string;
  /** Part of the SKU code or name, any case. */
  q?: string;
  category?: string;
  belowReorderPoint: boolean;
  outOfStock?: boolean;
  sort?: InventorySort;
}

export interface StoreInventoryParams extends InventoryFilter {
  limit: number;
  offset?: number;
}

/** The query string of a filter, as the API names its parameters (empty and false ones left out). */
export function inventoryQuery({ q, category, belowReorderPoint, outOfStock, sort }: InventoryFilter): Query {
  return {
    q: q || undefined,
    category: category || undefined,
    below_reorder_point: belowReorderPoint || undefined,
    out_of_stock: outOfStock || undefined,
    sort: sort === 'sku' ? undefined : sort,
  };
}

export const storeInventoryQueryOptions = (params: StoreInventoryParams) => {
  const { code, limit, offset = 0 } = params;
  const query = inventoryQuery(params);
  return queryOptions({
    queryKey: ['store-inventory', code, query, limit, offset],
    queryFn: ({ signal }) =>
      apiGetPage('/api/stores/{code}/inventory', { path: { code }, query: { ...query, limit, offset } }, signal),
    refetchInterval: pollEvery(30_000),
  });
};

export const useStoreInventory = (params: StoreInventoryParams) => useQuery(storeInventoryQueryOptions(params));
