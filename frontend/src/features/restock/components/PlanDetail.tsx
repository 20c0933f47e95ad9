import type { RestockPlan } from '../../../api/restockPlans';
import { formatDateTimeIn, formatInt } from '../../../lib/format';
import { PlanActions } from './PlanActions';
import { PlanHistory } from './PlanHistory';
import { PlanLines } from './PlanLines';
import { StatusBadge } from './StatusBadge';

interface PlanDetailProps {
  plan: RestockPlan;
  /** The store's local time zone. */
  zone: string;
  /** Being asked again (after an action): the numbers may be about to change. */
  refreshing: boolean;
}

/** One plan: what it is, the actions its status allows, its lines and its history. */
export function PlanDetail({ plan, zone, refreshing }: PlanDetailProps) {
  return (
    <div id={`plan-${plan.id}-detail`} className="plan-detail" aria-busy={refreshing} data-plan={plan.id}>
      <h3 className="plan-detail__title">
        Plan #{plan.id} <StatusBadge status={plan.status} />
      </h3>
      <p className="plan-detail__facts">
        {plan.store_code} from {plan.hub_code} · wave {formatDateTimeIn(plan.wave_at, zone)} ·{' '}
        {formatInt(plan.line_count)} lines · {formatInt(plan.units)} units
      </p>
      <PlanActions key={plan.id} plan={plan} />
      <div className="plan-detail__body">
        <section aria-label={`History of plan ${plan.id}`}>
          <h4 className="plan-detail__subtitle">History</h4>
          <PlanHistory history={plan.history} zone={zone} />
        </section>
        <section aria-label={`Lines of plan ${plan.id}`}>
          <h4 className="plan-detail__subtitle">Lines</h4>
          <PlanLines plan={plan} />
        </section>
      </div>
    </div>
  );
}
