// The Inventory page's state in the URL (?store=BLR-001&q=milk&category=Dairy&low=1&out=1&sort=-on_hand&page=2
// &sku=DAI-0001), what it asks the API for, and the page arithmetic of its pager.
import type { InventoryFilter, InventoryRow } from '../../api/storeInventory';
import { formatInt } from '../../lib/format';
import { formatSort, parseSort, type Sort } from '../../lib/sort';

export const INVENTORY_COLUMNS = [
  'sku',
  'name',
  'category',
  'on_hand',
  'reorder_point',
  'max_stock',
  'updated_at',
] as const;
export type InventoryColumn = (typeof INVENTORY_COLUMNS)[number];

/** The most recently updated first; everything else from the least. */
export const FIRST_DESCENDING: Record<InventoryColumn, boolean> = {
  sku: false,
  name: false,
  category: false,
  on_hand: false,
  reorder_point: false,
  max_stock: false,
  updated_at: true,
};

export const PAGE_SIZE = 50;
const MAX_TEXT = 80; // the API's bound of a search
const MAX_CODE = 40;

export interface InventoryState {
  /** The store's code; null: none chosen yet. */
  store: string | null;
  q: string;
  /** A category, or "" for every category. */
  category: string;
  /** Only SKUs at or below their reorder point. */
  low: boolean;
  /** Only SKUs with nothing on hand. */
  out: boolean;
  sort: Sort<InventoryColumn>;
  /** From 1. */
  page: number;
  /** The SKU whose movements are open; null: none. */
  sku: string | null;
}

export const DEFAULT_INVENTORY: InventoryState = {
  store: null,
  q: '',
  category: '',
  low: false,
  out: false,
  sort: { key: 'sku', descending: false },
  page: 1,
  sku: null,
};

const code = (raw: string | null): string | null => {
  const text = raw?.trim() ?? '';
  return text === '' ? null : text.slice(0, MAX_CODE);
};
const flag = (raw: string | null): boolean => raw === '1' || raw === 'true';

export function parseInventory(search: string): InventoryState {
  const params = new URLSearchParams(search);
  const page = Number(params.get('page'));
  return {
    store: code(params.get('store')),
    q: (params.get('q') ?? '').slice(0, MAX_TEXT),
    category: (params.get('category') ?? '').trim().slice(0, MAX_TEXT),
    low: flag(params.get('low')),
    out: flag(params.get('out')),
    sort: parseSort(params.get('sort'), INVENTORY_COLUMNS, DEFAULT_INVENTORY.sort),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    sku: code(params.get('sku')),
  };
}

/** The query string (with "?"), in a fixed order, of what differs from the defaults. */
export function serializeInventory(state: InventoryState): string {
  const params = new URLSearchParams();
  if (state.store) params.set('store', state.store);
  if (state.q) params.set('q', state.q);
  if (state.category) params.set('category', state.category);
  if (state.low) params.set('low', '1');
  if (state.out) params.set('out', '1');
  const sort = formatSort(state.sort);
  if (sort !== formatSort(DEFAULT_INVENTORY.sort)) params.set('sort', sort);
  if (state.page > 1) params.set('page', String(state.page));
  if (state.sku) params.set('sku', state.sku);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A change of which rows are listed: back to the first page. */
export const refilter = (state: InventoryState, change: Partial<InventoryState>): InventoryState => ({
  ...state,
  ...change,
  page: 1,
});

/** What the list (and its CSV export) asks the API for. */
export function inventoryFilter(state: InventoryState, store: string): InventoryFilter {
  return {
    code: store,
    q: state.q.trim() || undefined,
    category: state.category || undefined,
    belowReorderPoint: state.low,
    outOfStock: state.out,
    sort: formatSort(state.sort),
  };
}

export const pageOffset = (page: number, size = PAGE_SIZE): number => (page - 1) * size;

export interface PageSpan {
  /** The first and last row shown, from 1 (0 and 0 when none). */
  first: number;
  last: number;
  total: number;
  /** Pages in all (at least 1). */
  pages: number;
  hasPrevious: boolean;
  hasNext: boolean;
}

export function pageSpan(page: number, rows: number, total: number, size = PAGE_SIZE): PageSpan {
  const offset = pageOffset(page, size);
  return {
    first: rows > 0 ? offset + 1 : 0,
    last: offset + rows,
    total,
    pages: Math.max(1, Math.ceil(total / size)),
    hasPrevious: page > 1,
    hasNext: offset + rows < total,
  };
}

/** "1–50 of 493"; "0 of 0" with none. */
export function formatSpan({ first, last, total }: PageSpan): string {
  return first === 0 ? `0 of ${formatInt(total)}` : `${formatInt(first)}–${formatInt(last)} of ${formatInt(total)}`;
}

/** The page a page number past the end should go to (the last), or null when it is in range. */
export function pageInRange(page: number, total: number, size = PAGE_SIZE): number | null {
  const last = Math.max(1, Math.ceil(total / size));
  return page > last ? last : null;
}

export type StockBadge = 'out' | 'low' | 'ok';

export const STOCK_BADGE: Record<StockBadge, string> = { out: 'Out', low: 'Low', ok: 'OK' };

/** Out with nothing on hand; low at or below the reorder point; else ok. */
export function stockBadge(row: Pick<InventoryRow, 'on_hand' | 'reorder_point'>): StockBadge {
  if (row.on_hand <= 0) return 'out';
  return row.reorder_point !== null && row.on_hand <= row.reorder_point ? 'low' : 'ok';
}
