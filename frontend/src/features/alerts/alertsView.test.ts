import { describe, expect, it } from 'vitest';
import { changeAlertsView, DEFAULT_ALERTS_VIEW, parseAlertsView, serializeAlertsView } from './alertsView';

describe('the Alerts page in the URL', () => {
  it('shows open alerts unless the URL asks for another status, or all', () => {
    expect(parseAlertsView('')).toEqual(DEFAULT_ALERTS_VIEW);
    expect(DEFAULT_ALERTS_VIEW.status).toBe('open');
    expect(parseAlertsView('?status=all').status).toBeNull();
    expect(parseAlertsView('?status=resolved').status).toBe('resolved');
    expect(parseAlertsView('?status=gone').status).toBe('open');
    expect(serializeAlertsView({ ...DEFAULT_ALERTS_VIEW, status: null })).toBe('?status=all');
    expect(serializeAlertsView(DEFAULT_ALERTS_VIEW)).toBe('');
  });

  it('reads every part of the state, writes it back the same, and keeps parameters not its own', () => {
    const search = '?status=acknowledged&kind=low_stock&store=BLR-001&page=2';
    const view = parseAlertsView(search);
    expect(view).toEqual({ status: 'acknowledged', kind: 'low_stock', store: 'BLR-001', page: 2 });
    expect(serializeAlertsView(view)).toBe(search);
    expect(serializeAlertsView(view, '?debug=1&kind=overstock')).toBe(`?debug=1&${search.slice(1)}`);
    expect(parseAlertsView('?kind=fire&store=%3Cx%3E&page=-2')).toEqual(DEFAULT_ALERTS_VIEW);
  });

  it('goes back to page 1 when a filter changes', () => {
    const onPage3 = { ...DEFAULT_ALERTS_VIEW, page: 3 };
    expect(changeAlertsView(onPage3, { kind: 'overstock' }).page).toBe(1);
    expect(changeAlertsView(onPage3, { status: null }).page).toBe(1);
    expect(changeAlertsView(onPage3, { store: 'BLR-002' }).page).toBe(1);
    expect(changeAlertsView(onPage3, { status: 'open' }).page).toBe(3);
    expect(changeAlertsView(onPage3, { page: 2 }).page).toBe(2);
  });
});
