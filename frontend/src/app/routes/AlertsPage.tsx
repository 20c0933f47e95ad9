import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo } from 'react';
import { useAcknowledgeAlert } from '../../api/alertAck';
import { ALERTS_KEY, useAlertCounts, useAlerts } from '../../api/alerts';
import { isRefusal } from '../../api/client';
import { useStores } from '../../api/stores';
import { useStream } from '../../api/stream';
import { Card } from '../../components/ui/Card';
import { LiveIndicator } from '../../components/ui/LiveIndicator';
import { Pager } from '../../components/ui/Pager';
import '../../components/ui/panelContent.css';
import { Skeleton } from '../../components/ui/Skeleton';
import {
  AlertFilters,
  AcknowledgementOutcome,
  AlertsTable,
  changeAlertsView,
  KindCounts,
  PAGE_SIZE,
  parseAlertsView,
  serializeAlertsView,
  type AlertsView,
} from '../../features/alerts';
import { pageOffset } from '../../lib/pages';
import { storeTimeZones } from '../../lib/storeViews';
import { throttle } from '../../lib/throttle';
import { PageShell } from '../PageShell';
import { useClampedPage } from '../useClampedPage';
import { useSearchState } from '../useSearchState';

/** A burst of alert events (an evaluation opens hundreds) refreshes the alerts at most this often. */
const STREAM_REFRESH_MS = 2_000;


/** Alerts (GET /api/alerts), open ones first by default, filtered by status, kind and store, counted per kind
 * and paged; an open one is acknowledged with POST /api/alerts/{id}/ack. The list follows the live stream's
 * alert events, and is asked again every 30 s. */
export default function AlertsPage() {
  const [view, setView] = useSearchState(parseAlertsView, serializeAlertsView);
  const update = useCallback(
    (change: Partial<AlertsView>) => setView((current) => changeAlertsView(current, change)),
    [setView],
  );
  const stores = useStores();
  const zoneOf = useMemo(() => storeTimeZones(stores.data), [stores.data]);
  const filter = { status: view.status, kind: view.kind, store: view.store };
  const alerts = useAlerts(filter, PAGE_SIZE, pageOffset(view.page, PAGE_SIZE));
  const counts = useAlertCounts(view.status, view.store);
  const ack = useAcknowledgeAlert();

  const queryClient = useQueryClient();
  const refresh = useMemo(
    () => throttle(() => void queryClient.invalidateQueries({ queryKey: [ALERTS_KEY] }), STREAM_REFRESH_MS),
    [queryClient],
  );
  useEffect(() => () => refresh.cancel(), [refresh]);
  const live = useStream({ alert: refresh.call, resync: refresh.call });

  const rows = alerts.data?.items ?? [];
  const total = alerts.data?.total ?? 0;
  useClampedPage(view.page, total, PAGE_SIZE, alerts.data !== undefined && !alerts.isPlaceholderData, update);

  const filtered = view.kind !== null || view.store !== null;
  const errors = [stores.error, counts.error, isRefusal(alerts.error) ? null : alerts.error];
  return (
    <PageShell title="Alerts" errors={errors} actions={<LiveIndicator status={live} />}>
      <div className="alerts">
        <KindCounts counts={counts.counts} kind={view.kind} onKind={(kind) => update({ kind })} />
        <Card title="Alerts" hint="newest first; times are the store's local time">
          <AlertFilters
            stores={stores.data ?? []}
            storesLoading={stores.isPending}
            status={view.status}
            kind={view.kind}
            store={view.store}
            onStatus={(status) => update({ status })}
            onKind={(kind) => update({ kind })}
            onStore={(store) => update({ store })}
            onClear={() => update({ status: 'open', kind: null, store: null })}
          />
          {isRefusal(alerts.error) && (
            <p className="callout callout--error" role="alert">
              {alerts.error?.message}
            </p>
          )}
          <AcknowledgementOutcome ack={ack} />
          {alerts.isPending && !alerts.error && <Skeleton />}
          {alerts.data && total === 0 && (
            <p className="callout">
              {filtered || view.status !== 'open' ? 'No alert matches these filters.' : 'No open alert: all is well.'}
            </p>
          )}
          {rows.length > 0 && (
            <>
              <AlertsTable rows={rows} zoneOf={zoneOf} busy={alerts.isPlaceholderData} ack={ack} />
              <Pager
                label="Alert pages"
                page={view.page}
                shown={rows.length}
                total={total}
                size={PAGE_SIZE}
                onPage={(page) => update({ page })}
              />
            </>
          )}
        </Card>
      </div>
    </PageShell>
  );
}
