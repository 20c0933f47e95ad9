import { ALERT_KINDS, type AlertKind } from '../../../api/alerts';
import { formatInt } from '../../../lib/format';
import { KIND_LABEL } from '../alertsView';

interface KindCountsProps {
  /** Alerts of each kind matching the status and store (undefined until known). */
  counts: Record<AlertKind, number | undefined>;
  kind: AlertKind | null;
  onKind: (kind: AlertKind | null) => void;
}

/** How many alerts of each kind; a kind's button shows only that kind (again: every kind). */
export function KindCounts({ counts, kind, onKind }: KindCountsProps) {
  return (
    <ul className="kind-counts" aria-label="Alerts per kind">
      {ALERT_KINDS.map((k) => (
        <li key={k}>
          <button
            type="button"
            className={`kind-count kind-count--${k}`}
            aria-pressed={kind === k}
            data-kind={k}
            onClick={() => onKind(kind === k ? null : k)}
          >
            <span className="kind-count__n">{counts[k] === undefined ? '…' : formatInt(counts[k])}</span>
            <span className="kind-count__label">{KIND_LABEL[k]}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
