import type { ReactNode } from 'react';
import type { InventoryRow } from '../../../api/storeInventory';
import { SortHeader } from '../../../components/ui/SortHeader';
import { Spinner } from '../../../components/ui/Spinner';
import { formatDateTime, formatInt } from '../../../lib/format';
import type { Sort } from '../../../lib/sort';
import { STOCK_BADGE, stockBadge, type InventoryColumn } from '../inventoryState';
import { StockBar } from './StockBar';
import '../inventory.css';

interface InventoryTableProps {
  caption: string;
  rows: readonly InventoryRow[] | undefined;
  sort: Sort<InventoryColumn>;
  onSort: (column: InventoryColumn) => void;
  /** The SKU whose movements are open. */
  selected: string | null;
  onOpen: (sku: string) => void;
  loading: boolean;
  error: Error | null;
  empty: string;
}

const HEADERS: { column: InventoryColumn; label: string; className?: string }[] = [
  { column: 'sku', label: 'SKU' },
  { column: 'name', label: 'Name', className: 'inventory-table__name' },
  { column: 'category', label: 'Category', className: 'inventory-table__minor' },
  { column: 'on_hand', label: 'On hand', className: 'num' },
  { column: 'reorder_point', label: 'Reorder point', className: 'num inventory-table__minor' },
  { column: 'max_stock', label: 'Max', className: 'num inventory-table__minor' },
];
const COLUMNS = HEADERS.length + 3; // the bar, the status, the time

const orDash = (n: number | null) => (n === null ? '–' : formatInt(n));

/** A page of a store's SKUs; a row (its SKU button, for the keyboard) opens the SKU's movements. */
export function InventoryTable({ caption, rows, sort, onSort, selected, onOpen, loading, error, empty }: InventoryTableProps) {
  let message: ReactNode = null;
  if (rows === undefined) {
    message = error ? `Couldn't load the inventory: ${error.message}` : <Spinner label="Loading inventory…" />;
  } else if (rows.length === 0) message = empty;
  return (
    <div className="table-frame">
      <table className="table inventory-table" aria-busy={loading}>
        <caption className="table__caption">{caption}</caption>
        <thead>
          <tr>
            {HEADERS.map(({ column, label, className }) => (
              <SortHeader key={column} label={label} column={column} sort={sort} onSort={onSort} className={className} />
            ))}
            <th scope="col" className="inventory-table__minor">
              On hand vs max
            </th>
            <th scope="col">Status</th>
            <SortHeader
              label="Updated"
              column="updated_at"
              sort={sort}
              onSort={onSort}
              className="inventory-table__minor"
            />
          </tr>
        </thead>
        <tbody>
          {message === null
            ? rows?.map((row) => {
                const badge = stockBadge(row);
                const open = row.sku === selected;
                return (
                  // The whole row is the click target; its SKU button (whose clicks bubble here) is the keyboard's.
                  <tr
                    key={row.sku}
                    data-sku={row.sku}
                    className={open ? 'inventory-row inventory-row--open' : 'inventory-row'}
                    onClick={() => onOpen(row.sku)}
                  >
                    <th scope="row">
                      <button
                        type="button"
                        className="row-button"
                        aria-pressed={open}
                        aria-label={`${row.sku} ${row.name}: movements`}
                      >
                        {row.sku}
                      </button>
                    </th>
                    <td className="inventory-table__name">{row.name}</td>
                    <td className="inventory-table__minor">{row.category}</td>
                    <td className="num inventory-table__on-hand">{formatInt(row.on_hand)}</td>
                    <td className="num inventory-table__minor">{orDash(row.reorder_point)}</td>
                    <td className="num inventory-table__minor">{orDash(row.max_stock)}</td>
                    <td className="inventory-table__minor">
                      <StockBar onHand={row.on_hand} max={row.max_stock} badge={badge} />
                    </td>
                    <td>
                      <span className={`badge badge--${badge}`}>{STOCK_BADGE[badge]}</span>
                    </td>
                    <td className="inventory-table__minor">
                      <time dateTime={row.updated_at}>{formatDateTime(row.updated_at)}</time>
                    </td>
                  </tr>
                );
              })
            : (
              <tr>
                <td colSpan={COLUMNS}>
                  <div className={error ? 'table-message table-message--error' : 'table-message'}>{message}</div>
                </td>
              </tr>
            )}
        </tbody>
      </table>
    </div>
  );
}
