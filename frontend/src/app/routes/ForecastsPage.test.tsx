// The Forecasts page in jsdom against a fake API: the state in the URL (restored from a link, written back by
// the controls), the series table's sorting, paging, filtering and selection (mouse and keyboard), the chart
// of the chosen series, and the no-run and refused-filter states.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPageAt } from '../../test/renderPage';
import ForecastsPage from './ForecastsPage';

const STORES = ['BLR-001', 'BLR-002'];
const MODELS = ['ets', 'croston', 'zero'];

// 30 series: 2 stores × 15 SKUs; the zero ones have no backtest.
const SERIES = STORES.flatMap((store, s) =>
  Array.from({ length: 15 }, (_, k) => {
    const model = MODELS[(k + s) % 3] as string;
    const tested = model !== 'zero';
    const units = 10 * (k + 1);
    const wape = tested ? ((k * 7 + s * 3) % 20) / 10 + 0.05 : null;
    return {
      store,
      sku: `SKU-${String(k + 1).padStart(4, '0')}`,
      name: `Item ${k + 1}`,
      category: k % 2 ? 'Dairy' : 'Snacks',
      model,
      reason: tested ? 'best backtest score' : 'all zero',
      wape,
      mase: tested ? 0.5 + k / 10 : null,
      backtest_units: tested ? units : null,
      error_units: wape === null ? null : wape * units,
    };
  }),
);
type Row = (typeof SERIES)[number];

/** The API's listing: filters, sort (no backtest last, ties by store and SKU), page, total. */
function listSeries(params: URLSearchParams): [Row[], number] | null {
  const store = params.get('store');
  if (store && !STORES.includes(store)) return null;
  const q = params.get('q')?.toLowerCase() ?? '';
  const sort = params.get('sort') ?? '-error';
  const descending = sort.startsWith('-');
  const key = { error: 'error_units', units: 'backtest_units' }[sort.replace('-', '')] ?? sort.replace('-', '');
  const value = (row: Row) => row[key as keyof Row] as string | number | null;
  const rows = SERIES.filter(
    (row) =>
      (!store || row.store === store) &&
      (!params.get('model') || row.model === params.get('model')) &&
      (row.sku.toLowerCase().includes(q) || row.name.toLowerCase().includes(q)),
  ).sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * (descending ? -1 : 1);
    }
    return `${a.store}${a.sku}`.localeCompare(`${b.store}${b.sku}`);
  });
  const offset = Number(params.get('offset') ?? 0);
  return [rows.slice(offset, offset + Number(params.get('limit') ?? 50)), rows.length];
}

const run = (id: number, status: string) => ({
  id,
  created_at: '2026-06-03T01:00:00Z',
  finished_at: status === 'done' ? '2026-06-03T01:02:05Z' : null,
  status,
  model: 'auto',
  horizon_days: 7,
  history_days: 28,
  series: 30,
  series_done: status === 'done' ? 30 : 12,
  error: null,
});
const accuracyRow = (series: number, units: number, wape: number, mase: number) => ({
  series,
  units,
  wape,
  wape_median: wape,
  mase_mean: mase,
});
const ACCURACY = {
  run: run(2, 'done'),
  metric: 'rolling-origin backtest',
  overall: accuracyRow(20, 2000, 0.3125, 0.91),
  models: { ets: accuracyRow(10, 1500, 0.25, 0.8), croston: accuracyRow(10, 500, 0.5, 1.1) },
  not_backtested: { 'all zero': 10 },
};
const band = { yhat_lower_80: 3, yhat_upper_80: 7, yhat_lower_95: 2, yhat_upper_95: 8 };
const forecastOf = (store: string, sku: string) => ({
  store,
  sku,
  model: SERIES.find((row) => row.store === store && row.sku === sku)?.model ?? 'ets',
  reason: 'best backtest score',
  backtest: { wape: 0.25, mase: 0.8 },
  unit: 'units a local day',
  points: [
    { day: '2026-06-04', yhat: 5, ...band },
    { day: '2026-06-05', yhat: 6, ...band },
  ],
  actuals: [
    { day: '2026-06-02', units: 4, lost_units: 2 },
    { day: '2026-06-03', units: 3, lost_units: 0 },
  ],
  next_hours: [{ at: '2026-06-03T10:00:00Z', yhat: 2.5 }, { at: '2026-06-03T11:00:00Z', yhat: 1.25 }],
  on_hand: 3,
  runs_out_at: '2026-06-03T11:00:00Z',
});

let noRunYet = false;
let accuracy: Omit<typeof ACCURACY, 'models' | 'not_backtested'> & {
  models: Record<string, ReturnType<typeof accuracyRow>>;
  not_backtested: Record<string, number>;
} = ACCURACY;
const requested: string[] = [];

