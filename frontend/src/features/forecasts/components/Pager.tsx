import { formatInt } from '../../../lib/format';
import { pageCount, pageRange } from '../forecastsView';

interface PagerProps {
  page: number;
  shown: number;
  total: number;
  onPage: (page: number) => void;
}

/** Which rows of how many, and the previous and next pages. */
export function Pager({ page, shown, total, onPage }: PagerProps) {
  const pages = pageCount(total);
  const { from, to } = pageRange(page, shown);
  return (
    <nav className="series-pager" aria-label="Series pages">
      <button type="button" className="forecasts__button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous
      </button>
      <p className="series-pager__status" aria-live="polite">
        {formatInt(from)}–{formatInt(to)} of {formatInt(total)} · page {formatInt(Math.min(page, pages))} of{' '}
        {formatInt(pages)}
      </p>
      <button type="button" className="forecasts__button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Next
      </button>
    </nav>
  );
}
