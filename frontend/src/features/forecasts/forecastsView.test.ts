import { describe, expect, it } from 'vitest';
import { parseSort } from '../../lib/sort';
import {
  apiSort,
  changeView,
  DEFAULT_SORT,
  DEFAULT_FORECASTS_VIEW,
  nextSort,
  parseForecastsView,
  serializeForecastsView,
  SORT_KEYS,
  type ForecastsView,
} from './forecastsView';

/** A sort as the URL writes it. */
const sort = (text: string) => parseSort(text, SORT_KEYS, DEFAULT_SORT);

const view = (change: Partial<ForecastsView>): ForecastsView => ({ ...DEFAULT_FORECASTS_VIEW, ...change });

describe('the Forecasts page in the URL', () => {
  it('reads every part of the state, and writes it back the same', () => {
    const search = '?store=BLR-001&q=milk+1+L&model=ets&sort=-wape&page=3&series=BLR-001%3ADAI-0001';
    const parsed = parseForecastsView(search);
    expect(parsed).toEqual({
      store: 'BLR-001',
      q: 'milk 1 L',
      model: 'ets',
      sort: { key: 'wape', descending: true },
      page: 3,
      series: { store: 'BLR-001', sku: 'DAI-0001' },
    });
    expect(serializeForecastsView(parsed)).toBe(search);
    expect(parseForecastsView(serializeForecastsView(parsed))).toEqual(parsed);
  });

  it('leaves the defaults out, and keeps parameters that are not its own', () => {
    expect(serializeForecastsView(DEFAULT_FORECASTS_VIEW)).toBe('');
    expect(serializeForecastsView(view({ page: 2 }), '?debug=1&page=9&sort=sku')).toBe('?debug=1&page=2');
  });

  it('falls back to the defaults for values it cannot use', () => {
    const parsed = parseForecastsView(
      '?store=<script>&model=ETS!&sort=price&page=0&series=BLR-001&q=' + 'x'.repeat(80),
    );
    expect(parsed).toEqual({ ...DEFAULT_FORECASTS_VIEW, q: 'x'.repeat(64) });
    expect(parseForecastsView('?page=2.5').page).toBe(1);
    expect(parseForecastsView('?page=99999999').page).toBe(1);
    expect(parseForecastsView('?series=BLR-001:DAI-0001:X').series).toBeNull();
    expect(parseForecastsView('?store=blr-001&series=blr-001:dai-0001')).toMatchObject({
      store: 'BLR-001',
      series: { store: 'BLR-001', sku: 'DAI-0001' },
    });
  });

  it('goes back to page 1 when a filter or the sort changes, not when a series is picked', () => {
    const onPage3 = view({ page: 3, store: 'BLR-001' });
    expect(changeView(onPage3, { q: 'milk' }).page).toBe(1);
    expect(changeView(onPage3, { model: 'ets' }).page).toBe(1);
    expect(changeView(onPage3, { sort: sort('sku') }).page).toBe(1);
    expect(changeView(onPage3, { sort: sort('-error') }).page).toBe(3); // the sort it had
    expect(changeView(onPage3, { store: 'BLR-001' }).page).toBe(3); // the same store: nothing changed
    expect(changeView(onPage3, { series: { store: 'BLR-001', sku: 'DAI-0001' } }).page).toBe(3);
    expect(changeView(onPage3, { page: 4 }).page).toBe(4);
  });
});

describe('sorting by a header', () => {
  it('flips the sorted column, and starts numbers worst first and text alphabetically', () => {
    const next = (current: string, key: (typeof SORT_KEYS)[number]) => apiSort(nextSort(sort(current), key));
    expect(next('-error', 'error')).toBe('error');
    expect(next('error', 'error')).toBe('-error');
    expect(next('-error', 'wape')).toBe('-wape');
    expect(next('-error', 'units')).toBe('-units');
    expect(next('-error', 'sku')).toBe('sku');
    expect(next('sku', 'sku')).toBe('-sku');
    expect(next('-wape', 'store')).toBe('store');
  });
});