function fakeApi(url: string): [number, unknown, Record<string, string>?] {
  requested.push(url);
  const [path, search] = url.split('?');
  const params = new URLSearchParams(search);
  const notFound: [number, unknown] = [404, { detail: [{ msg: 'no forecast run has finished yet' }] }];
  switch (path) {
    case '/api/health':
      return [200, { status: 'ok', database: 'ok' }];
    case '/api/stores':
      return [200, STORES.map((code, i) => ({ code, name: `Store ${i + 1}`, city: 'BLR', pincodes: [] }))];
    case '/api/forecasts/runs':
      return [200, noRunYet ? [] : [run(3, 'running'), run(2, 'done')]];
    case '/api/forecasts/accuracy':
      return noRunYet ? notFound : [200, accuracy];
    case '/api/forecasts/series': {
      if (noRunYet) return notFound;
      const listed = listSeries(params);
      const refused = { loc: ['query', 'store'], msg: `unknown store '${params.get('store')}'` };
      if (!listed) return [422, { detail: [refused] }];
      return [200, listed[0], { 'X-Total-Count': String(listed[1]) }];
    }
    case '/api/forecasts':
      return [200, forecastOf(params.get('store') ?? '', params.get('sku') ?? '')];
    default:
      return [404, { detail: 'Not Found' }];
  }
}

const renderAt = (url: string) => renderPageAt(url, <ForecastsPage />);

const seriesTable = () => screen.getByRole('table', { name: /Forecast series/ });
const bodyRows = () => within(seriesTable()).getAllByRole('row').slice(1);
const header = (name: string) => within(seriesTable()).getByRole('columnheader', { name: new RegExp(`^${name}`) });
const search = () => new URLSearchParams(window.location.search);

