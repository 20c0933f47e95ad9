// The Forecasts page's state in the query string (`?store=BLR-001&q=milk&model=ets&sort=-wape&page=2&series=
// BLR-001:DAI-0001`): the series table's filters, sort and page, and the series whose chart is shown. Parsed
// with defaults (bad values fall back), written back in a fixed order without the defaults.
import type { SeriesSort } from '../../api/forecastSeries';
import { formatSort, parseSort, toggleSort, type Sort } from '../../lib/sort';

/** The series table's sortable columns, as the API names them. */
export const SORT_KEYS = ['store', 'sku', 'error', 'wape', 'mase', 'units'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortState = Sort<SortKey>;
/** The series whose forecasts missed the most units first: the ones the overall WAPE is made of. */
export const DEFAULT_SORT: Sort<SortKey> = { key: 'error', descending: true };
export const PAGE_SIZE = 25;
const MAX_PAGE = 10_000;
const MAX_SEARCH = 64; // the API's bound
const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/; // store and SKU codes
const MODEL = /^[a-z_]{1,32}$/;
const SEPARATOR = ':'; // STORE:SKU, as the forecast engine names a series

export interface SeriesKey {
  store: string;
  sku: string;
}

export interface ForecastsView {
  /** Filter: only this store's series. */
  store: string | null;
  /** Filter: text in the SKU's code or name. */
  q: string;
  /** Filter: only series forecast by this model. */
  model: string | null;
  sort: Sort<SortKey>;
  /** 1-based page of the series table. */
  page: number;
  /** The series whose forecast is drawn (null: the table's first). */
  series: SeriesKey | null;
}

export const DEFAULT_FORECASTS_VIEW: ForecastsView = {
  store: null,
  q: '',
  model: null,
  sort: DEFAULT_SORT,
  page: 1,
  series: null,
};

const VIEW_KEYS = ['store', 'q', 'model', 'sort', 'page', 'series'] as const;

const code = (raw: string | null): string | null => {
  const text = raw?.trim().toUpperCase() ?? '';
  return CODE.test(text) ? text : null;
};

/** The sort as the API (and the URL) writes it: "-error". */
export const apiSort = (sort: Sort<SortKey>): SeriesSort => formatSort(sort);

export const seriesId = ({ store, sku }: SeriesKey): string => `${store}${SEPARATOR}${sku}`;

export function parseSeries(raw: string | null): SeriesKey | null {
  const [store, sku, ...rest] = (raw ?? '').split(SEPARATOR);
  const storeCode = code(store ?? null);
  const skuCode = code(sku ?? null);
  return storeCode && skuCode && rest.length === 0 ? { store: storeCode, sku: skuCode } : null;
}

function parsePage(raw: string | null): number {
  const page = Number(raw);
  return Number.isInteger(page) && page >= 1 && page <= MAX_PAGE ? page : 1;
}

export function parseForecastsView(search: string): ForecastsView {
  const params = new URLSearchParams(search);
  const model = params.get('model')?.trim() ?? '';
  return {
    store: code(params.get('store')),
    q: (params.get('q') ?? '').trim().slice(0, MAX_SEARCH),
    model: MODEL.test(model) ? model : null,
    sort: parseSort(params.get('sort'), SORT_KEYS, DEFAULT_SORT),
    page: parsePage(params.get('page')),
    series: parseSeries(params.get('series')),
  };
}

/** The query string (with "?", or "" when empty) of a view; parameters that are not the page's are kept. */
export function serializeForecastsView(view: ForecastsView, currentSearch = ''): string {
  const params = new URLSearchParams(currentSearch);
  VIEW_KEYS.forEach((key) => params.delete(key));
  if (view.store) params.set('store', view.store);
  if (view.q.trim()) params.set('q', view.q.trim().slice(0, MAX_SEARCH));
  if (view.model) params.set('model', view.model);
  if (apiSort(view.sort) !== apiSort(DEFAULT_SORT)) params.set('sort', apiSort(view.sort));
  if (view.page > 1) params.set('page', String(view.page));
  if (view.series) params.set('series', seriesId(view.series));
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** `view` with `change` applied; a new filter or sort starts again at page 1 (unless the change sets a page). */
export function changeView(view: ForecastsView, change: Partial<ForecastsView>): ForecastsView {
  const next = { ...view, ...change };
  const same = (key: 'store' | 'q' | 'model' | 'sort') =>
    key === 'sort' ? apiSort(next.sort) === apiSort(view.sort) : next[key] === view[key];
  const refiltered = (['store', 'q', 'model', 'sort'] as const).some((key) => key in change && !same(key));
  return refiltered && !('page' in change) ? { ...next, page: 1 } : next;
}

// Sorting by a column header

const TEXT_KEYS: readonly SortKey[] = ['store', 'sku'];

/** The sort after a click on `key`'s header: the other way round if it is the sorted column, else that column
 * worst first (numbers descending) or alphabetical (store, SKU). */
export const nextSort = (current: Sort<SortKey>, key: SortKey): Sort<SortKey> =>
  toggleSort(current, key, !TEXT_KEYS.includes(key));
