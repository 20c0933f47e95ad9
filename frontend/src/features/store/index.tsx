import { lazy } from 'react';
import { Panel } from '../../components/ui/Panel';
import { Spinner } from '../../components/ui/Spinner';
import { PANEL_LABEL } from './label';

/** Loaded on the first click on a store: nothing of it is needed for the first map paint. */
export const StorePanel = lazy(() => import('./components/StorePanel'));
export type { StoreHealthClass } from './components/StockSummary';

/** What shows while the panel's code loads. */
export function StorePanelFallback({ title, onClose }: { title: string; onClose: () => void }) {
  return (
    <Panel label={PANEL_LABEL} title={title} busy onClose={onClose}>
      <Spinner label="Loading store…" />
    </Panel>
  );
}
