// The Restock plans page's state in the query string (`?status=approved&store=BLR-001&page=2&plan=42`): the
// list's filters and page, and the plan whose detail is open. Parsed with defaults (bad values fall back),
// written back in a fixed order without them.
import { PLAN_STATUSES, type PlanStatus } from '../../api/restockPlans';

/** Plans per page: each comes with all its lines, so a page is kept small. */
export const PAGE_SIZE = 20;
const MAX_PAGE = 10_000;
const MAX_ID = 2 ** 31 - 1; // the API's bound
const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

export interface PlansView {
  status: PlanStatus | null;
  store: string | null;
  /** From 1. */
  page: number;
  /** The plan whose detail is open. */
  plan: number | null;
}

export const DEFAULT_PLANS_VIEW: PlansView = { status: null, store: null, page: 1, plan: null };
const KEYS = ['status', 'store', 'page', 'plan'] as const;

function positive(raw: string | null, max: number): number | null {
  const n = Number(raw);
  return raw !== null && Number.isInteger(n) && n >= 1 && n <= max ? n : null;
}

export function parsePlansView(search: string): PlansView {
  const params = new URLSearchParams(search);
  const status = params.get('status');
  const store = params.get('store')?.trim().toUpperCase() ?? '';
  return {
    status: PLAN_STATUSES.find((s) => s === status) ?? null,
    store: CODE.test(store) ? store : null,
    page: positive(params.get('page'), MAX_PAGE) ?? 1,
    plan: positive(params.get('plan'), MAX_ID),
  };
}

/** The query string (with "?", or "" when empty); parameters that are not the page's are kept. */
export function serializePlansView(view: PlansView, currentSearch = ''): string {
  const params = new URLSearchParams(currentSearch);
  KEYS.forEach((key) => params.delete(key));
  if (view.status) params.set('status', view.status);
  if (view.store) params.set('store', view.store);
  if (view.page > 1) params.set('page', String(view.page));
  if (view.plan !== null) params.set('plan', String(view.plan));
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** `view` with `change` applied; other filters start again at page 1. */
export function changePlansView(view: PlansView, change: Partial<PlansView>): PlansView {
  const next = { ...view, ...change };
  const refiltered = next.status !== view.status || next.store !== view.store;
  return refiltered && !('page' in change) ? { ...next, page: 1 } : next;
}
