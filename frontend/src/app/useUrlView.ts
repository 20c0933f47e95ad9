import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import { parseView, serializeView } from '../lib/urlState';
import type { ViewState } from '../lib/view';

/** The view, read from the query string once and written back (replaceState) whenever it changes. */
export function useUrlView(): [ViewState, Dispatch<SetStateAction<ViewState>>] {
  const [view, setView] = useState(() => parseView(window.location.search));
  useEffect(() => {
    const { search, hash } = window.location;
    const next = serializeView(view, search);
    if (next !== search) window.history.replaceState(window.history.state, '', `${next}${hash}`);
  }, [view]);
  return [view, setView];
}
