import { useId, useState, type ReactNode } from 'react';
import type { HeatmapMetadata } from '../api/heatmap';
import type { LiveStatus } from '../api/stream';
import { LiveIndicator } from '../components/ui/LiveIndicator';
import { FilterControls, Totals, ViewControls, type ViewChange } from '../features/heatmap';
import type { ViewState } from '../lib/view';
import { Nav } from './Nav';
import { UserMenu } from './UserMenu';

interface HeaderProps {
  view: ViewState;
  onViewChange: (change: ViewChange) => void;
  live: LiveStatus;
  metadata: HeatmapMetadata | undefined;
  /** Transient status shown last, such as the history loading progress. */
  children?: ReactNode;
}

/** Navigation, live indicator, the view's controls (collapsed behind a button on phones), totals, status. */
export function Header(props: HeaderProps) {
  const { view, onViewChange, live, metadata, children } = props;
  const [open, setOpen] = useState(false);
  const controlsId = useId();
  return (
    <header className="header">
      <div className="header__bar">
        <h1 className="sr-only">FastCommerce Inventory Heatmap</h1>
        <Nav />
        <LiveIndicator status={live} past={view.time !== null} />
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
      <UserMenu />
      <form
        id={controlsId}
        className="controls"
        data-open={open}
        aria-label="Map view"
        onSubmit={(event) => event.preventDefault()}
      >
        <ViewControls view={view} onChange={onViewChange} />
        <FilterControls view={view} onChange={onViewChange} />
        <fieldset className="layers">
          <legend className="field__label">Layers</legend>
          <LayerToggle label="Service areas" checked={view.serviceAreas} onChange={(serviceAreas) => onViewChange({ serviceAreas })} />
          <LayerToggle label="Unserved demand" checked={view.unserved} onChange={(unserved) => onViewChange({ unserved })} />
        </fieldset>
      </form>
      {metadata ? <Totals metadata={metadata} /> : <div className="totals totals--pending" aria-hidden="true" />}
      {children}
    </header>
  );
}

function LayerToggle({ label, checked, onChange }: { label: string; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <label className="field field--check">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <span className="field__label">{label}</span>
    </label>
  );
}
