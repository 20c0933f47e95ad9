// GET /api/restock-plans/{id}: one restock plan with its lines and history (the open plan's detail, which
// stays shown when an action moves it out of the filtered list).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, pollEvery } from './client';
import { RESTOCK_PLANS_KEY } from './restockPlans';

export const restockPlanQueryOptions = (id: number) =>
  queryOptions({
    queryKey: [RESTOCK_PLANS_KEY, 'one', id],
    queryFn: ({ signal }) => apiGet('/api/restock-plans/{id}', { path: { id } }, signal),
    refetchInterval: pollEvery(false), // only to retry after a failure; actions refetch it
  });

/** The plan `id` (none: nothing asked), with its lines and history. */
export const useRestockPlan = (id: number | null) => useQuery({ ...restockPlanQueryOptions(id ?? 0), enabled: id !== null });
