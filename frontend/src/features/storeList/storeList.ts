// The Stores page's table: each store of a city with its stock health, searched and sorted, and its state in
// the URL (?city=BLR&q=indira&sort=-out).
import type { StockHealth } from '../../api/inventoryHealth';
import type { Store } from '../../api/stores';
import { formatSort, parseSort, sortBy, type Sort } from '../../lib/sort';
import { type StockStatus } from '../../lib/stockHealth';
import { storeViews } from '../../lib/storeViews';
import { CITY_CODES, type City } from '../../lib/view';

export const STORE_COLUMNS = ['code', 'name', 'pincodes', 'skus', 'below', 'out', 'share'] as const;
export type StoreColumn = (typeof STORE_COLUMNS)[number];

/** Counts sort most-first on the first click (the stores that need attention); text A–Z. */
export const FIRST_DESCENDING: Record<StoreColumn, boolean> = {
  code: false,
  name: false,
  pincodes: true,
  skus: true,
  below: true,
  out: true,
  share: true,
};

export interface StoreListState {
  city: City;
  /** Part of a store's code or name, any case. */
  q: string;
  sort: Sort<StoreColumn>;
}

export const DEFAULT_STORE_LIST: StoreListState = { city: 'BLR', q: '', sort: { key: 'code', descending: false } };

export function parseStoreList(search: string): StoreListState {
  const params = new URLSearchParams(search);
  const city = params.get('city')?.trim().toUpperCase();
  return {
    city: CITY_CODES.find((code) => code === city) ?? DEFAULT_STORE_LIST.city,
    q: params.get('q') ?? '',
    sort: parseSort(params.get('sort'), STORE_COLUMNS, DEFAULT_STORE_LIST.sort),
  };
}

/** The query string (with "?") of the table's state: the city always, the rest when not the default. */
export function serializeStoreList({ city, q, sort }: StoreListState): string {
  const params = new URLSearchParams({ city });
  if (q !== '') params.set('q', q);
  const sorted = formatSort(sort);
  if (sorted !== formatSort(DEFAULT_STORE_LIST.sort)) params.set('sort', sorted);
  return `?${params.toString()}`;
}

/** A row of the table: the store and its stock counts (null when the API reported none for it). */
export interface StoreRow {
  code: string;
  name: string;
  city: string;
  lat: number;
  lng: number;
  pincodes: number[];
  skus: number | null;
  below: number | null;
  out: number | null;
  /** The share of its SKUs at or below their reorder point (0–1); null without SKUs. */
  share: number | null;
  status: StockStatus;
}

export function storeRows(stores: readonly Store[], health: readonly StockHealth[] | undefined): StoreRow[] {
  return storeViews(stores, health).map(({ store, health: h, status }) => ({
    code: store.code,
    name: store.name,
    city: store.city,
    lat: store.lat,
    lng: store.lng,
    pincodes: store.pincodes,
    skus: h?.skus ?? null,
    below: h?.below_reorder_point ?? null,
    out: h?.out_of_stock ?? null,
    share: h && h.skus > 0 ? h.below_reorder_point / h.skus : null,
    status,
  }));
}

function value(row: StoreRow, column: StoreColumn): string | number | null {
  return column === 'pincodes' ? row.pincodes.length : row[column];
}

/** The rows whose code or name holds `q` (any case), in the sort's order (ties by code). */
export function visibleStores(rows: readonly StoreRow[], q: string, sort: Sort<StoreColumn>): StoreRow[] {
  const needle = q.trim().toLowerCase();
  const found = needle
    ? rows.filter((row) => row.code.toLowerCase().includes(needle) || row.name.toLowerCase().includes(needle))
    : rows;
  return sortBy(found, sort, value, (row) => row.code);
}

export const MAP_ZOOM = 14;

/** The map centred on the store. */
export function mapHref(row: Pick<StoreRow, 'city' | 'lat' | 'lng'>): string {
  const params = new URLSearchParams({
    city: row.city,
    lat: row.lat.toFixed(5),
    lng: row.lng.toFixed(5),
    zoom: String(MAP_ZOOM),
  });
  return `/?${params.toString()}`;
}

export const inventoryHref = (code: string): string => `/inventory?${new URLSearchParams({ store: code }).toString()}`;
