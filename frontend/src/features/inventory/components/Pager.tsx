import { formatSpan, type PageSpan } from '../inventoryState';

interface PagerProps {
  span: PageSpan | null;
  onPage: (delta: -1 | 1) => void;
  busy: boolean;
}

/** "1–50 of 493" with previous and next page buttons. */
export function Pager({ span, onPage, busy }: PagerProps) {
  return (
    <nav className="pager" aria-label="Pages of the inventory">
      <p className="pager__count" role="status" aria-live="polite" aria-busy={busy}>
        {span ? formatSpan(span) : '…'}
      </p>
      <div className="pager__buttons">
        <button type="button" className="button" disabled={!span?.hasPrevious} onClick={() => onPage(-1)}>
          <span aria-hidden="true">‹</span> Previous
        </button>
        <button type="button" className="button" disabled={!span?.hasNext} onClick={() => onPage(1)}>
          Next <span aria-hidden="true">›</span>
        </button>
      </div>
    </nav>
  );
}
