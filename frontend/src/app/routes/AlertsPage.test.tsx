// The Alerts page in jsdom against a fake API and stream: open alerts by default with counts per kind and the
// estimated stock-out, the filters in the URL, acknowledging one, and the list following the stream's alert
// events; the navigation's count of open alerts.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ALERTS_POLL_MS, alertsQueryOptions, type Alert, type AlertKind } from '../../api/alerts';
import { FakeEventSource } from '../../test/fakeEventSource';
import { SIGNED_IN } from '../../test/fixtures';
import { renderPageAt } from '../../test/renderPage';
import AlertsPage from './AlertsPage';

const STORES = ['BLR-001', 'BLR-002'].map((code, i) => ({
  code,
  name: `Store ${i + 1}`,
  city: 'BLR',
  lat: 12.97,
  lng: 77.6,
  radius_m: 2000,
  capacity_units: 1,
  hub_code: 'BLR-HUB',
  auto_approve: false,
  created_at: '',
  pincodes: [],
}));

let nextId = 1;
const alert = (kind: AlertKind, store: string, sku: string | null, change: Partial<Alert> = {}): Alert => ({
  id: nextId++,
  kind,
  status: 'open',
  store_code: store,
  sku,
  message: `${kind} of ${sku ?? 'the store'} at ${store}`,
  value: 3,
  stockout_at: null,
  opened_at: '2026-12-02T14:30:00Z',
  updated_at: '2026-12-02T14:30:00Z',
  acknowledged_at: null,
  acknowledged_by: null,
  resolved_at: null,
  ...change,
});

let alerts: Alert[];
const requests: { method: string; url: string; body: unknown }[] = [];

function fakeApi(method: string, url: string): [number, unknown, Record<string, string>?] {
  const [path = '', search] = url.split('?');
  const params = new URLSearchParams(search);
  if (path === '/api/health') return [200, { status: 'ok', database: 'ok' }];
  if (path === '/api/stores') return [200, STORES];
  if (path === '/api/alerts') {
    const rows = alerts
      .filter((a) => ['status', 'kind'].every((key) => !params.get(key) || a[key as 'status' | 'kind'] === params.get(key)))
      .filter((a) => !params.get('store') || a.store_code === params.get('store'))
      .sort((a, b) => b.id - a.id);
    const offset = Number(params.get('offset') ?? 0);
    return [200, rows.slice(offset, offset + Number(params.get('limit'))), { 'X-Total-Count': String(rows.length) }];
  }
  const ack = /^\/api\/alerts\/(\d+)\/ack$/.exec(path);
  const found = alerts.find((a) => a.id === Number(ack?.[1]));
  if (method === 'POST' && found) {
    if (found.status === 'resolved') {
      return [409, { detail: [{ loc: ['path', 'id'], msg: `alert ${found.id} is resolved: only open can be acknowledged`, type: 'illegal_transition' }] }];
    }
    Object.assign(found, { status: 'acknowledged', acknowledged_by: SIGNED_IN.name, acknowledged_at: '2026-12-02T15:00:00Z' });
    return [200, found];
  }
  return [404, { detail: [{ loc: ['path'], msg: 'not found', type: 'not_found' }] }];
}

const renderAt = (url: string) => renderPageAt(url, <AlertsPage />);
const search = () => new URLSearchParams(window.location.search);
const shown = () => [...document.querySelectorAll<HTMLElement>('tr.alert-row')].map((row) => Number(row.dataset.alert));
const count = (kind: AlertKind) => document.querySelector(`.kind-count[data-kind="${kind}"] .kind-count__n`)?.textContent;
const lastList = () =>
  requests.filter((r) => r.url.startsWith('/api/alerts?') && r.url.includes('limit=50')).at(-1)?.url;

