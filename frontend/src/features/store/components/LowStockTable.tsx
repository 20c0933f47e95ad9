import type { Page } from '../../../api/client';
import type { InventoryRow } from '../../../api/storeInventory';
import { formatInt } from '../../../lib/format';

interface LowStockTableProps {
  page: Page<InventoryRow>;
  selected: string | null;
  onSelect: (sku: string) => void;
}

function rowClass(row: InventoryRow, selected: string | null): string {
  const classes = ['low-stock__row'];
  if (row.on_hand === 0) classes.push('low-stock__row--out');
  if (row.sku === selected) classes.push('low-stock__row--selected');
  return classes.join(' ');
}

const orDash = (n: number | null) => (n === null ? '–' : formatInt(n));

/** The SKUs at or below their reorder point (out-of-stock ones highlighted); a row picks the SKU to forecast. */
export function LowStockTable({ page, selected, onSelect }: LowStockTableProps) {
  const { items, total } = page;
  if (items.length === 0) return <p className="muted">No SKU is at or below its reorder point.</p>;
  return (
    <>
      <p className="muted low-stock__count">
        {formatInt(items.length)} of {formatInt(total)}
      </p>
      <table className="data-table low-stock">
        <thead>
          <tr>
            <th scope="col">SKU</th>
            <th scope="col">On hand</th>
            <th scope="col">Reorder at</th>
            <th scope="col">Max</th>
          </tr>
        </thead>
        <tbody>
          {items.map((row) => (
            // The whole row is the click target; its button (whose clicks bubble here) is the keyboard's.
            <tr key={row.sku} className={rowClass(row, selected)} onClick={() => onSelect(row.sku)}>
              <th scope="row">
                <button type="button" className="low-stock__pick" aria-pressed={row.sku === selected}>
                  <span className="sku__name">{row.name}</span>
                  <span className="sku__meta">
                    {row.sku} · {row.category}
                  </span>
                </button>
              </th>
              <td className={row.on_hand === 0 ? 'is-lost' : undefined}>{formatInt(row.on_hand)}</td>
              <td>{orDash(row.reorder_point)}</td>
              <td>{orDash(row.max_stock)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
