import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HeatmapCollection } from '../../api/heatmap';
import { DEFAULT_VIEW } from '../../lib/urlState';
import { collection, feature } from '../../test/fixtures';
import { useLiveHeatmap } from './useLiveHeatmap';

const m = (units: number) => ({ units, orders: units, lost_units: 0, revenue: units * 100 });
const heatmapOf = (a: number, b: number, c: number) =>
  collection([feature('560001', m(a)), feature('560002', m(b)), feature('560003', m(c))]);

function respondWith(...bodies: HeatmapCollection[]) {
  const fetch = vi.fn();
  for (const body of bodies) fetch.mockResolvedValueOnce(new Response(JSON.stringify(body)));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

function wrapper({ children }: { children: ReactNode }) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

const unitsOf = (c: HeatmapCollection | undefined) => c?.features.map((f) => f.properties.units);

describe('useLiveHeatmap', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('adds live deltas to the values but keeps the colour scale of the view', async () => {
    const fetch = respondWith(heatmapOf(1, 5, 20), heatmapOf(41, 5, 20));
    const { result } = renderHook(() => useLiveHeatmap(DEFAULT_VIEW), { wrapper });
    await waitFor(() => expect(result.current.snapshot).not.toBeNull());
    const scale = result.current.snapshot?.scale;
    expect(scale?.breaks).toEqual([1, 5, 20]);
    expect(String(fetch.mock.calls[0]?.[0])).toBe('/api/heatmap?city=BLR&window=1h&metric=units&level=pincode&resolution=8');

    // The first delta shows at once and refetches (which the server answers with it included).
    act(() => result.current.applyDemand({ at: '', pincodes: { '560001': m(40) } }));
    expect(unitsOf(result.current.collection)).toEqual([41, 5, 20]);
    expect(result.current.collection?.metadata.totals.units).toBe(66);
    await waitFor(() => expect(fetch).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(result.current.isFetching).toBe(false));
    expect(unitsOf(result.current.collection)).toEqual([41, 5, 20]); // not counted twice

    // A delta within 10 s of that refetch shows at once, the refetch waits.
    act(() => result.current.applyDemand({ at: '', pincodes: { '560002': m(3), '110001': m(9) } }));
    expect(unitsOf(result.current.collection)).toEqual([41, 8, 20]);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(result.current.snapshot?.scale).toBe(scale);
    expect(result.current.snapshot?.scale.breaks).toEqual([1, 5, 20]); // not those of [5, 20, 41]
  });

  it('computes a new scale when the view changes', async () => {
    respondWith(heatmapOf(1, 5, 20), heatmapOf(1, 5, 20));
    const { result, rerender } = renderHook((view) => useLiveHeatmap(view), { wrapper, initialProps: DEFAULT_VIEW });
    await waitFor(() => expect(result.current.snapshot?.metric).toBe('units'));
    rerender({ ...DEFAULT_VIEW, metric: 'revenue' });
    await waitFor(() => expect(result.current.snapshot?.metric).toBe('revenue'));
    expect(result.current.snapshot?.scale.breaks).toEqual([1, 100, 500, 2000]);
  });

  it('plays back past windows with the scale of the view and without live deltas', async () => {
    const fetch = respondWith(heatmapOf(1, 5, 20), heatmapOf(30, 60, 90));
    const past = { ...DEFAULT_VIEW, time: '2026-06-04T02:05:00.000Z' };
    const { result, rerender } = renderHook((view) => useLiveHeatmap(view), { wrapper, initialProps: DEFAULT_VIEW });
    await waitFor(() => expect(result.current.snapshot).not.toBeNull());
    const scale = result.current.snapshot?.scale;
    rerender(past);
    await waitFor(() => expect(unitsOf(result.current.collection)).toEqual([30, 60, 90]));
    expect(String(fetch.mock.calls[1]?.[0])).toBe(
      '/api/heatmap?city=BLR&window=1h&metric=units&level=pincode&resolution=8&to=2026-06-04T02%3A05%3A00.000Z',
    );
    expect(result.current.snapshot?.scale).toBe(scale); // colours do not jump between frames

    act(() => result.current.applyDemand({ at: '', pincodes: { '560001': m(40) } }));
    expect(unitsOf(result.current.collection)).toEqual([30, 60, 90]);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('refetches a view filtered by SKU or category instead of adding deltas that count every SKU', async () => {
    const fetch = respondWith(heatmapOf(1, 5, 20), heatmapOf(3, 5, 20));
    const view = { ...DEFAULT_VIEW, category: 'Dairy', sku: 'DAI-0001' };
    const { result } = renderHook(() => useLiveHeatmap(view), { wrapper });
    await waitFor(() => expect(result.current.snapshot).not.toBeNull());
    expect(String(fetch.mock.calls[0]?.[0])).toBe(
      '/api/heatmap?city=BLR&window=1h&metric=units&level=pincode&resolution=8&sku=DAI-0001&category=Dairy',
    );
    act(() => result.current.applyDemand({ at: '', pincodes: { '560001': m(40) } }));
    expect(unitsOf(result.current.collection)).toEqual([1, 5, 20]);
    await waitFor(() => expect(unitsOf(result.current.collection)).toEqual([3, 5, 20]));
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
