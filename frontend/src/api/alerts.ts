// GET /api/alerts?status=&kind=&store=&limit=&offset=: alerts, newest first; a page of them with the total in
// X-Total-Count (which alone gives the counts: the nav's open alerts, the Alerts page's per kind).
import { keepPreviousData, queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import { apiGetPage, pollEvery, type Ok } from './client';
import type { components } from './schema';

export type Alert = Ok<'/api/alerts'>[number];
export type AlertKind = components['schemas']['AlertKind'];
export type AlertStatus = components['schemas']['AlertStatus'];

export const ALERT_KINDS: readonly AlertKind[] = ['low_stock', 'out_of_stock', 'overstock', 'demand_anomaly'];
export const ALERT_STATUSES: readonly AlertStatus[] = ['open', 'acknowledged', 'resolved'];

export interface AlertsFilter {
  status: AlertStatus | null;
  kind: AlertKind | null;
  store: string | null;
}

/** The key every alert query starts with: what the stream's alert events and an acknowledgement refresh. */
export const ALERTS_KEY = 'alerts';
/** Alerts are evaluated every minute: asked again at least this often. */
export const ALERTS_POLL_MS = 30_000;

const listAlerts = ({ status, kind, store }: AlertsFilter, limit: number, offset: number, signal: AbortSignal) =>
  apiGetPage('/api/alerts', { query: { status, kind, store, limit, offset } }, signal);

export const alertsQueryOptions = (filter: AlertsFilter, limit: number, offset: number) =>
  queryOptions({
    queryKey: [ALERTS_KEY, 'list', filter, limit, offset],
    queryFn: ({ signal }) => listAlerts(filter, limit, offset, signal),
    placeholderData: keepPreviousData,
    refetchInterval: pollEvery(ALERTS_POLL_MS),
  });

export const useAlerts = (filter: AlertsFilter, limit: number, offset: number) =>
  useQuery(alertsQueryOptions(filter, limit, offset));

/** How many alerts match: a one-row page's X-Total-Count. */
const alertCountQueryOptions = (filter: AlertsFilter) =>
  queryOptions({
    queryKey: [ALERTS_KEY, 'count', filter],
    queryFn: async ({ signal }) => (await listAlerts(filter, 1, 0, signal)).total,
    refetchInterval: pollEvery(ALERTS_POLL_MS),
  });

/** The number of open alerts (the navigation's badge). */
export const useOpenAlertCount = () => useQuery(alertCountQueryOptions({ status: 'open', kind: null, store: null }));

/** How many alerts of each kind match the status and store (one small request per kind). */
export function useAlertCounts(status: AlertStatus | null, store: string | null) {
  return useQueries({
    queries: ALERT_KINDS.map((kind) => alertCountQueryOptions({ status, kind, store })),
    combine: (results) => ({
      counts: Object.fromEntries(ALERT_KINDS.map((kind, i) => [kind, results[i]?.data])) as Record<
        AlertKind,
        number | undefined
      >,
      error: results.find((result) => result.error)?.error ?? null,
    }),
  });
}
