import type { StockBadge } from '../inventoryState';

/** On hand as a share of the max stock (full past it); nothing without a max. Decorative: the numbers are in
 * the row's cells. */
export function StockBar({ onHand, max, badge }: { onHand: number; max: number | null; badge: StockBadge }) {
  if (max === null || max <= 0) return <span className="muted">–</span>;
  const share = Math.min(1, Math.max(0, onHand / max));
  return (
    <span className="stock-bar" aria-hidden="true">
      <span className={`stock-bar__fill stock-bar__fill--${badge}`} style={{ width: `${share * 100}%` }} />
    </span>
  );
}
