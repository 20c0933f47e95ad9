// The page end to end in jsdom, against a fake API and stream: areas and markers are SVG paths, live deltas
// change an area within the page, a click opens the panel, controls go into the URL.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeEventSource } from '../test/fakeEventSource';
import { collection, feature, SIGNED_IN } from '../test/fixtures';

// jsdom has no SVG geometry: Leaflet checks for createSVGRect to use its SVG renderer, and sizes the map
// from clientWidth/Height. Both must be in place before Leaflet loads.
vi.hoisted(() => {
  Object.assign(SVGSVGElement.prototype, { createSVGRect: () => ({}) });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1024 });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 768 });
});
const { App } = await import('./App');

const heatmap = collection([
  feature('560001', { units: 12, orders: 5, revenue: 45_000, name: 'Bangalore GPO', store_code: 'BLR-001' }, [77.59, 12.97]),
  feature('560002', { units: 3, orders: 2, revenue: 9_000, name: 'Bangalore City', store_code: 'BLR-001' }, [77.6, 12.98]),
  feature('560099', { units: 1, orders: 1, served: false, unserved_units: 1, name: 'Outskirts' }, [77.7, 12.9]),
]);
const stores = [
  { code: 'BLR-001', name: 'Indiranagar', city: 'BLR', lat: 12.97, lng: 77.64, radius_m: 3000, capacity_units: 1, created_at: '', pincodes: [560001] },
  { code: 'BLR-002', name: 'Jayanagar', city: 'BLR', lat: 12.93, lng: 77.58, radius_m: 2500, capacity_units: 1, created_at: '', pincodes: [] },
];
const health = [
  { store_code: 'BLR-001', city: 'BLR', skus: 100, below_reorder_point: 2, out_of_stock: 0 },
  { store_code: 'BLR-002', city: 'BLR', skus: 100, below_reorder_point: 30, out_of_stock: 9 },
];
const measures = { units: 0, orders: 0, lost_units: 0, revenue: 0 };
const pincode = {
  pincode: 560001,
  name: 'Bangalore GPO',
  city: 'BLR',
  district: 'Bengaluru Urban',
  lat: 12.97,
  lng: 77.59,
  h3: {},
  served_by: { code: 'BLR-001', name: 'Indiranagar', distance_m: 1800 },
  trend: { last_24h: { ...measures, units: 40 }, previous_24h: { ...measures, units: 30 }, hourly: [] },
  top_skus_7d: [{ sku: 'DAI-0001', name: 'Milk 1 L', category: 'dairy', units: 25, lost_units: 2, revenue: 1_500_00 }],
};

const lowStock = [
  { sku: 'DAI-0001', name: 'Milk 1 L', category: 'dairy', on_hand: 0, reorder_point: 10, max_stock: 40, updated_at: '' },
  { sku: 'BAK-0002', name: 'Bread', category: 'bakery', on_hand: 3, reorder_point: 8, max_stock: 30, updated_at: '' },
];
const point = { yhat: 5, yhat_lower_80: 4, yhat_upper_80: 6, yhat_lower_95: 3, yhat_upper_95: 7 };
const forecast = {
  store: 'BLR-001',
  sku: 'DAI-0001',
  model: 'median',
  reason: null,
  backtest: { wape: 0.25, mase: 0.9 },
  unit: 'units a local day',
  points: [{ day: '2026-06-04', ...point }],
  actuals: [{ day: '2026-06-03', units: 4, lost_units: 2 }],
  next_hours: [],
  on_hand: 0,
  runs_out_at: null,
};
const history = { days: 36, cities: [{ city: 'BLR', hours_done: 292, hours_total: 874, done: false }] };

function fakeApi(url: string): unknown {
  const path = url.split('?')[0];
  const routes: Record<string, unknown> = {
    '/api/health': { status: 'ok', database: 'ok' },
    '/api/auth/me': SIGNED_IN,
    '/api/stores': stores,
    '/api/inventory/health': health,
    '/api/heatmap': heatmap,
    '/api/pincodes/560001': pincode,
    '/api/stores/BLR-001/inventory': lowStock,
    '/api/forecasts': url.includes('sku=DAI-0001') ? forecast : undefined,
    '/api/simulation/history': history,
    '/api/heatmap/timeseries': { from: '', to: '', step: '5m', target: {}, totals: {}, points: [] },
  };
  return routes[path ?? ''];
}

const areas = () => [...document.querySelectorAll<SVGPathElement>('path.area')];

