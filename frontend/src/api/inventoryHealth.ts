// GET /api/inventory/health?city=: per store, how many SKUs are at/below their reorder point or out.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, pollEvery, type Ok } from './client';

export type StockHealth = Ok<'/api/inventory/health'>[number];

export const inventoryHealthQueryOptions = (city: string) =>
  queryOptions({
    queryKey: ['inventory-health', city],
    queryFn: ({ signal }) => apiGet('/api/inventory/health', { query: { city } }, signal),
    refetchInterval: pollEvery(60_000),
  });

export const useInventoryHealth = (city: string) => useQuery(inventoryHealthQueryOptions(city));