describe('AlertsPage', { timeout: 30_000 }, () => {
  beforeEach(() => {
    nextId = 1;
    alerts = [
      alert('low_stock', 'BLR-001', 'DAI-0001', { stockout_at: '2026-12-03T00:30:00Z', message: '5 on hand; runs out in 10 h' }),
      alert('out_of_stock', 'BLR-001', 'SNK-0001'),
      alert('low_stock', 'BLR-002', 'BEV-0001'),
      alert('overstock', 'BLR-002', 'BIS-0001', { status: 'acknowledged', acknowledged_by: 'asha', acknowledged_at: '2026-12-02T14:45:00Z' }),
      alert('demand_anomaly', 'BLR-002', null, { status: 'resolved', resolved_at: '2026-12-02T15:30:00Z' }),
    ];
    requests.length = 0;
    vi.stubGlobal('EventSource', FakeEventSource);
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        const method = init?.method ?? 'GET';
        requests.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
        const [status, body, headers] = fakeApi(method, url);
        return new Response(JSON.stringify(body), { status, headers });
      }),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it('lists the open alerts with counts per kind, the estimated stock-out, and the count in the navigation', async () => {
    renderAt('/alerts');
    await waitFor(() => expect(shown()).toEqual([3, 2, 1]));
    expect(lastList()).toBe('/api/alerts?status=open&limit=50&offset=0');
    await waitFor(() => expect(count('low_stock')).toBe('2'));
    expect([count('out_of_stock'), count('overstock'), count('demand_anomaly')]).toEqual(['1', '0', '0']);
    const lowStock = document.querySelector('tr.alert-row[data-alert="1"]') as HTMLElement;
    expect(lowStock).toHaveTextContent('5 on hand; runs out in 10 h');
    expect(lowStock.querySelector('td.alert-row__stockout')).toHaveTextContent('3 Dec, 06:00 IST');
    expect(within(lowStock).getByRole('button', { name: /^Acknowledge alert 1: Low stock at BLR-001 of DAI-0001/ })).toBeEnabled();
    const nav = screen.getByRole('navigation', { name: 'Pages' });
    await waitFor(() => expect(within(nav).getByRole('link', { name: 'Alerts, 3 open' })).toHaveAttribute('aria-current', 'page'));
  });

  it('filters by kind (from its count too), status and store, in the URL', async () => {
    renderAt('/alerts');
    await waitFor(() => expect(count('low_stock')).toBe('2'));
    fireEvent.click(document.querySelector('.kind-count[data-kind="low_stock"]') as HTMLElement);
    await waitFor(() => expect(shown()).toEqual([3, 1]));
    expect(search().get('kind')).toBe('low_stock');
    expect(screen.getByLabelText('Kind')).toHaveValue('low_stock');

    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: '' } });
    await waitFor(() => expect(shown()).toEqual([5, 4, 3, 2, 1]));
    expect(window.location.search).toBe('?status=all');
    expect(lastList()).toBe('/api/alerts?limit=50&offset=0');
    const acknowledged = document.querySelector('tr.alert-row[data-alert="4"]') as HTMLElement;
    expect(acknowledged).toHaveTextContent('by asha, 2 Dec, 20:15 IST');
    expect(within(acknowledged).queryByRole('button')).toBeNull(); // only open ones are acknowledged
    await waitFor(() => expect(count('overstock')).toBe('1'));

    fireEvent.change(screen.getByLabelText('Store'), { target: { value: 'BLR-002' } });
    await waitFor(() => expect(shown()).toEqual([5, 4, 3]));
    expect(window.location.search).toBe('?status=all&store=BLR-002');
    fireEvent.click(screen.getByRole('button', { name: 'Reset filters' }));
    await waitFor(() => expect(shown()).toEqual([3, 2, 1]));
    expect(window.location.search).toBe('');
  });

  it('keeps saying who acknowledged the last open alert of a filter once the list is empty', async () => {
    renderAt('/alerts?kind=out_of_stock');
    await waitFor(() => expect(shown()).toEqual([2]));
    fireEvent.click(screen.getByRole('button', { name: /^Acknowledge alert 2/ }));
    await waitFor(() => expect(screen.getByText('No alert matches these filters.')).toBeInTheDocument());
    expect(screen.getByText('Alert #2 acknowledged by asha.')).toHaveAttribute('role', 'status');
  });

  it('acknowledges an open alert: it leaves the open ones and is listed as acknowledged', async () => {
    renderAt('/alerts?kind=low_stock');
    await waitFor(() => expect(shown()).toEqual([3, 1]));
    fireEvent.click(screen.getByRole('button', { name: /^Acknowledge alert 3/ }));
    await waitFor(() => expect(shown()).toEqual([1]));
    expect(requests.filter((r) => r.method === 'POST')).toEqual([
      { method: 'POST', url: '/api/alerts/3/ack', body: undefined },
    ]);
    expect(screen.getByText('Alert #3 acknowledged by asha.')).toBeInTheDocument();
    await waitFor(() => expect(count('low_stock')).toBe('1'));

    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'acknowledged' } });
    await waitFor(() => expect(shown()).toEqual([3]));
    expect(document.querySelector('tr.alert-row[data-alert="3"]')).toHaveTextContent('Acknowledgedby asha');
  });

  it('asks again when the stream announces an alert, and every 30 s', async () => {
    renderAt('/alerts');
    await waitFor(() => expect(shown()).toEqual([3, 2, 1]));
    const live = document.querySelector('[data-live]');
    expect(live).toHaveAttribute('data-live', 'off');
    act(() => FakeEventSource.last?.open());
    expect(live).toHaveAttribute('data-live', 'on');

    const opened = alert('out_of_stock', 'BLR-002', 'BEV-0001');
    alerts.push(opened);
    act(() => FakeEventSource.last?.emit('alert', { ...opened, at: '2026-12-02T15:00:00Z' }));
    await waitFor(() => expect(shown()).toEqual([6, 3, 2, 1]));
    await waitFor(() => expect(count('out_of_stock')).toBe('2'));

    const poll = alertsQueryOptions({ status: 'open', kind: null, store: null }, 50, 0).refetchInterval;
    expect(typeof poll === 'function' && poll({ state: { status: 'success', error: null } } as never)).toBe(ALERTS_POLL_MS);
    expect(ALERTS_POLL_MS).toBe(30_000);
  });
});
