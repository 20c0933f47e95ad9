import { useEffect } from 'react';
import { pageCount } from '../lib/pages';

/** A link to a page past the end of a list (it has fewer rows since): once the list is `known` (loaded, not a
 * placeholder), `update` moves the view to its last page. */
export function useClampedPage(
  page: number,
  total: number,
  size: number,
  known: boolean,
  update: (change: { page: number }) => void,
) {
  const lastPage = pageCount(total, size);
  useEffect(() => {
    if (known && page > lastPage) update({ page: lastPage });
  }, [known, page, lastPage, update]);
}
