import './panelContent.css';

/** Grey shimmering lines and blocks where a panel's content will be. */
export function Skeleton() {
  return (
    <div className="skeleton" aria-hidden="true">
      <span className="skeleton__line" />
      <span className="skeleton__block" />
      <span className="skeleton__line" />
      <span className="skeleton__block" />
    </div>
  );
}