describe('MapPage', () => {
  beforeAll(() => {
    window.history.replaceState(null, '', '/?city=BLR&metric=units&window=1h');
    vi.stubGlobal('EventSource', FakeEventSource);
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        const body = fakeApi(url);
        const headers = url.includes('/inventory?') ? { 'X-Total-Count': '57' } : undefined;
        const status = body ? 200 : 404;
        return new Response(JSON.stringify(body ?? { detail: [{ msg: 'not found' }] }), { status, headers });
      }),
    );
  });
  afterAll(() => vi.unstubAllGlobals());

  it('draws the areas and stores, goes live, applies deltas, opens the panel and keeps the URL', async () => {
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'FastCommerce Inventory Heatmap' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign out' })).toHaveAttribute('title', 'Signed in as asha');
    await waitFor(() => expect(areas()).toHaveLength(3));
    await waitFor(() => expect(document.querySelectorAll('path.store-marker')).toHaveLength(2));
    expect(document.querySelectorAll('path.area--unserved')).toHaveLength(1);
    expect(screen.getByText(/approximate pincode areas/)).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Heatmap legend' })).toHaveTextContent('≥ 12');

    const indicator = document.querySelector('[data-live]');
    expect(indicator).toHaveAttribute('data-live', 'off');
    expect(indicator).toHaveTextContent('Reconnecting…');
    act(() => FakeEventSource.last?.open());
    expect(indicator).toHaveAttribute('data-live', 'on');
    expect(indicator).toHaveTextContent('Live');

    const gpo = areas().find((path) => path.getAttribute('aria-label')?.startsWith('560001'));
    expect(gpo?.getAttribute('aria-label')).toBe('560001 · Bangalore GPO: Units 12');
    const fillBefore = gpo?.getAttribute('fill');
    act(() => FakeEventSource.last?.emit('demand', { at: '', pincodes: { '560002': { ...measures, units: 30, orders: 1 } } }));
    const city = areas().find((path) => path.getAttribute('aria-label')?.startsWith('560002'));
    expect(city?.getAttribute('aria-label')).toBe('560002 · Bangalore City: Units 33');
    expect(city?.getAttribute('fill')).toBe(fillBefore); // top class of the view's scale, which did not move
    expect(screen.getByLabelText('Totals for the view')).toHaveTextContent('Units46');

    fireEvent.click(gpo as SVGPathElement);
    const panel = () => screen.getByRole('dialog', { name: 'Pincode details' }); // the loading one, then the panel
    await waitFor(() => expect(panel()).toHaveTextContent('560001 · Bangalore GPO'));
    expect(panel()).toHaveTextContent('Served by Indiranagar (BLR-001), 1.8 km away');
    expect(panel()).toHaveTextContent('Milk 1 L');
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();

    expect(screen.getByText('Loading simulated history: 12 of 36 days')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Loading simulated history: 12 of 36 days' })).toHaveAttribute(
      'value',
      '292',
    );

    fireEvent.click(document.querySelector('path.store-marker') as SVGPathElement);
    const storePanel = () => screen.getByRole('dialog', { name: 'Store details' });
    await waitFor(() => expect(storePanel()).toHaveTextContent('2 of 57'));
    expect(storePanel()).toHaveTextContent('Indiranagar');
    expect(storePanel()).toHaveTextContent('Healthy');
    expect(within(storePanel()).getByRole('link', { name: 'Restock plans' })).toHaveAttribute('href', '/plans?store=BLR-001');
    expect(within(storePanel()).getByRole('link', { name: 'Open alerts' })).toHaveAttribute('href', '/alerts?store=BLR-001');
    expect(storePanel().querySelector('.low-stock__row--out')).toHaveTextContent('Milk 1 L');
    await waitFor(() => expect(storePanel().querySelector('svg.forecast-chart')).not.toBeNull());
    expect(storePanel()).toHaveTextContent('Model median · WAPE 25% · on hand 0');
    fireEvent.click(screen.getByRole('button', { name: /Bread/ }));
    await waitFor(() => expect(storePanel()).toHaveTextContent('No forecast yet — the first run starts when'));
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();

    fireEvent.change(screen.getByLabelText('Metric'), { target: { value: 'revenue' } });
    fireEvent.change(screen.getByLabelText('Window'), { target: { value: '24h' } });
    expect(window.location.search).toContain('metric=revenue');
    expect(window.location.search).toContain('window=24h');
    expect(window.location.search).toContain('city=BLR');
  });

  it('shows a banner instead of a blank page when the API cannot be reached', async () => {
    vi.mocked(fetch).mockImplementation(async () => {
      throw new TypeError('Failed to fetch');
    });
    render(<App />);
    expect(await screen.findByRole('alert', {}, { timeout: 5_000 })).toHaveTextContent("Can't reach the API — retrying");
    expect(screen.getByRole('heading', { name: 'FastCommerce Inventory Heatmap' })).toBeInTheDocument();
    expect(screen.getByLabelText('Metric')).toBeInTheDocument();
  });
});
