// POST /api/alerts/{id}/ack: open → acknowledged (again: no change; a resolved alert: 409).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from './client';
import { ALERTS_KEY } from './alerts';

/** Acknowledging an alert; on success every alert query (lists, counts, the nav's badge) is asked again. */
export type AlertAcknowledgement = ReturnType<typeof useAcknowledgeAlert>;

export function useAcknowledgeAlert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiPost('/api/alerts/{id}/ack', { path: { id } }, undefined),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [ALERTS_KEY] }),
  });
}
