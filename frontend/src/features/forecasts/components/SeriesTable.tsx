import type { KeyboardEvent } from 'react';
import type { ForecastSeriesRow } from '../../../api/forecastSeries';
import { SortHeader } from '../../../components/ui/SortHeader';
import { formatInt } from '../../../lib/format';
import type { Sort } from '../../../lib/sort';
import { formatRatio, formatRatioPercent, formatUnits } from '../format';
import { nextSort, seriesId, type SeriesKey, type SortKey } from '../forecastsView';

interface Column {
  label: string;
  /** Sorts the table when its header is clicked. */
  sort?: SortKey;
  /** Right-aligned (a number). */
  num?: boolean;
  /** Hidden on phones. */
  wide?: boolean;
  /** Hidden on phones, where the SKU cell says it. */
  inline?: boolean;
}

const COLUMNS: Column[] = [
  { label: 'SKU', sort: 'sku' },
  { label: 'Store', sort: 'store', inline: true },
  { label: 'Model', inline: true },
  { label: 'WAPE', sort: 'wape', num: true },
  { label: 'MASE', sort: 'mase', num: true, wide: true },
  { label: 'Units', sort: 'units', num: true, wide: true },
  { label: 'Missed', sort: 'error', num: true },
];

const SORT_LABEL: Record<SortKey, string> = {
  sku: 'SKU',
  store: 'store',
  wape: 'WAPE',
  mase: 'MASE',
  units: 'backtest units',
  error: 'units missed',
};

interface HeaderProps {
  column: Column;
  sort: Sort<SortKey>;
  onSort: (sort: Sort<SortKey>) => void;
}

function Header({ column, sort, onSort }: HeaderProps) {
  const classes = [column.num && 'num', column.wide && 'series-table__wide', column.inline && 'series-table__inline'];
  const className = classes.filter(Boolean).join(' ') || undefined;
  if (!column.sort) {
    return (
      <th scope="col" className={className}>
        {column.label}
      </th>
    );
  }
  return (
    <SortHeader
      label={column.label}
      column={column.sort}
      sort={sort}
      onSort={(key) => onSort(nextSort(sort, key))}
      className={className}
    />
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
  sort: Sort<SortKey>;
  selected: SeriesKey | null;
  busy: boolean;
  onSort: (sort: Sort<SortKey>) => void;
  onSelect: (series: SeriesKey) => void;
}

/** The series of a page: sortable headers, and each row picks the series whose forecast is drawn. */
export function SeriesTable({ rows, sort, selected, busy, onSort, onSelect }: SeriesTableProps) {
  return (
    <div className="forecasts__scroll">
      <table className="forecasts-table series-table" aria-busy={busy}>
        <caption className="sr-only">
          Forecast series; pick one to see its forecast. Sorted by {SORT_LABEL[sort.key]},{' '}
          {sort.descending ? 'descending' : 'ascending'}. WAPE: units off per 100 asked for in the backtest; MASE:
          error against repeating last week; Units: asked for in the backtest days; Missed: units the backtest
          missed by.
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
                      <span className="series-row__inline"> · {row.store}</span>
                    </span>
                    <span className="sku__meta series-row__inline">{row.model}</span>
                  </button>
                </th>
                <td className="series-table__inline">{row.store}</td>
                <td className="series-table__inline">
                  <span className="series-row__model">{row.model}</span>
                  {row.wape === null && <span className="sku__meta">{row.reason}</span>}
                </td>
                <td className="num">{formatRatioPercent(row.wape)}</td>
                <td className="num series-table__wide">{formatRatio(row.mase)}</td>
                <td className="num series-table__wide">
                  {row.backtest_units === null ? '–' : formatInt(row.backtest_units)}
                </td>
                <td className="num">{formatUnits(row.error_units)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
