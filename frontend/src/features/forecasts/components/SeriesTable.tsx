import type { KeyboardEvent } from 'react';
import type { ForecastSeriesRow, SeriesSort } from '../../../api/forecastSeries';
import { formatInt } from '../../../lib/format';
import { formatRatio, formatRatioPercent, formatUnits } from '../format';
import { ariaSort, nextSort, seriesId, sortState, type SeriesKey, type SortKey } from '../forecastsView';

interface Column {
  label: string;
  /** Sorts the table when its header is clicked. */
  sort?: SortKey;
  /** What the header means, for a tooltip and screen readers. */
  title?: string;
  /** Left-aligned (text, not numbers). */
  text?: boolean;
  /** Hidden on phones. */
  wide?: boolean;
  /** Hidden on phones, where the SKU cell says it. */
  store?: boolean;
}

const COLUMNS: Column[] = [
  { label: 'SKU', sort: 'sku', text: true },
  { label: 'Store', sort: 'store', text: true, store: true },
  { label: 'Model', text: true },
  { label: 'WAPE', sort: 'wape', title: 'units off per 100 units asked for, in the backtest' },
  { label: 'MASE', sort: 'mase', title: 'error against repeating last week (below 1 is better)', wide: true },
  { label: 'Units', sort: 'units', title: 'units asked for in the backtest days', wide: true },
  { label: 'Missed', sort: 'error', title: 'units the backtest missed by' },
];

const ARROW = { ascending: '▲', descending: '▼', none: '' } as const;
const SORT_LABEL: Record<SortKey, string> = {
  sku: 'SKU',
  store: 'store',
  wape: 'WAPE',
  mase: 'MASE',
  units: 'backtest units',
  error: 'units missed',
};

function Header({ column, sort, onSort }: { column: Column; sort: SeriesSort; onSort: (sort: SeriesSort) => void }) {
  const classes = [
    column.text && 'series-table__text',
    column.wide && 'series-table__wide',
    column.store && 'series-table__store',
  ].filter(Boolean);
  const className = classes.length ? classes.join(' ') : undefined;
  if (!column.sort) {
    return (
      <th scope="col" className={className}>
        {column.label}
      </th>
    );
  }
  const key = column.sort;
  const direction = ariaSort(sort, key);
  return (
    <th scope="col" aria-sort={direction} className={className} title={column.title}>
      <button type="button" className="series-table__sort" onClick={() => onSort(nextSort(sort, key))}>
        {column.label}
        <span className="series-table__arrow" aria-hidden="true">
          {ARROW[direction]}
        </span>
      </button>
    </th>
  );
}

const sameSeries = (row: ForecastSeriesRow, key: SeriesKey | null) =>
  key !== null && row.store === key.store && row.sku === key.sku;

/** Up and down arrows move between the rows' buttons (Tab still goes through them one by one). */
function moveFocus(event: KeyboardEvent<HTMLTableSectionElement>) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button.series-row__pick')];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0) return;
  const next = buttons[at + (event.key === 'ArrowDown' ? 1 : -1)];
  if (next) {
    event.preventDefault();
    next.focus();
  }
}

interface SeriesTableProps {
  rows: readonly ForecastSeriesRow[];
  sort: SeriesSort;
  selected: SeriesKey | null;
  busy: boolean;
  onSort: (sort: SeriesSort) => void;
  onSelect: (series: SeriesKey) => void;
}

/** The series of a page: sortable headers, and each row picks the series whose forecast is drawn. */
export function SeriesTable({ rows, sort, selected, busy, onSort, onSelect }: SeriesTableProps) {
  return (
    <div className="forecasts__scroll">
      <table className="forecasts-table series-table" aria-busy={busy}>
        <caption className="sr-only">
          Forecast series; pick one to see its forecast. Sorted by {SORT_LABEL[sortState(sort).key]},{' '}
          {sortState(sort).descending ? 'descending' : 'ascending'}.
        </caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <Header key={column.label} column={column} sort={sort} onSort={onSort} />
            ))}
          </tr>
        </thead>
        <tbody onKeyDown={moveFocus}>
          {rows.map((row) => {
            const isSelected = sameSeries(row, selected);
            return (
              // The whole row is the click target; its button (whose clicks bubble here) is the keyboard's.
              <tr
                key={seriesId(row)}
                className={isSelected ? 'series-row series-row--selected' : 'series-row'}
                data-series={seriesId(row)}
                onClick={() => onSelect({ store: row.store, sku: row.sku })}
              >
                <th scope="row">
                  <button
                    type="button"
                    className="series-row__pick"
                    aria-pressed={isSelected}
                    aria-label={`${row.name} (${row.sku}) at ${row.store}`}
                  >
                    <span className="sku__name">{row.name}</span>
                    <span className="sku__meta">
                      {row.sku}
                      <span className="series-row__category"> · {row.category}</span>
                      <span className="series-row__store"> · {row.store}</span>
                    </span>
                  </button>
                </th>
                <td className="series-table__text series-table__store">{row.store}</td>
                <td className="series-table__text">
                  <span className="series-row__model">{row.model}</span>
                  {row.wape === null && <span className="sku__meta">{row.reason}</span>}
                </td>
                <td>{formatRatioPercent(row.wape)}</td>
                <td className="series-table__wide">{formatRatio(row.mase)}</td>
                <td className="series-table__wide">
                  {row.backtest_units === null ? '–' : formatInt(row.backtest_units)}
                </td>
                <td>{formatUnits(row.error_units)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
