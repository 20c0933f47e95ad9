import { useState } from 'react';
import { Link } from 'wouter';
import type { StockHealth } from '../../../api/inventoryHealth';
import { useStoreInventory } from '../../../api/storeInventory';
import type { Store } from '../../../api/stores';
import { Panel } from '../../../components/ui/Panel';
import { Skeleton } from '../../../components/ui/Skeleton';
import '../../../components/ui/panelContent.css';
import { PANEL_LABEL } from '../label';
import '../store.css';
import { ForecastSection } from './ForecastSection';
import { LowStockTable } from './LowStockTable';
import { StockSummary, type StoreHealthClass } from './StockSummary';

export interface StorePanelProps {
  store: Store;
  health: StockHealth | undefined;
  healthClass: StoreHealthClass;
  onClose: () => void;
}

const LOW_STOCK_LIMIT = 20;

/** A store's stock health, its SKUs at/below their reorder point, and the demand forecast of one of them. */
export default function StorePanel({ store, health, healthClass, onClose }: StorePanelProps) {
  const low = useStoreInventory({ code: store.code, belowReorderPoint: true, limit: LOW_STOCK_LIMIT });
  const [picked, setPicked] = useState<string | null>(null);
  const sku = picked ?? low.data?.items[0]?.sku ?? null;
  return (
    <Panel
      label={PANEL_LABEL}
      title={store.name}
      subtitle={`${store.code} · ${store.city}`}
      busy={low.isPending}
      onClose={onClose}
    >
      <StockSummary health={health} healthClass={healthClass} />
      <p className="panel__links">
        <Link href={`/plans?store=${encodeURIComponent(store.code)}`}>Restock plans</Link>
        <Link href={`/alerts?store=${encodeURIComponent(store.code)}`}>Open alerts</Link>
      </p>
      <section className="panel__section" aria-labelledby="low-stock-title">
        <h3 id="low-stock-title">Low stock</h3>
        <p className="panel__links">
          <Link href={`/inventory?store=${encodeURIComponent(store.code)}&low=1`}>All low-stock SKUs</Link>
          <Link href={`/inventory?store=${encodeURIComponent(store.code)}`}>Whole inventory</Link>
        </p>
        {low.error && !low.data && <p className="callout callout--error">Can't load the store's stock — retrying.</p>}
        {low.isPending && <Skeleton />}
        {low.data && <LowStockTable page={low.data} selected={sku} onSelect={setPicked} />}
      </section>
      {sku && (
        <section className="panel__section" aria-labelledby="forecast-title">
          <h3 id="forecast-title">Forecast · {sku}</h3>
          <p className="panel__links">
            <Link href={`/forecasts?store=${encodeURIComponent(store.code)}&series=${encodeURIComponent(`${store.code}:${sku}`)}`}>
              On the Forecasts page
            </Link>
          </p>
          <ForecastSection store={store.code} sku={sku} />
        </section>
      )}
    </Panel>
  );
}