describe('ForecastsPage', () => {
  beforeEach(() => {
    noRunYet = false;
    accuracy = ACCURACY;
    requested.length = 0;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        const [status, body, headers] = fakeApi(url);
        return new Response(JSON.stringify(body), { status, headers });
      }),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows the runs and the accuracy by model, with the overall row', async () => {
    renderAt('/forecasts');
    const accuracy = await screen.findByRole('table', { name: /Backtest accuracy of forecast run 2/ });
    const rows = within(accuracy).getAllByRole('row');
    expect(rows.map((row) => row.textContent)).toEqual([
      'ModelSeriesWAPEMASEShare of units',
      'ets1025.0%0.8075.0%',
      'croston1050.0%1.1025.0%',
      'All models2031.3%0.91100.0%',
    ]);
    expect(screen.getByText(/10 series were not backtested: 10 all zero/)).toBeInTheDocument();
    expect(screen.getByText(/for every 100 units customers asked for/)).toBeInTheDocument();
    const runs = screen.getByRole('table', { name: /latest forecast runs/ });
    expect(within(runs).getByRole('progressbar', { name: 'Run 3: 12 of 30 series forecast' })).toHaveAttribute(
      'value',
      '12',
    );
    expect(within(runs).getByText('2 min 5 s')).toBeInTheDocument();
  });

  it('says why no model has an accuracy when no series could be backtested', async () => {
    accuracy = {
      ...ACCURACY,
      overall: accuracyRow(0, 0, 0, 0),
      models: {},
      not_backtested: { 'all zero': 3352, 'too short to backtest': 1648 },
    };
    renderAt('/forecasts');
    const why = /No series of run #2 could be backtested \(3,352 all zero, 1,648 too short to backtest\)/;
    expect(await screen.findByText(why)).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: /Backtest accuracy/ })).toBeNull();
  });

  it('restores the table and the chosen series from the URL', async () => {
    renderAt('/forecasts?sort=-wape&page=2&series=BLR-002%3ASKU-0007');
    await waitFor(() => expect(bodyRows()).toHaveLength(5)); // 26–30 of 30
    expect(requested).toContain('/api/forecasts/series?sort=-wape&limit=25&offset=25');
    expect(header('WAPE')).toHaveAttribute('aria-sort', 'descending');
    expect(header('Missed')).toHaveAttribute('aria-sort', 'none');
    expect(screen.getByText('26–30 of 30 · page 2 of 2')).toBeInTheDocument();
    // the last rows: no backtest, so last whichever way WAPE is sorted
    expect(bodyRows().every((row) => row.textContent?.includes('all zero'))).toBe(true);

    const detail = screen.getByRole('region', { name: /SKU-0007 at BLR-002/ });
    await waitFor(() => expect(detail.querySelector('svg.forecast-chart')).not.toBeNull());
    expect(detail.querySelector('.forecast-chart__band80')?.getAttribute('d')).toMatch(/^M.+Z$/);
    expect(detail.querySelector('.forecast-chart__band95')?.getAttribute('d')).toMatch(/^M.+Z$/);
    expect(detail.querySelectorAll('.forecast-chart__lost')).toHaveLength(2);
    expect(within(detail).getByText('croston')).toHaveClass('series-facts__model'); // BLR-002 SKU-0007's model
    expect(within(detail).getByText('3.8 units expected')).toBeInTheDocument(); // 2.5 + 1.25 in the next 24 h
    expect(within(detail).getByText('3 units')).toBeInTheDocument();
  });

  // Long walks through the page: more time than a unit test's default when the machine is busy.
  const WALK = { timeout: 20_000 };

  it('sorts by a header and pages; the URL keeps both', WALK, async () => {
    renderAt('/forecasts');
    await waitFor(() => expect(bodyRows()).toHaveLength(25));
    expect(header('Missed')).toHaveAttribute('aria-sort', 'descending');
    // nothing chosen: the worst series (most units missed) is shown
    const top = listSeries(new URLSearchParams())?.[0][0] as Row;
    expect(within(bodyRows()[0]!).getByRole('button')).toHaveAttribute('aria-pressed', 'true');
    expect(await screen.findByRole('region', { name: new RegExp(`${top.sku} at ${top.store}`) })).toBeInTheDocument();

    fireEvent.click(within(header('WAPE')).getByRole('button'));
    await waitFor(() => expect(header('WAPE')).toHaveAttribute('aria-sort', 'descending'));
    expect(search().get('sort')).toBe('-wape');
    fireEvent.click(within(header('WAPE')).getByRole('button'));
    await waitFor(() => expect(header('WAPE')).toHaveAttribute('aria-sort', 'ascending'));
    expect(search().get('sort')).toBe('wape');
    await waitFor(() => expect(bodyRows()[0]).toHaveTextContent('5.0%')); // the smallest WAPE first

    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(screen.getByText('26–30 of 30 · page 2 of 2')).toBeInTheDocument());
    expect(search().get('page')).toBe('2');
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
  });

  it('filters and picks series with the mouse and the keyboard; the URL keeps them', WALK, async () => {
    renderAt('/forecasts?sort=wape&page=2');
    await waitFor(() => expect(bodyRows()).toHaveLength(5));

    // a filter starts again at page 1
    fireEvent.change(screen.getByLabelText('Store'), { target: { value: 'BLR-002' } });
    await waitFor(() => expect(screen.getByText('1–15 of 15 · page 1 of 1')).toBeInTheDocument());
    expect(search().get('store')).toBe('BLR-002');
    expect(search().get('page')).toBeNull();
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'croston' } });
    await waitFor(() => expect(bodyRows()).toHaveLength(5));
    fireEvent.change(screen.getByLabelText('Search SKU'), { target: { value: 'item 1' } });
    await waitFor(() => expect(search().get('q')).toBe('item 1')); // once typing pauses
    await waitFor(() =>
      expect(bodyRows().map((row) => row.dataset.series)).toEqual([
        'BLR-002:SKU-0001', // Item 1, Item 10, Item 13, by WAPE
        'BLR-002:SKU-0010',
        'BLR-002:SKU-0013',
      ]),
    );

    // the keyboard moves between rows; a row's button picks its series
    const [first, second] = bodyRows().map((row) => within(row).getByRole('button'));
    first!.focus();
    fireEvent.keyDown(first!, { key: 'ArrowDown' });
    expect(second).toHaveFocus();
    fireEvent.click(second!);
    await waitFor(() => expect(second).toHaveAttribute('aria-pressed', 'true'));
    expect(search().get('series')).toBe('BLR-002:SKU-0010');
    expect(first).toHaveAttribute('aria-pressed', 'false');
    expect(await screen.findByRole('region', { name: /SKU-0010 at BLR-002/ })).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(bodyRows()).toHaveLength(25));
    expect(window.location.search).toBe('?sort=wape&series=BLR-002%3ASKU-0010'); // the choice stays
    expect(screen.getByLabelText('Search SKU')).toHaveValue('');
  });

  it('says when there is no forecast run yet', async () => {
    noRunYet = true;
    renderAt('/forecasts');
    expect(await screen.findByRole('status')).toHaveTextContent(/^No forecast run yet\. Runs start nightly/);
    expect(screen.queryByRole('table', { name: /Forecast series/ })).toBeNull();
    expect(screen.queryByText(/The API rejected a request/)).toBeNull();
  });

  it('shows what the API refused in a link, and clears it', async () => {
    renderAt('/forecasts?store=NOPE-9');
    expect(await screen.findByRole('alert')).toHaveTextContent("unknown store 'NOPE-9'");
    expect(screen.queryByText(/The API rejected a request/)).toBeNull(); // explained here, not in the banner
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(bodyRows()).toHaveLength(25));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
