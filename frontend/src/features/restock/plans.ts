// What the plans page shows of a plan: its status, the actions its status allows, its lines in order, what
// is still owed of each line, and a planner run's summary.
import type { PlannerOutcome, PlannerRun } from '../../api/replenishmentRun';
import type { PlanLine, PlanStatus, RestockPlan } from '../../api/restockPlans';
import type { PlanTransition } from '../../api/restockPlanTransition';

export const STATUS_LABEL: Record<PlanStatus, string> = {
  draft: 'Draft',
  approved: 'Approved',
  dispatched: 'Dispatched',
  partially_received: 'Partially received',
  closed: 'Closed',
  cancelled: 'Cancelled',
};

export type PlanAction = PlanTransition | 'receive';

export const ACTION_LABEL: Record<PlanAction, string> = {
  approve: 'Approve',
  dispatch: 'Dispatch',
  cancel: 'Cancel plan',
  receive: 'Receive',
};

/** The actions a plan's status allows (the API refuses the others with 409). */
const ACTIONS: Record<PlanStatus, readonly PlanAction[]> = {
  draft: ['approve', 'cancel'],
  approved: ['dispatch', 'cancel'],
  dispatched: ['receive'],
  partially_received: ['receive'],
  closed: [],
  cancelled: [],
};

export const actionsOf = (status: PlanStatus): readonly PlanAction[] => ACTIONS[status];

/** Units dispatched that have neither arrived nor been settled (written off, back-ordered). */
export const owed = (line: PlanLine): number =>
  Math.max(0, line.dispatched - line.received - line.written_off - line.back_ordered);

/** Largest quantity first, then by SKU. */
export const linesByQty = (lines: readonly PlanLine[]): PlanLine[] =>
  [...lines].sort((a, b) => b.qty - a.qty || a.sku.localeCompare(b.sku));

/** Whether any of the plan's units have left the hub (then what arrived is worth showing). */
export const hasShipped = (plan: Pick<RestockPlan, 'lines'>): boolean => plan.lines.some((line) => line.dispatched > 0);

// A planner run

export const OUTCOME_LABEL: Record<PlannerOutcome, string> = {
  created: 'created',
  updated: 'updated',
  unchanged: 'unchanged',
  removed: 'removed',
  skipped: 'past draft, left alone',
  nothing: 'nothing to order',
};
const OUTCOMES = Object.keys(OUTCOME_LABEL) as PlannerOutcome[];

export interface RunSummary {
  stores: number;
  /** Stores per outcome, in a fixed order, only those that occurred. */
  outcomes: { outcome: PlannerOutcome; stores: number }[];
  units: number;
  lines: number;
  /** The wave planned per city. */
  waves: { city: string; at: string }[];
}

export function runSummary(run: PlannerRun): RunSummary {
  const count = (outcome: PlannerOutcome) => run.stores.filter((store) => store.outcome === outcome).length;
  return {
    stores: run.stores.length,
    outcomes: OUTCOMES.map((outcome) => ({ outcome, stores: count(outcome) })).filter((o) => o.stores > 0),
    units: run.stores.reduce((sum, store) => sum + store.units, 0),
    lines: run.stores.reduce((sum, store) => sum + store.lines, 0),
    waves: Object.entries(run.waves).map(([city, at]) => ({ city, at })),
  };
}
