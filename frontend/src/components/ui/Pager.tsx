import { formatInt } from '../../lib/format';
import { pageCount, pageRange } from '../../lib/pages';
import './ui.css';

interface PagerProps {
  /** The pager's accessible name, e.g. "Series pages". */
  label: string;
  /** From 1. */
  page: number;
  /** Rows on this page. */
  shown: number;
  total: number;
  /** Rows per page. */
  size: number;
  onPage: (page: number) => void;
}

/** Which rows of how many, and the previous and next pages. */
export function Pager({ label, page, shown, total, size, onPage }: PagerProps) {
  const pages = pageCount(total, size);
  const { from, to } = pageRange(page, shown, size);
  return (
    <nav className="page-nav" aria-label={label}>
      <button type="button" className="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous
      </button>
      <p className="page-nav__status" aria-live="polite">
        {formatInt(from)}–{formatInt(to)} of {formatInt(total)} · page {formatInt(Math.min(page, pages))} of{' '}
        {formatInt(pages)}
      </p>
      <button type="button" className="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Next
      </button>
    </nav>
  );
}
