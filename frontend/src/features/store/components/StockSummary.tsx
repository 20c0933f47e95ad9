import type { StockHealth } from '../../../api/inventoryHealth';
import { formatInt } from '../../../lib/format';

/** How the map classes the store's stock (features/stores decides; this panel only shows it). */
export interface StoreHealthClass {
  label: string;
  color: string;
}

interface StockSummaryProps {
  health: StockHealth | undefined;
  healthClass: StoreHealthClass;
}

/** The store's stock class and the counts behind it. */
export function StockSummary({ health, healthClass }: StockSummaryProps) {
  const count = (n: number | undefined) => (n === undefined ? 'n/a' : formatInt(n));
  return (
    <div className="stock-summary">
      <p className="stock-summary__class">
        <span className="stock-summary__dot" style={{ background: healthClass.color }} aria-hidden="true" />
        {healthClass.label}
      </p>
      <dl className="stock-summary__counts">
        <div>
          <dt>SKUs</dt>
          <dd>{count(health?.skus)}</dd>
        </div>
        <div>
          <dt>At/below reorder point</dt>
          <dd>{count(health?.below_reorder_point)}</dd>
        </div>
        <div>
          <dt>Out of stock</dt>
          <dd className={health?.out_of_stock ? 'is-lost' : undefined}>{count(health?.out_of_stock)}</dd>
        </div>
      </dl>
    </div>
  );
}
