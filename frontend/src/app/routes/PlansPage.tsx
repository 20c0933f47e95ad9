import { useCallback, useMemo } from 'react';
import { isRefusal } from '../../api/client';
import { useHubs } from '../../api/hubs';
import { useRunPlanner } from '../../api/replenishmentRun';
import { useRestockPlan } from '../../api/restockPlan';
import { useRestockPlans } from '../../api/restockPlans';
import { useStores } from '../../api/stores';
import { useTransferSuggestions } from '../../api/transferSuggestions';
import { Card } from '../../components/ui/Card';
import { Pager } from '../../components/ui/Pager';
import '../../components/ui/panelContent.css';
import { Skeleton } from '../../components/ui/Skeleton';
import { Spinner } from '../../components/ui/Spinner';
import {
  changePlansView,
  HubsCard,
  PAGE_SIZE,
  parsePlansView,
  PlanDetail,
  PlanFilters,
  PlansTable,
  RunSummary,
  serializePlansView,
  TransfersCard,
  type PlansView,
} from '../../features/restock';
import { pageOffset } from '../../lib/pages';
import { storeTimeZones } from '../../lib/storeViews';
import { PageShell } from '../PageShell';
import { useClampedPage } from '../useClampedPage';
import { useSearchState } from '../useSearchState';


/** Restock plans (GET /api/restock-plans), filtered by status and store and paged, each opening to its lines,
 * history and the actions its status allows; the planner run (POST /api/replenishment/run); the hubs
 * (GET /api/hubs) and the transfer suggestions (GET /api/transfers/suggestions, executed by POST /api/transfers). */
export default function PlansPage() {
  const [view, setView] = useSearchState(parsePlansView, serializePlansView);
  const update = useCallback(
    (change: Partial<PlansView>) => setView((current) => changePlansView(current, change)),
    [setView],
  );
  const stores = useStores();
  const zoneOf = useMemo(() => storeTimeZones(stores.data), [stores.data]);
  const plans = useRestockPlans({
    status: view.status,
    store: view.store,
    limit: PAGE_SIZE,
    offset: pageOffset(view.page, PAGE_SIZE),
  });
  const rows = plans.data?.items ?? [];
  const total = plans.data?.total ?? 0;
  const listed = rows.find((plan) => plan.id === view.plan);
  const open = useRestockPlan(view.plan);
  const hubs = useHubs();
  const suggestions = useTransferSuggestions();
  const planner = useRunPlanner();

  useClampedPage(view.page, total, PAGE_SIZE, plans.data !== undefined && !plans.isPlaceholderData, update);

  const detail = open.data && (
    <PlanDetail plan={open.data} zone={zoneOf(open.data.store_code)} refreshing={open.isFetching} />
  );
  // The open plan is not in the rows shown (another page, or an action moved it out of the filter): above them.
  const elsewhere = view.plan !== null && !listed && plans.data !== undefined && !plans.isPlaceholderData;
  const filtered = view.status !== null || view.store !== null;

  return (
    <PageShell
      title="Restock plans"
      errors={[stores.error, hubs.error, suggestions.error, isRefusal(plans.error) ? null : plans.error]}
      actions={
        <>
          {planner.isPending && <Spinner label="Planning the next wave…" />}
          <button
            type="button"
            className="button button--primary"
            disabled={planner.isPending}
            onClick={() => planner.mutate()}
          >
            Run planner now
          </button>
        </>
      }
    >
      <div className="plans">
        <div className="plans__main">
          {planner.data && <RunSummary run={planner.data} onDismiss={() => planner.reset()} />}
          {planner.error && (
            <p className="callout callout--error" role="alert">
              The planner run failed: {planner.error.message}
            </p>
          )}
          {elsewhere && (
            <Card title={`Plan #${view.plan}`} hint="not in the list below" className="plan-detail-card">
              {detail ??
                (open.error ? (
                  <p className="callout callout--error" role="alert">
                    {open.error.message}
                  </p>
                ) : (
                  <Spinner label="Loading the plan…" />
                ))}
              <button type="button" className="button" onClick={() => update({ plan: null })}>
                Close
              </button>
            </Card>
          )}
          <Card title="Plans" hint="latest wave first; wave times are the store's local time">
            <PlanFilters
              stores={stores.data ?? []}
              storesLoading={stores.isPending}
              status={view.status}
              store={view.store}
              onStatus={(status) => update({ status })}
              onStore={(store) => update({ store })}
              onClear={() => update({ status: null, store: null })}
            />
            {isRefusal(plans.error) && (
              <p className="callout callout--error" role="alert">
                {plans.error?.message}
              </p>
            )}
            {plans.isPending && !plans.error && <Skeleton />}
            {plans.data && total === 0 && (
              <p className="callout">
                {filtered ? 'No plan matches these filters.' : 'No restock plan yet: run the planner.'}
              </p>
            )}
            {rows.length > 0 && (
              <>
                <PlansTable
                  rows={rows}
                  open={listed ? view.plan : null}
                  detail={listed ? (detail ?? <Spinner label="Loading the plan…" />) : null}
                  zoneOf={zoneOf}
                  busy={plans.isPlaceholderData}
                  onToggle={(id) => update({ plan: view.plan === id ? null : id })}
                />
                <Pager
                  label="Plan pages"
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
        <div className="plans__side">
          <HubsCard hubs={hubs.data} pending={hubs.isPending} />
          <TransfersCard suggestions={suggestions.data} pending={suggestions.isPending} store={view.store} />
        </div>
      </div>
    </PageShell>
  );
}
