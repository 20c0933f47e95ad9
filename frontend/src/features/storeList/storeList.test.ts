import { describe, expect, it } from 'vitest';
import type { StockHealth } from '../../api/inventoryHealth';
import type { Store } from '../../api/stores';
import { STOCK_STATUS } from '../../lib/stockHealth';
import { mapHref, parseStoreList, serializeStoreList, storeRows, visibleStores } from './storeList';

const store = (code: string, name: string, pincodes: number[] = []): Store => ({
  code,
  name,
  city: 'BLR',
  lat: 12.971234,
  lng: 77.641234,
  radius_m: 2000,
  capacity_units: 1,
  hub_code: 'BLR-HUB',
  auto_approve: false,
  created_at: '',
  pincodes,
});
const health = (store_code: string, skus: number, below: number, out: number): StockHealth => ({
  store_code,
  city: 'BLR',
  skus,
  below_reorder_point: below,
  out_of_stock: out,
});

const rows = storeRows(
  [store('BLR-001', 'Indiranagar', [560001, 560002]), store('BLR-002', 'Jayanagar'), store('BLR-003', 'Koramangala', [560034])],
  [health('BLR-001', 100, 5, 1), health('BLR-002', 100, 30, 9), health('BLR-003', 100, 12, 1)],
);
const codes = (list: { code: string }[]) => list.map((row) => row.code);

describe('the Stores table state in the URL', () => {
  it('reads city, search and sort, with defaults for what is missing or wrong', () => {
    expect(parseStoreList('?city=del&q=saket&sort=-out')).toEqual({
      city: 'DEL',
      q: 'saket',
      sort: { key: 'out', descending: true },
    });
    expect(parseStoreList('?city=XYZ&sort=price')).toEqual({
      city: 'BLR',
      q: '',
      sort: { key: 'code', descending: false },
    });
  });

  it('writes the city always and the rest when not the default', () => {
    expect(serializeStoreList(parseStoreList(''))).toBe('?city=BLR');
    const state = { city: 'BOM' as const, q: 'andheri west', sort: { key: 'share' as const, descending: true } };
    expect(serializeStoreList(state)).toBe('?city=BOM&q=andheri+west&sort=-share');
    expect(parseStoreList(serializeStoreList(state))).toEqual(state);
  });
});

describe('the Stores table rows', () => {
  it('joins each store with its stock health and the status the map colours it by', () => {
    expect(rows[0]).toMatchObject({ code: 'BLR-001', skus: 100, below: 5, out: 1, share: 0.05, status: 'healthy' });
    expect(rows[1]).toMatchObject({ status: 'critical' });
    expect(rows[2]).toMatchObject({ status: 'low' });
    expect(STOCK_STATUS[rows[1]!.status].color).toBe('#dc2626');
  });

  it('has no counts for a store the health report leaves out', () => {
    const [row] = storeRows([store('BLR-009', 'New')], []);
    expect(row).toMatchObject({ skus: null, below: null, out: null, share: null, status: 'unknown' });
  });

  it('searches the code or name in any case', () => {
    expect(codes(visibleStores(rows, 'NAGAR', { key: 'code', descending: false }))).toEqual(['BLR-001', 'BLR-002']);
    expect(codes(visibleStores(rows, ' blr-003 ', { key: 'code', descending: false }))).toEqual(['BLR-003']);
  });

  it('sorts by any column either way, ties by code', () => {
    expect(codes(visibleStores(rows, '', { key: 'out', descending: true }))).toEqual(['BLR-002', 'BLR-001', 'BLR-003']);
    expect(codes(visibleStores(rows, '', { key: 'out', descending: false }))).toEqual(['BLR-001', 'BLR-003', 'BLR-002']);
    expect(codes(visibleStores(rows, '', { key: 'pincodes', descending: true }))).toEqual(['BLR-001', 'BLR-003', 'BLR-002']);
    expect(codes(visibleStores(rows, '', { key: 'name', descending: true }))).toEqual(['BLR-003', 'BLR-002', 'BLR-001']);
    expect(codes(visibleStores(rows, '', { key: 'share', descending: true }))).toEqual(['BLR-002', 'BLR-003', 'BLR-001']);
  });

  it('links to the map centred on the store', () => {
    expect(mapHref(rows[0]!)).toBe('/?city=BLR&lat=12.97123&lng=77.64123&zoom=14');
  });
});
