import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { isRefusal } from '../../api/client';
import { isNoForecast } from '../../api/forecast';
import { useForecastAccuracy } from '../../api/forecastAccuracy';
import { useForecastRuns, type ForecastRun } from '../../api/forecastRuns';
import { isRejectedFilter, useForecastSeries } from '../../api/forecastSeries';
import { useStores } from '../../api/stores';
import { Pager } from '../../components/ui/Pager';
import { Skeleton } from '../../components/ui/Skeleton';
import '../../components/ui/panelContent.css';
import {
  AccuracySection,
  apiSort,
  changeView,
  latestDoneRun,
  PAGE_SIZE,
  runProgress,
  RunsSection,
  SeriesDetail,
  SeriesFilters,
  parseForecastsView,
  serializeForecastsView,
  SeriesTable,
  type ForecastsView,
  type SeriesKey,
  type SortState,
} from '../../features/forecasts';
import { pageOffset } from '../../lib/pages';
import { PageShell } from '../PageShell';
import { useClampedPage } from '../useClampedPage';
import { useSearchState } from '../useSearchState';

const RUNS_SHOWN = 5;
const NARROW = '(max-width: 960px)'; // the chart is under the table: bring it into view when a row is picked

/** Errors the page does not explain itself (no run yet, a refused filter): the API banner shows them. */
const unexplained = (error: Error | null) =>
  error !== null && !isRefusal(error) ? error : null;

/** Why nothing can be listed yet: no run at all, or none finished (the first one's progress). */
function NoRun({ runs }: { runs: readonly ForecastRun[] | undefined }) {
  const running = runs?.find((run) => run.status === 'running');
  return (
    <p className="callout forecasts__empty" role="status">
      {running ? (
        `No forecast run has finished yet. ${runProgress(running).label}.`
      ) : (
        <>
          <strong>No forecast run yet.</strong> Runs start nightly, or with <code>fastcommerce forecast run</code>;
          {' '}<code>make demo</code> starts one once the simulated history is loaded.
        </>
      )}
    </p>
  );
}

/** When a newer run finishes, the forecasts cached for the old one are asked again. */
function useRefetchOnNewRun(runId: number | null) {
  const queryClient = useQueryClient();
  const seen = useRef(runId);
  useEffect(() => {
    if (runId !== null && seen.current !== null && runId !== seen.current) {
      void queryClient.invalidateQueries({ queryKey: ['forecast'] });
    }
    seen.current = runId;
  }, [runId, queryClient]);
}

export default function ForecastsPage() {
  const [view, setView] = useSearchState(parseForecastsView, serializeForecastsView);
  const update = useCallback(
    (change: Partial<ForecastsView>) => setView((current) => changeView(current, change)),
    [setView],
  );
  const runs = useForecastRuns(RUNS_SHOWN);
  const runId = latestDoneRun(runs.data)?.id ?? null;
  useRefetchOnNewRun(runId);
  const accuracy = useForecastAccuracy(runId);
  const series = useForecastSeries({
    store: view.store,
    model: view.model,
    q: view.q,
    sort: apiSort(view.sort),
    limit: PAGE_SIZE,
    offset: pageOffset(view.page, PAGE_SIZE),
    runId,
  });
  const stores = useStores('');
  const detail = useRef<HTMLDivElement>(null);

  const rows = series.data?.items ?? [];
  const total = series.data?.total ?? 0;
  const noRun = isNoForecast(accuracy.error) || isNoForecast(series.error) || runs.data?.length === 0;
  const first = rows[0];
  const selected: SeriesKey | null = view.series ?? (first ? { store: first.store, sku: first.sku } : null);
  const selectedName = rows.find((row) => row.store === selected?.store && row.sku === selected.sku)?.name ?? null;
  const models = Object.keys(accuracy.data?.models ?? {});

  useClampedPage(view.page, total, PAGE_SIZE, series.data !== undefined && !series.isPlaceholderData, update);

  const onSelect = useCallback(
    (key: SeriesKey) => {
      update({ series: key });
      if (window.matchMedia?.(NARROW).matches) detail.current?.scrollIntoView({ block: 'start' });
    },
    [update],
  );
  const onSearch = useCallback((q: string) => update({ q }), [update]);
  const onSort = useCallback((sort: SortState) => update({ sort }), [update]);

  const errors = [runs.error, accuracy.error, series.error, stores.error].map(unexplained);
  return (
    <PageShell title="Forecasts" errors={errors}>
      <div className="forecasts">
        <AccuracySection
          accuracy={accuracy.data}
          pending={accuracy.isPending}
          message={noRun ? 'Nothing to measure until a forecast run has finished.' : null}
        />
        <RunsSection runs={runs.data} pending={runs.isPending} />
        {noRun ? (
          <NoRun runs={runs.data} />
        ) : (
          <>
            <section className="forecasts__card forecasts__series" aria-labelledby="series-title">
              <h2 id="series-title" className="forecasts__card-title">
                Series <span className="forecasts__hint">most units missed first, unless sorted otherwise</span>
              </h2>
              <SeriesFilters
                stores={stores.data ?? []}
                models={models}
                store={view.store}
                q={view.q}
                model={view.model}
                onStore={(store) => update({ store })}
                onSearch={onSearch}
                onModel={(model) => update({ model })}
                onClear={() => update({ store: null, q: '', model: null })}
              />
              {isRejectedFilter(series.error) && (
                <p className="callout callout--error" role="alert">
                  {series.error?.message}
                </p>
              )}
              {series.isPending && !series.error && <Skeleton />}
              {series.data && total === 0 && <p className="callout">No series match these filters.</p>}
              {series.data && rows.length > 0 && (
                <>
                  <SeriesTable
                    rows={rows}
                    sort={view.sort}
                    selected={selected}
                    busy={series.isPlaceholderData}
                    onSort={onSort}
                    onSelect={onSelect}
                  />
                  <Pager
                    label="Series pages"
                    page={view.page}
                    shown={rows.length}
                    total={total}
                    size={PAGE_SIZE}
                    onPage={(page) => update({ page })}
                  />
                </>
              )}
            </section>
            <div ref={detail} className="forecasts__detail">
              <SeriesDetail series={selected} name={selectedName} />
            </div>
          </>
        )}
      </div>
    </PageShell>
  );
}
