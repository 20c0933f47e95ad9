// The Inventory page in jsdom against a fake API that searches, filters, sorts and pages like the real one:
// every control goes into the URL and into the request, the pager counts from X-Total-Count, a row opens the
// SKU's movements, paged with before_id.
import { act, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPageAt } from '../../test/renderPage';
import InventoryPage from './InventoryPage';

// Slow machines running many tests at once: give the fake API's answers time.
configure({ asyncUtilTimeout: 4000 });

const CATEGORIES = ['Dairy', 'Snacks', 'Staples'];
const ROWS = Array.from({ length: 120 }, (_, i) => ({
  sku: `SKU-${String(i + 1).padStart(4, '0')}`,
  name: i === 6 ? 'Amul Milk 1 L' : `Item ${i + 1}`,
  category: CATEGORIES[i % 3] as string,
  on_hand: i % 10 === 0 ? 0 : i % 25,
  reorder_point: 5,
  max_stock: 30,
  updated_at: '2026-06-03T09:00:00Z',
}));
const STORES = [
  { code: 'BLR-001', name: 'Indiranagar', city: 'BLR', lat: 0, lng: 0, radius_m: 1, capacity_units: 1, created_at: '', pincodes: [] },
  { code: 'BLR-002', name: 'Jayanagar', city: 'BLR', lat: 0, lng: 0, radius_m: 1, capacity_units: 1, created_at: '', pincodes: [] },
  { code: 'DEL-001', name: 'Saket', city: 'DEL', lat: 0, lng: 0, radius_m: 1, capacity_units: 1, created_at: '', pincodes: [] },
];
const SKUS = ROWS.map(({ sku, name, category }) => ({ sku, name, category, case_pack: 1, shelf_life_days: 1, price_paise: 1 }));
const MOVEMENTS = Array.from({ length: 25 }, (_, i) => ({
  id: 100 - i,
  sku: 'SKU-0007',
  kind: i === 0 ? 'receipt' : 'sale',
  qty: i === 0 ? 24 : -1,
  reference: i === 0 ? 'PO-7781' : `order-${i}`,
  actor: i === 0 ? 'ravi' : 'order',
  created_at: '2026-06-03T09:00:00Z',
}));

function inventory(params: URLSearchParams): [unknown[], number] {
  const q = params.get('q')?.toLowerCase();
  let rows = ROWS.filter(
    (row) =>
      (!q || row.sku.toLowerCase().includes(q) || row.name.toLowerCase().includes(q)) &&
      (!params.get('category') || row.category === params.get('category')) &&
      (!params.get('below_reorder_point') || row.on_hand <= row.reorder_point) &&
      (!params.get('out_of_stock') || row.on_hand === 0),
  );
  const sort = params.get('sort') ?? 'sku';
  const key = sort.replace('-', '') as keyof (typeof ROWS)[number];
  rows = [...rows].sort((a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : a.sku.localeCompare(b.sku)));
  if (sort.startsWith('-')) rows.reverse();
  const offset = Number(params.get('offset') ?? 0);
  return [rows.slice(offset, offset + Number(params.get('limit') ?? 1000)), rows.length];
}

const requests: string[] = [];

function respond(url: string): Response {
  requests.push(url);
  const [path, query = ''] = url.split('?');
  const params = new URLSearchParams(query);
  const json = (body: unknown, headers?: Record<string, string>) => new Response(JSON.stringify(body), { headers });
  if (path === '/api/health') return json({ status: 'ok', database: 'ok' });
  if (path === '/api/stores') return json(STORES);
  if (path === '/api/skus') return json(SKUS);
  if (path === '/api/stores/BLR-001/inventory' || path === '/api/stores/BLR-002/inventory') {
    const [rows, total] = inventory(params);
    return json(rows, { 'X-Total-Count': String(total) });
  }
  if (path === '/api/stores/BLR-001/movements') {
    const before = Number(params.get('before_id') ?? Infinity);
    return json(MOVEMENTS.filter((m) => m.id < before).slice(0, Number(params.get('limit'))));
  }
  return new Response(JSON.stringify({ detail: [{ msg: "store 'NOPE' not found" }] }), { status: 404 });
}

