import { describe, expect, it } from 'vitest';
import type { PlannerRun } from '../../api/replenishmentRun';
import type { PlanLine } from '../../api/restockPlans';
import { actionsOf, hasShipped, linesByQty, owed, runSummary } from './plans';

const line = (sku: string, qty: number, shipped: Partial<PlanLine> = {}) =>
  ({ sku, qty, dispatched: 0, received: 0, written_off: 0, back_ordered: 0, ...shipped }) as PlanLine;

describe('a plan', () => {
  it('offers only the transitions its status allows', () => {
    expect(actionsOf('draft')).toEqual(['approve', 'cancel']);
    expect(actionsOf('approved')).toEqual(['dispatch', 'cancel']);
    expect(actionsOf('dispatched')).toEqual(['receive']);
    expect(actionsOf('partially_received')).toEqual(['receive']);
    expect(actionsOf('closed')).toEqual([]);
    expect(actionsOf('cancelled')).toEqual([]);
  });

  it('owes what was dispatched and neither arrived nor was settled', () => {
    expect(owed(line('A', 10, { dispatched: 10, received: 3, written_off: 1, back_ordered: 2 }))).toBe(4);
    expect(owed(line('A', 10))).toBe(0);
    expect(hasShipped({ lines: [line('A', 1), line('B', 2, { dispatched: 2 })] })).toBe(true);
    expect(hasShipped({ lines: [line('A', 1)] })).toBe(false);
  });

  it('lists its lines largest first, then by SKU', () => {
    const lines = [line('B', 5), line('C', 12), line('A', 5)];
    expect(linesByQty(lines).map((l) => l.sku)).toEqual(['C', 'A', 'B']);
    expect(lines.map((l) => l.sku)).toEqual(['B', 'C', 'A']); // not sorted in place
  });
});

describe('a planner run', () => {
  it('counts its stores by outcome, in a fixed order, and adds up units and lines', () => {
    const store = (outcome: PlannerRun['stores'][number]['outcome'], units = 0, lines = 0) => ({
      store_code: 'X',
      plan_id: null,
      outcome,
      units,
      lines,
    });
    const run: PlannerRun = {
      waves: { BLR: '2026-12-03T00:30:00Z', DEL: '2026-12-03T00:30:00Z' },
      lines_considered: 100,
      seconds: {},
      stores: [store('nothing'), store('created', 30, 2), store('unchanged', 10, 1), store('created', 5, 1)],
      plans: [],
    };
    expect(runSummary(run)).toEqual({
      stores: 4,
      outcomes: [
        { outcome: 'created', stores: 2 },
        { outcome: 'unchanged', stores: 1 },
        { outcome: 'nothing', stores: 1 },
      ],
      units: 45,
      lines: 4,
      waves: [
        { city: 'BLR', at: '2026-12-03T00:30:00Z' },
        { city: 'DEL', at: '2026-12-03T00:30:00Z' },
      ],
    });
  });
});
