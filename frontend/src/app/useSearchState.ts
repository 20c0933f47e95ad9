import { useCallback, useMemo } from 'react';
import { useLocation, useSearch } from 'wouter';

/**
 * A page's state kept in the query string: parsed from it on every navigation, and written back (replacing
 * the history entry) by the updater. `parse` and `serialize` must be stable (module-level) functions;
 * `serialize` returns the query string with its "?" (or "" for none).
 */
export function useSearchState<T>(
  parse: (search: string) => T,
  serialize: (state: T) => string,
): [T, (change: (current: T) => T) => void] {
  const search = useSearch();
  const [path, navigate] = useLocation();
  const state = useMemo(() => parse(search), [parse, search]);
  const update = useCallback(
    (change: (current: T) => T) => {
      // From the address itself, so that two updates in one event both count.
      const next = serialize(change(parse(window.location.search)));
      if (next !== window.location.search) navigate(`${path}${next}`, { replace: true });
    },
    [parse, serialize, path, navigate],
  );
  return [state, update];
}
