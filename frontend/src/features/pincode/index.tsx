import { lazy } from 'react';
import { Panel } from '../../components/ui/Panel';
import { Spinner } from '../../components/ui/Spinner';
import { PANEL_LABEL } from './label';

/** Loaded on the first click on an area: nothing of it is needed for the first map paint. */
export const PincodePanel = lazy(() => import('./components/PincodePanel'));

/** What shows while the panel's code loads. */
export function PincodePanelFallback({ pincode, onClose }: { pincode: number; onClose: () => void }) {
  return (
    <Panel label={PANEL_LABEL} title={`Pincode ${pincode}`} busy onClose={onClose}>
      <Spinner label="Loading details…" />
    </Panel>
  );
}
