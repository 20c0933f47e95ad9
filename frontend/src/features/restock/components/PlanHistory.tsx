import type { PlanEvent } from '../../../api/restockPlans';
import { formatDateTimeIn } from '../../../lib/format';
import { StatusBadge } from './StatusBadge';

/** Each status the plan went through: who, when (store time) and the note. */
export function PlanHistory({ history, zone }: { history: readonly PlanEvent[]; zone: string }) {
  return (
    <ol className="plan-history" aria-label="History">
      {history.map((event, i) => (
        <li key={`${event.at}-${i}`} className="plan-history__event" data-status={event.status}>
          <StatusBadge status={event.status} />
          <span className="plan-history__who">{event.actor}</span>
          <time className="plan-history__when" dateTime={event.at}>
            {formatDateTimeIn(event.at, zone)}
          </time>
          {event.note && <span className="plan-history__note">{event.note}</span>}
        </li>
      ))}
    </ol>
  );
}
