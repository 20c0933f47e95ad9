import type { PlanStatus } from '../../../api/restockPlans';
import { STATUS_LABEL } from '../plans';

/** A plan's status as a coloured badge; data-status for tests. */
export function StatusBadge({ status }: { status: PlanStatus }) {
  return (
    <span className={`badge plan-status plan-status--${status}`} data-status={status}>
      {STATUS_LABEL[status]}
    </span>
  );
}
