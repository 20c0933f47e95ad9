import type { PlannerRun } from '../../../api/replenishmentRun';
import { formatDateTimeIn, formatInt } from '../../../lib/format';
import { cityTimeZone } from '../../../lib/view';
import { OUTCOME_LABEL, runSummary } from '../plans';

/** What a planner run did: the waves it planned, its stores by outcome, the units and lines it ordered. */
export function RunSummary({ run, onDismiss }: { run: PlannerRun; onDismiss: () => void }) {
  const summary = runSummary(run);
  return (
    <div className="callout callout--ok run-summary" role="status">
      <button type="button" className="run-summary__dismiss" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
      <strong>Planner run done.</strong>{' '}
      {summary.waves.length > 0 && (
        <>
          Waves planned:{' '}
          {summary.waves.map(({ city, at }) => `${city} ${formatDateTimeIn(at, cityTimeZone(city))}`).join(', ')}.{' '}
        </>
      )}
      {formatInt(summary.stores)} stores
      {summary.outcomes.length > 0 && (
        <>
          {' '}
          (
          <span className="run-summary__outcomes">
            {summary.outcomes.map(({ outcome, stores }) => `${formatInt(stores)} ${OUTCOME_LABEL[outcome]}`).join(', ')}
          </span>
          )
        </>
      )}
      : {formatInt(summary.units)} units on {formatInt(summary.lines)} lines.
    </div>
  );
}
