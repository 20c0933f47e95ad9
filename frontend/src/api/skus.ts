// GET /api/skus: the catalog (the demo's 500 SKUs fit one page), and the categories found in it.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, type Ok } from './client';

export type Sku = Ok<'/api/skus'>[number];

/** The most SKUs one request returns (the API's page limit). */
const CATALOG_LIMIT = 5000;

export const skusQueryOptions = () =>
  queryOptions({
    queryKey: ['skus'],
    queryFn: ({ signal }) => apiGet('/api/skus', { query: { limit: CATALOG_LIMIT } }, signal),
    staleTime: 10 * 60_000,
  });

export const useSkus = () => useQuery(skusQueryOptions());

/** The categories of a catalog, sorted. */
export const categoriesOf = (skus: readonly Sku[]): string[] =>
  [...new Set(skus.map((sku) => sku.category))].sort((a, b) => a.localeCompare(b));
