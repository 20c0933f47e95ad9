// POST /api/transfers {from_store, to_store, sku, qty, reference}: moves units from one store to another
// (a transfer out and a transfer in, in one transaction); 409 when the sending store no longer holds them.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from './client';
import { TRANSFER_SUGGESTIONS_KEY, type TransferSuggestion } from './transferSuggestions';

/** The reference a transfer made from a suggestion carries in both stores' ledgers. */
const SUGGESTED_TRANSFER_REFERENCE = 'suggested transfer';

/** Executing a suggestion; on success the suggestions and the stores' stock are asked again. */
export function useExecuteTransfer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ from_store, to_store, sku, qty }: TransferSuggestion) =>
      apiPost(
        '/api/transfers',
        {},
        { from_store, to_store, sku, qty, reference: SUGGESTED_TRANSFER_REFERENCE },
      ),
    // Not awaited: the move is done; the suggestions take seconds to compute again.
    onSuccess: () => {
      for (const queryKey of [[TRANSFER_SUGGESTIONS_KEY], ['store-inventory'], ['inventory-health']]) {
        void queryClient.invalidateQueries({ queryKey });
      }
    },
  });
}
