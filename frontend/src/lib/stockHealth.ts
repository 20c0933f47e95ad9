// How well a store is stocked, from the share of its SKUs at/below their reorder point or out of stock: the
// colours of the map's store markers and of the Stores page.
import type { StockHealth } from '../api/inventoryHealth';

export const STOCK_THRESHOLDS = {
  /** Healthy below this share of SKUs at or below their reorder point. */
  healthyBelowReorder: 0.1,
  /** Critical above this share of SKUs out of stock… */
  criticalOutOfStock: 0.05,
  /** …or above this share at or below their reorder point. */
  criticalBelowReorder: 0.25,
} as const;

export type StockStatus = 'healthy' | 'low' | 'critical' | 'unknown';

const percent = (share: number) => `${Math.round(share * 100)}%`;
const t = STOCK_THRESHOLDS;

export const STOCK_STATUS: Record<StockStatus, { label: string; color: string; rule: string }> = {
  healthy: {
    label: 'Healthy',
    color: '#15803d',
    rule: `< ${percent(t.healthyBelowReorder)} of SKUs at/below reorder point`,
  },
  low: {
    label: 'Running low',
    color: '#d97706',
    rule: `${percent(t.healthyBelowReorder)}–${percent(t.criticalBelowReorder)} at/below reorder point`,
  },
  critical: {
    label: 'Critical',
    color: '#dc2626',
    rule: `> ${percent(t.criticalOutOfStock)} out of stock or > ${percent(t.criticalBelowReorder)} at/below reorder point`,
  },
  unknown: { label: 'No stock data', color: '#64748b', rule: 'no SKUs stocked or not reported' },
};

export function stockStatus(health: StockHealth | undefined): StockStatus {
  if (!health || health.skus <= 0) return 'unknown';
  const below = health.below_reorder_point / health.skus;
  const out = health.out_of_stock / health.skus;
  if (out > t.criticalOutOfStock || below > t.criticalBelowReorder) return 'critical';
  return below < t.healthyBelowReorder ? 'healthy' : 'low';
}
