// POST /api/replenishment/run (body {stores?, wave?}; none: every store, now): the planner makes or updates each
// store's draft for its next wave and answers with what it did per store, and the plans.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost, type Posted } from './client';
import { RESTOCK_PLANS_KEY } from './restockPlans';

export type PlannerRun = Posted<'/api/replenishment/run'>;
export type PlannerOutcome = PlannerRun['stores'][number]['outcome'];

/** A planner run of every store; on success the plans and hubs are asked again. */
export function useRunPlanner() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost('/api/replenishment/run', {}, null),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: [RESTOCK_PLANS_KEY] }),
        queryClient.invalidateQueries({ queryKey: ['hubs'] }),
      ]),
  });
}
