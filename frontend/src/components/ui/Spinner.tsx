import './ui.css';

/** A spinning ring with a text label (the label is what screen readers hear). */
export function Spinner({ label, overlay = false }: { label: string; overlay?: boolean }) {
  return (
    <div className={overlay ? 'spinner spinner--overlay' : 'spinner'} role="status">
      <span className="spinner__ring" aria-hidden="true" />
      <span className="spinner__label">{label}</span>
    </div>
  );
}
