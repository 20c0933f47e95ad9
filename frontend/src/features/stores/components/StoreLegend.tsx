import { Legend } from '../../../components/ui/Legend';
import { STOCK_STATUS, type StockStatus } from '../../../lib/stockHealth';

const SHOWN: StockStatus[] = ['healthy', 'low', 'critical', 'unknown'];

/** The store marker colours and the thresholds behind them. */
export function StoreLegend() {
  const items = SHOWN.map((status) => ({
    key: status,
    label: STOCK_STATUS[status].label,
    detail: STOCK_STATUS[status].rule,
    swatch: { className: 'legend__swatch--dot', style: { background: STOCK_STATUS[status].color } },
  }));
  return <Legend label="Store stock legend" title="Store stock" items={items} />;
}