const renderAt = (url: string) => renderPageAt(url, <InventoryPage />);

const url = () => new URLSearchParams(window.location.search);
const countText = () => document.querySelector('.pager__count')?.textContent;
const skusShown = () => [...document.querySelectorAll('tbody tr[data-sku]')].map((row) => row.getAttribute('data-sku'));
const lastInventoryRequest = () => new URLSearchParams(requests.filter((r) => r.includes('/inventory?')).at(-1)?.split('?')[1]);

describe('InventoryPage', { timeout: 30_000 }, () => {
  beforeEach(() => {
    requests.length = 0;
    vi.stubGlobal('fetch', vi.fn(async (input: string) => respond(input)));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('pages through the store with the API total and sorts on the server', async () => {
    renderAt('/inventory?store=BLR-001');
    await waitFor(() => expect(countText()).toBe('1–50 of 120'));
    expect(skusShown()).toHaveLength(50);
    expect(screen.getByRole('table')).toHaveAccessibleName('SKUs at BLR-001 · Indiranagar');
    expect(screen.getByRole('button', { name: 'Previous' })).toBeDisabled();

    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(url().get('page')).toBe('2');
    await waitFor(() => expect(countText()).toBe('51–100 of 120'));
    expect(lastInventoryRequest().get('offset')).toBe('50');
    expect(lastInventoryRequest().get('limit')).toBe('50');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(countText()).toBe('101–120 of 120'));
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();

    const onHand = screen.getByRole('columnheader', { name: 'On hand' });
    fireEvent.click(within(onHand).getByRole('button'));
    expect(onHand).toHaveAttribute('aria-sort', 'ascending');
    expect(url().get('sort')).toBe('on_hand');
    expect(url().get('page')).toBeNull(); // a new order starts at the first page
    await waitFor(() => expect(countText()).toBe('1–50 of 120'));
    expect(lastInventoryRequest().get('sort')).toBe('on_hand');
    fireEvent.click(within(onHand).getByRole('button'));
    expect(onHand).toHaveAttribute('aria-sort', 'descending');
    await waitFor(() => expect(lastInventoryRequest().get('sort')).toBe('-on_hand'));
    await waitFor(() => expect(document.querySelector('tbody tr .inventory-table__on-hand')).toHaveTextContent('24'));
  });

  it('searches after typing pauses, filters, and puts it all in the URL and the CSV link', async () => {
    renderAt('/inventory?store=BLR-001');
    await waitFor(() => expect(countText()).toBe('1–50 of 120'));

    fireEvent.change(screen.getByLabelText('Search SKUs'), { target: { value: 'milk' } });
    expect(url().get('q')).toBeNull(); // not yet: typing may go on
    await waitFor(() => expect(url().get('q')).toBe('milk'));
    await waitFor(() => expect(skusShown()).toEqual(['SKU-0007']));
    expect(countText()).toBe('1–1 of 1');
    expect(lastInventoryRequest().get('q')).toBe('milk');

    fireEvent.change(screen.getByLabelText('Search SKUs'), { target: { value: '' } });
    await waitFor(() => expect(url().get('q')).toBeNull());
    fireEvent.click(screen.getByLabelText('Low stock only'));
    fireEvent.change(screen.getByLabelText('Category'), { target: { value: 'Dairy' } });
    expect(url().get('low')).toBe('1');
    expect(url().get('category')).toBe('Dairy');
    await waitFor(() => expect(lastInventoryRequest().get('category')).toBe('Dairy'));
    expect(lastInventoryRequest().get('below_reorder_point')).toBe('true');
    await waitFor(() => expect(skusShown().length).toBeGreaterThan(0));
    for (const row of document.querySelectorAll('tbody tr[data-sku]')) {
      expect(['Low', 'Out']).toContain(row.querySelector('.badge')?.textContent);
    }
    expect(screen.getByRole('link', { name: 'Export CSV' })).toHaveAttribute(
      'href',
      '/api/stores/BLR-001/inventory.csv?category=Dairy&below_reorder_point=true',
    );

    fireEvent.click(screen.getByLabelText('Out of stock only'));
    await waitFor(() => expect(lastInventoryRequest().get('out_of_stock')).toBe('true'));
    const out = ROWS.filter((row) => row.category === 'Dairy' && row.on_hand === 0).length;
    await waitFor(() => expect(countText()).toBe(`1–${out} of ${out}`));
    const badges = [...document.querySelectorAll('tbody .badge')].map((badge) => badge.textContent);
    expect(badges).toEqual(Array(out).fill('Out'));

    fireEvent.change(screen.getByLabelText('Search SKUs'), { target: { value: 'no such thing' } });
    expect(await screen.findByText('No SKU matches these filters.')).toBeInTheDocument();
    expect(countText()).toBe('0 of 0');
  });

  it('restores the view from the URL, store select grouped by city', async () => {
    renderAt('/inventory?store=BLR-002&q=item+1&category=Snacks&out=1&sort=-name');
    await waitFor(() => expect(lastInventoryRequest().get('sort')).toBe('-name'));
    expect(lastInventoryRequest().get('q')).toBe('item 1');
    expect(lastInventoryRequest().get('out_of_stock')).toBe('true');
    expect(screen.getByLabelText('Search SKUs')).toHaveValue('item 1');
    expect(screen.getByLabelText('Out of stock only')).toBeChecked();
    await waitFor(() => expect(screen.getByLabelText('Store')).toHaveValue('BLR-002'));
    expect(screen.getByRole('group', { name: 'Bengaluru (BLR)' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Delhi (DEL)' })).toHaveTextContent('DEL-001 · Saket');
    await waitFor(() => expect(screen.getByLabelText('Category')).toHaveValue('Snacks'));

    fireEvent.change(screen.getByLabelText('Store'), { target: { value: 'BLR-001' } });
    expect(url().get('store')).toBe('BLR-001');
    expect(url().get('q')).toBe('item 1'); // the filters stay
  });

  it('chooses the first store when the URL names none', async () => {
    renderAt('/inventory');
    await waitFor(() => expect(url().get('store')).toBe('BLR-001'));
    await waitFor(() => expect(countText()).toBe('1–50 of 120'));
  });

  it('opens a row’s movements from the keyboard, pages them with before_id, and closes', async () => {
    renderAt('/inventory?store=BLR-001');
    await waitFor(() => expect(skusShown()).toHaveLength(50));
    const button = screen.getByRole('button', { name: 'SKU-0007 Amul Milk 1 L: movements' });
    button.focus();
    fireEvent.click(button); // what Enter on a focused button does
    expect(url().get('sku')).toBe('SKU-0007');
    const panel = await screen.findByRole('dialog', { name: 'Stock movements' });
    expect(panel).toHaveTextContent('Amul Milk 1 L');
    await waitFor(() => expect(within(panel).getAllByRole('row')).toHaveLength(21));
    const newest = within(panel).getAllByRole('row')[1] as HTMLElement;
    expect(newest).toHaveTextContent('Receipt');
    expect(newest).toHaveTextContent('+24');
    expect(newest).toHaveTextContent('PO-7781');
    expect(newest).toHaveTextContent('ravi');
    expect(within(panel).getAllByRole('row')[2]).toHaveTextContent('−1');

    fireEvent.click(within(panel).getByRole('button', { name: 'Older' }));
    await waitFor(() => expect(within(panel).getAllByRole('row')).toHaveLength(26));
    const older = new URLSearchParams(requests.filter((r) => r.includes('/movements?')).at(-1)?.split('?')[1]);
    expect(older.get('before_id')).toBe('81');
    expect(older.get('sku')).toBe('SKU-0007');
    expect(panel).toHaveTextContent('All 25 movements.');

    act(() => {
      fireEvent.keyDown(document, { key: 'Escape' });
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(url().get('sku')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'SKU-0007 Amul Milk 1 L: movements' }));
  });

  it('says so when the store does not exist', async () => {
    renderAt('/inventory?store=NOPE');
    const message = /Couldn't load the inventory: store 'NOPE' not found/;
    expect(await screen.findByText(message, undefined, { timeout: 6000 })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('The API rejected a request');
  });
});
