import { useCallback, useMemo } from 'react';
import { useLocation, useSearch } from 'wouter';
import { changeView, parseForecastsView, serializeForecastsView, type ForecastsView } from './forecastsView';

/** The page's state, read from the query string on every navigation and written back (replacing the history
 * entry, as the map does) by `update`. */
export function useForecastsView(): [ForecastsView, (change: Partial<ForecastsView>) => void] {
  const search = useSearch();
  const [path, navigate] = useLocation();
  const view = useMemo(() => parseForecastsView(search), [search]);
  const update = useCallback(
    (change: Partial<ForecastsView>) => {
      // From the address itself, so that two updates in one event both count.
      const current = window.location.search;
      const next = serializeForecastsView(changeView(parseForecastsView(current), change), current);
      if (next !== current) navigate(`${path}${next}`, { replace: true });
    },
    [path, navigate],
  );
  return [view, update];
}
