// The Stores page in jsdom against a fake API: the table from /api/stores and /api/inventory/health, sorting by
// a header (aria-sort), search and city in the URL, links to the store's inventory and to the map.
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPageAt } from '../../test/renderPage';
import StoresPage from './StoresPage';

// Slow machines running many tests at once: give the fake API's answers time.
configure({ asyncUtilTimeout: 4000 });

const store = (code: string, name: string, city = 'BLR', pincodes: number[] = []) => ({
  code,
  name,
  city,
  lat: 12.97,
  lng: 77.64,
  radius_m: 2000,
  capacity_units: 1,
  created_at: '',
  pincodes,
});
const STORES: Record<string, unknown[]> = {
  BLR: [store('BLR-001', 'Indiranagar', 'BLR', [560001, 560038]), store('BLR-002', 'Jayanagar'), store('BLR-003', 'Koramangala')],
  DEL: [store('DEL-001', 'Saket', 'DEL')],
};
const HEALTH: Record<string, unknown[]> = {
  BLR: [
    { store_code: 'BLR-001', city: 'BLR', skus: 500, below_reorder_point: 10, out_of_stock: 2 },
    { store_code: 'BLR-002', city: 'BLR', skus: 500, below_reorder_point: 150, out_of_stock: 40 },
    { store_code: 'BLR-003', city: 'BLR', skus: 500, below_reorder_point: 60, out_of_stock: 7 },
  ],
  DEL: [{ store_code: 'DEL-001', city: 'DEL', skus: 480, below_reorder_point: 3, out_of_stock: 0 }],
};

function fakeApi(url: string): unknown {
  const [path, query = ''] = url.split('?');
  const city = new URLSearchParams(query).get('city') ?? '';
  if (path === '/api/health') return { status: 'ok', database: 'ok' };
  if (path === '/api/stores') return STORES[city] ?? [];
  if (path === '/api/inventory/health') return HEALTH[city] ?? [];
  return undefined;
}

const renderAt = (url: string) => renderPageAt(url, <StoresPage />);

const table = () => screen.getByRole('table');
const bodyCodes = () =>
  within(table())
    .getAllByRole('rowheader')
    .map((cell) => cell.textContent?.slice(0, 7));
const search = () => new URLSearchParams(window.location.search);

describe('StoresPage', { timeout: 30_000 }, () => {
  beforeEach(() => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        const body = fakeApi(url);
        return new Response(JSON.stringify(body ?? { detail: 'not found' }), { status: body ? 200 : 404 });
      }),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it("lists the city's stores with the API's counts and the map's colours", async () => {
    renderAt('/stores?city=BLR');
    await waitFor(() => expect(bodyCodes()).toEqual(['BLR-001', 'BLR-002', 'BLR-003']));
    expect(table()).toHaveAccessibleName('3 stores in Bengaluru');
    const jayanagar = screen.getByRole('row', { name: /BLR-002/ });
    await waitFor(() => expect(jayanagar).toHaveTextContent('150'));
    expect(jayanagar).toHaveTextContent('40');
    expect(jayanagar).toHaveTextContent('30%');
    expect(jayanagar).toHaveTextContent('Critical');
    expect(jayanagar.querySelector('.share-low__dot')).toHaveStyle({ background: '#dc2626' });
    expect(screen.getByRole('row', { name: /BLR-001/ })).toHaveTextContent('560001, 560038');
    expect(screen.getByRole('link', { name: 'Inventory of BLR-002' })).toHaveAttribute('href', '/inventory?store=BLR-002');
    expect(screen.getByRole('link', { name: 'BLR-002 on the map' })).toHaveAttribute(
      'href',
      '/?city=BLR&lat=12.97000&lng=77.64000&zoom=14',
    );
  });

  it('sorts by a clicked header, most first for counts, and keeps the sort in the URL', async () => {
    renderAt('/stores?city=BLR');
    await waitFor(() => expect(screen.getByRole('row', { name: /BLR-002/ })).toHaveTextContent('40'));
    const header = screen.getByRole('columnheader', { name: /Out of stock/ });
    expect(header).toHaveAttribute('aria-sort', 'none');
    expect(screen.getByRole('columnheader', { name: /Store/ })).toHaveAttribute('aria-sort', 'ascending');

    fireEvent.click(within(header).getByRole('button', { name: 'Out of stock' }));
    expect(header).toHaveAttribute('aria-sort', 'descending');
    expect(bodyCodes()).toEqual(['BLR-002', 'BLR-003', 'BLR-001']);
    expect(search().get('sort')).toBe('-out');

    fireEvent.click(within(header).getByRole('button', { name: 'Out of stock' }));
    expect(header).toHaveAttribute('aria-sort', 'ascending');
    expect(bodyCodes()).toEqual(['BLR-001', 'BLR-003', 'BLR-002']);
    expect(search().get('sort')).toBe('out');
  });

  it('restores city, search and sort from the URL and writes changes back', async () => {
    renderAt('/stores?city=BLR&q=nagar&sort=-name');
    await waitFor(() => expect(bodyCodes()).toEqual(['BLR-002', 'BLR-001']));
    expect(screen.getByLabelText('Search stores')).toHaveValue('nagar');
    expect(screen.getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'descending');
    expect(table()).toHaveAccessibleName('2 of 3 stores in Bengaluru');

    fireEvent.change(screen.getByLabelText('Search stores'), { target: { value: 'xyz' } });
    expect(search().get('q')).toBe('xyz');
    expect(screen.getByText('No store in Bengaluru matches “xyz”.')).toBeInTheDocument();

    fireEvent.change(screen.getByLabelText('Search stores'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('City'), { target: { value: 'DEL' } });
    expect(search().get('city')).toBe('DEL');
    await waitFor(() => expect(bodyCodes()).toEqual(['DEL-001']));
    expect(window.location.search).toBe('?city=DEL&sort=-name');
  });

  it('says when the stores cannot be loaded', async () => {
    vi.mocked(fetch).mockImplementation(async () => {
      throw new TypeError('Failed to fetch');
    });
    renderAt('/stores?city=BLR');
    expect(await screen.findByRole('alert')).toHaveTextContent("Can't reach the API — retrying");
    expect(await screen.findByText(/Couldn't load the stores/)).toBeInTheDocument();
  });
});
