import { useId, useState, type ReactNode } from 'react';
import type { HeatmapMetadata } from '../api/heatmap';
import type { LiveStatus } from '../api/stream';
import { LiveIndicator } from '../components/ui/LiveIndicator';
import { Totals, ViewControls, type ViewChange } from '../features/heatmap';
import type { ViewState } from '../lib/view';
import { Nav } from './Nav';

interface HeaderProps {
  view: ViewState;
  onViewChange: (change: ViewChange) => void;
  showServiceAreas: boolean;
  onShowServiceAreas: (show: boolean) => void;
  live: LiveStatus;
  metadata: HeatmapMetadata | undefined;
  /** Transient status shown last, such as the history loading progress. */
  children?: ReactNode;
}

/** Navigation, live indicator, the view's controls (collapsed behind a button on phones), totals, status. */
export function Header(props: HeaderProps) {
  const { view, onViewChange, showServiceAreas, onShowServiceAreas, live, metadata, children } = props;
  const [open, setOpen] = useState(false);
  const controlsId = useId();
  return (
    <header className="header">
      <div className="header__bar">
        <h1 className="sr-only">FastCommerce Inventory Heatmap</h1>
        <Nav />
        <LiveIndicator status={live} />
        <button
          type="button"
          className="header__toggle"
          aria-expanded={open}
          aria-controls={controlsId}
          onClick={() => setOpen(!open)}
        >
          Filters
        </button>
      </div>
      <form
        id={controlsId}
        className="controls"
        data-open={open}
        aria-label="Map view"
        onSubmit={(event) => event.preventDefault()}
      >
        <ViewControls view={view} onChange={onViewChange} />
        <label className="field field--check">
          <input
            type="checkbox"
            checked={showServiceAreas}
            onChange={(event) => onShowServiceAreas(event.target.checked)}
          />
          <span className="field__label">Service areas</span>
        </label>
      </form>
      {metadata ? <Totals metadata={metadata} /> : <div className="totals totals--pending" aria-hidden="true" />}
      {children}
    </header>
  );
}
