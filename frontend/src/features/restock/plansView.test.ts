import { describe, expect, it } from 'vitest';
import { changePlansView, DEFAULT_PLANS_VIEW, parsePlansView, serializePlansView } from './plansView';

describe('the Restock plans page in the URL', () => {
  it('reads every part of the state, and writes it back the same', () => {
    const search = '?status=partially_received&store=BLR-001&page=3&plan=42';
    const view = parsePlansView(search);
    expect(view).toEqual({ status: 'partially_received', store: 'BLR-001', page: 3, plan: 42 });
    expect(serializePlansView(view)).toBe(search);
  });

  it('leaves the defaults out, keeps parameters that are not its own, and ignores values it cannot use', () => {
    expect(serializePlansView(DEFAULT_PLANS_VIEW, '?debug=1&page=4')).toBe('?debug=1');
    expect(parsePlansView('?status=shipped&store=<x>&page=0&plan=-1')).toEqual(DEFAULT_PLANS_VIEW);
    expect(parsePlansView('?page=2.5&plan=99999999999').page).toBe(1);
    expect(parsePlansView('?page=2.5&plan=99999999999').plan).toBeNull();
    expect(parsePlansView('?store=blr-002').store).toBe('BLR-002');
  });

  it('goes back to page 1 when a filter changes, not when a plan is opened', () => {
    const onPage3 = { ...DEFAULT_PLANS_VIEW, page: 3 };
    expect(changePlansView(onPage3, { status: 'draft' }).page).toBe(1);
    expect(changePlansView(onPage3, { store: 'BLR-001' }).page).toBe(1);
    expect(changePlansView(onPage3, { status: null }).page).toBe(3); // unchanged
    expect(changePlansView(onPage3, { plan: 7 })).toEqual({ ...onPage3, plan: 7 });
    expect(changePlansView(onPage3, { page: 4 }).page).toBe(4);
  });
});
