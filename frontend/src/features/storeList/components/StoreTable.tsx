import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { SortHeader } from '../../../components/ui/SortHeader';
import { Spinner } from '../../../components/ui/Spinner';
import { formatInt } from '../../../lib/format';
import type { Sort } from '../../../lib/sort';
import { STOCK_STATUS } from '../../../lib/stockHealth';
import { inventoryHref, mapHref, type StoreColumn, type StoreRow } from '../storeList';
import '../storeList.css';

interface StoreTableProps {
  caption: string;
  rows: readonly StoreRow[];
  sort: Sort<StoreColumn>;
  onSort: (column: StoreColumn) => void;
  loading: boolean;
  error: Error | null;
  /** What the table is empty of, e.g. `No store matches "xyz".` */
  empty: string;
}

const HEADERS: { column: StoreColumn; label: string; numeric?: boolean; className?: string }[] = [
  { column: 'code', label: 'Store' },
  { column: 'name', label: 'Name', className: 'store-table__wide' },
  { column: 'pincodes', label: 'Pincodes served', className: 'store-table__wide' },
  { column: 'skus', label: 'SKUs', numeric: true, className: 'store-table__wide' },
  { column: 'below', label: 'At/below reorder point', numeric: true },
  { column: 'out', label: 'Out of stock', numeric: true },
  { column: 'share', label: 'Share low' },
];
const SHOWN_PINCODES = 3;

const count = (n: number | null) => (n === null ? '–' : formatInt(n));

function Pincodes({ pincodes }: { pincodes: number[] }) {
  const shown = pincodes.slice(0, SHOWN_PINCODES).join(', ');
  const more = pincodes.length - SHOWN_PINCODES;
  return (
    <>
      <span className="store-table__count">{formatInt(pincodes.length)}</span>
      {pincodes.length > 0 && (
        <span className="store-table__list" title={pincodes.join(', ')}>
          {shown}
          {more > 0 && ` +${more}`}
        </span>
      )}
    </>
  );
}

function ShareLow({ row }: { row: StoreRow }) {
  const status = STOCK_STATUS[row.status];
  return (
    <span className="share-low">
      <span className="share-low__dot" style={{ background: status.color }} aria-hidden="true" />
      <span className="share-low__value">{row.share === null ? '–' : `${Math.round(row.share * 100)}%`}</span>
      <span className="share-low__label" style={{ color: status.color }}>
        {status.label}
      </span>
    </span>
  );
}

/** Every store of the city with its stock counts, coloured as the map colours its marker; links to its
 * inventory and to the map around it. */
export function StoreTable({ caption, rows, sort, onSort, loading, error, empty }: StoreTableProps) {
  let message: ReactNode = null;
  if (loading) message = <Spinner label="Loading stores…" />;
  else if (error && rows.length === 0) message = `Couldn't load the stores: ${error.message}`;
  else if (rows.length === 0) message = empty;
  return (
    <div className="table-frame">
      <table className="table store-table">
        <caption className="table__caption">{caption}</caption>
        <thead>
          <tr>
            {HEADERS.map(({ column, label, numeric, className }) => (
              <SortHeader
                key={column}
                label={label}
                column={column}
                sort={sort}
                onSort={onSort}
                className={[numeric ? 'num' : '', className ?? ''].join(' ').trim() || undefined}
              />
            ))}
            <th scope="col">
              <span className="sr-only">Links</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {message === null ? (
            rows.map((row) => (
              <tr key={row.code} data-store={row.code}>
                <th scope="row">
                  {row.code}
                  {/* phones, where the name column gives way */}
                  <span className="store-table__subname" aria-hidden="true">
                    {row.name}
                  </span>
                </th>
                <td className="store-table__wide">{row.name}</td>
                <td className="store-table__wide">
                  <Pincodes pincodes={row.pincodes} />
                </td>
                <td className="num store-table__wide">{count(row.skus)}</td>
                <td className="num">{count(row.below)}</td>
                <td className="num">{count(row.out)}</td>
                <td>
                  <ShareLow row={row} />
                </td>
                <td className="store-table__links">
                  <Link href={inventoryHref(row.code)} aria-label={`Inventory of ${row.code}`}>
                    Inventory
                  </Link>
                  <Link href={mapHref(row)} aria-label={`${row.code} on the map`}>
                    Map
                  </Link>
                </td>
              </tr>
            ))
          ) : (
            <tr>
              <td colSpan={HEADERS.length + 1}>
                <div className={error && !loading ? 'table-message table-message--error' : 'table-message'}>
                  {message}
                </div>
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
