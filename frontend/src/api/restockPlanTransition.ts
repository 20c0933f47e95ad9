// POST /api/restock-plans/{id}/approve | /dispatch | /cancel: the three transitions that take no input, one
// endpoint each with the same answer (the plan as it now is; the signed-in user is recorded). An illegal transition,
// or an approval the hub cannot cover (type hub_shortage), is refused with 409 and the reason.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from './client';
import { RESTOCK_PLANS_KEY } from './restockPlans';

export type PlanTransition = 'approve' | 'dispatch' | 'cancel';

const PATHS = {
  approve: '/api/restock-plans/{id}/approve',
  dispatch: '/api/restock-plans/{id}/dispatch',
  cancel: '/api/restock-plans/{id}/cancel',
} as const;

const transitionPlan = (id: number, action: PlanTransition) =>
  apiPost(PATHS[action], { path: { id } }, undefined);

/** A transition of plan `id`; afterwards the plans and the hubs (whose promised units change) are asked again,
 * after a refusal too (409: the plan changed elsewhere, and the page should show how). */
export function usePlanTransition(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: PlanTransition) => transitionPlan(id, action),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: [RESTOCK_PLANS_KEY] }),
        queryClient.invalidateQueries({ queryKey: ['hubs'] }),
      ]),
  });
}
