// POST /api/restock-plans/{id}/receive {lines: [{sku, qty}], close, remainder}: units that arrived at the
// store; `close` settles what never will (written off, or back-ordered to the hub). A refused quantity comes back
// as 422 naming its line: loc ["body", "lines", i, "qty"].
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiPost, type PostBody } from './client';
import { RESTOCK_PLANS_KEY } from './restockPlans';

type ReceiveBody = PostBody<'/api/restock-plans/{id}/receive'>;
export type Remainder = NonNullable<ReceiveBody['remainder']>;

export interface Receipt {
  lines: { sku: string; qty: number }[];
  close: boolean;
  remainder: Remainder;
}

/** The index of the line (in the receipt sent) whose quantity or SKU the API refused, if it names one. */
export function refusedLine(error: Error | null): number | null {
  if (!(error instanceof ApiError)) return null;
  for (const { loc } of error.details) {
    if (loc[0] === 'body' && loc[1] === 'lines' && typeof loc[2] === 'number') return loc[2];
  }
  return null;
}

/** A receipt for plan `id`; afterwards (refused too: the plan may have changed elsewhere) the plans, the hubs
 * and the stores' stock are asked again. */
export function useReceivePlan(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (receipt: Receipt) =>
      apiPost('/api/restock-plans/{id}/receive', { path: { id } }, receipt),
    onSettled: () =>
      Promise.all(
        [[RESTOCK_PLANS_KEY], ['hubs'], ['store-inventory'], ['inventory-health']].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      ),
  });
}
