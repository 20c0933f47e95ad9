// GET /api/restock-plans?status=&store=&limit=&offset=&lines=false: restock plans, latest wave first, each with
// its totals (its lines and history come with the plan itself); a page of them with the total in X-Total-Count.
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGetPage, pollEvery, type Ok } from './client';
import type { components } from './schema';

export type RestockPlan = Ok<'/api/restock-plans'>[number];
export type PlanLine = RestockPlan['lines'][number];
export type PlanEvent = RestockPlan['history'][number];
export type PlanStatus = components['schemas']['PlanStatus'];

/** Every status a plan can have, in the order of its life. */
export const PLAN_STATUSES: readonly PlanStatus[] = [
  'draft',
  'approved',
  'dispatched',
  'partially_received',
  'closed',
  'cancelled',
];

export interface RestockPlansParams {
  status: PlanStatus | null;
  store: string | null;
  limit: number;
  offset: number;
}

/** The key every plan query starts with: what an action on a plan refreshes. */
export const RESTOCK_PLANS_KEY = 'restock-plans';

export const restockPlansQueryOptions = ({ status, store, limit, offset }: RestockPlansParams) =>
  queryOptions({
    queryKey: [RESTOCK_PLANS_KEY, 'list', { status, store, limit, offset }],
    queryFn: ({ signal }) =>
      apiGetPage('/api/restock-plans', { query: { status, store, limit, offset, lines: false } }, signal),
    placeholderData: keepPreviousData, // the table stays while the next page or filter loads
    refetchInterval: pollEvery(60_000), // the scheduler plans and auto-approves in the background
  });

export const useRestockPlans = (params: RestockPlansParams) => useQuery(restockPlansQueryOptions(params));
