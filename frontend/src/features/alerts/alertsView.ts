// The Alerts page's state in the query string (`?status=all&kind=low_stock&store=BLR-001&page=2`): open alerts
// unless another status (or all) is asked for, a kind, a store, the page. Bad values fall back to the defaults.
import { ALERT_KINDS, ALERT_STATUSES, type AlertKind, type AlertStatus } from '../../api/alerts';

export const PAGE_SIZE = 50;
const MAX_PAGE = 10_000;
const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;
/** The URL's word for "every status" (no status in the URL means open ones). */
const ALL = 'all';

export interface AlertsView {
  /** null: every status. */
  status: AlertStatus | null;
  kind: AlertKind | null;
  store: string | null;
  /** From 1. */
  page: number;
}

export const DEFAULT_ALERTS_VIEW: AlertsView = { status: 'open', kind: null, store: null, page: 1 };
const KEYS = ['status', 'kind', 'store', 'page'] as const;

export function parseAlertsView(search: string): AlertsView {
  const params = new URLSearchParams(search);
  const status = params.get('status');
  const kind = params.get('kind');
  const store = params.get('store')?.trim().toUpperCase() ?? '';
  const page = Number(params.get('page'));
  return {
    status: status === ALL ? null : (ALERT_STATUSES.find((s) => s === status) ?? DEFAULT_ALERTS_VIEW.status),
    kind: ALERT_KINDS.find((k) => k === kind) ?? null,
    store: CODE.test(store) ? store : null,
    page: Number.isInteger(page) && page >= 1 && page <= MAX_PAGE ? page : 1,
  };
}

/** The query string (with "?", or "" when empty); parameters that are not the page's are kept. */
export function serializeAlertsView(view: AlertsView, currentSearch = ''): string {
  const params = new URLSearchParams(currentSearch);
  KEYS.forEach((key) => params.delete(key));
  if (view.status !== DEFAULT_ALERTS_VIEW.status) params.set('status', view.status ?? ALL);
  if (view.kind) params.set('kind', view.kind);
  if (view.store) params.set('store', view.store);
  if (view.page > 1) params.set('page', String(view.page));
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** `view` with `change` applied; a new filter starts again at page 1. */
export function changeAlertsView(view: AlertsView, change: Partial<AlertsView>): AlertsView {
  const next = { ...view, ...change };
  const refiltered = next.status !== view.status || next.kind !== view.kind || next.store !== view.store;
  return refiltered && !('page' in change) ? { ...next, page: 1 } : next;
}

export const KIND_LABEL: Record<AlertKind, string> = {
  low_stock: 'Low stock',
  out_of_stock: 'Out of stock',
  overstock: 'Overstock',
  demand_anomaly: 'Demand anomaly',
};

export const STATUS_LABEL: Record<AlertStatus, string> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
};
