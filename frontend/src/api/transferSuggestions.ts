// GET /api/transfers/suggestions?city=: store-to-store transfers that would save sales before the next delivery.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, pollEvery, type Ok } from './client';

export type TransferSuggestion = Ok<'/api/transfers/suggestions'>[number];

export const TRANSFER_SUGGESTIONS_KEY = 'transfer-suggestions';

export const transferSuggestionsQueryOptions = () =>
  queryOptions({
    queryKey: [TRANSFER_SUGGESTIONS_KEY],
    queryFn: ({ signal }) => apiGet('/api/transfers/suggestions', { query: {} }, signal),
    refetchInterval: pollEvery(60_000),
  });

export const useTransferSuggestions = () => useQuery(transferSuggestionsQueryOptions());
