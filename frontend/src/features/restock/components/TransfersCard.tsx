import { useState } from 'react';
import type { TransferSuggestion } from '../../../api/transferSuggestions';
import { useExecuteTransfer } from '../../../api/transfers';
import { Card } from '../../../components/ui/Card';
import { Skeleton } from '../../../components/ui/Skeleton';
import { Spinner } from '../../../components/ui/Spinner';
import '../../../components/ui/table.css';
import { formatDecimal, formatInt } from '../../../lib/format';

/** Suggestions shown before "Show all". */
const SHOWN = 8;

const suggestionId = (s: TransferSuggestion) => `${s.sku}:${s.from_store}:${s.to_store}`;
const describe = (s: TransferSuggestion) => `${formatInt(s.qty)} of ${s.sku} from ${s.from_store} to ${s.to_store}`;

interface TransfersCardProps {
  suggestions: readonly TransferSuggestion[] | undefined;
  pending: boolean;
  /** Only the suggestions from or to this store. */
  store: string | null;
}

/** Store-to-store transfers that would save sales before the next delivery, each executable at once. */
export function TransfersCard({ suggestions, pending, store }: TransfersCardProps) {
  const execute = useExecuteTransfer();
  const [all, setAll] = useState(false);
  const relevant = (suggestions ?? []).filter((s) => !store || s.from_store === store || s.to_store === store);
  const shown = all ? relevant : relevant.slice(0, SHOWN);
  const running = execute.isPending ? execute.variables : undefined;

  return (
    <Card title="Transfer suggestions" hint={store ? `from or to ${store}` : 'between nearby stores'} className="transfers">
      {pending && <Skeleton />}
      {suggestions && relevant.length === 0 && <p className="muted">No transfer would save a sale now.</p>}
      {execute.isSuccess && (
        <p className="callout callout--ok" role="status">
          Moved {describe(execute.variables)}.
        </p>
      )}
      {execute.error && execute.variables && (
        <p className="callout callout--error" role="alert">
          Couldn't move {describe(execute.variables)}: {execute.error.message}
        </p>
      )}
      {shown.length > 0 && (
        <ul className="transfers__list">
          {shown.map((s) => (
            <li key={suggestionId(s)} className="transfer" data-suggestion={suggestionId(s)}>
              <div className="transfer__what">
                <strong>
                  {formatInt(s.qty)} × {s.sku}
                </strong>{' '}
                {s.from_store} → {s.to_store}{' '}
                <span className="sku__meta transfer__distance">{formatDecimal(s.distance_m / 1000)} km</span>
                <span className="transfer__reason">{s.reason}</span>
              </div>
              <button
                type="button"
                className="button"
                disabled={execute.isPending}
                aria-label={`Execute: move ${describe(s)}`}
                onClick={() => execute.mutate(s)}
              >
                {running && suggestionId(running) === suggestionId(s) ? <Spinner label="Moving…" /> : 'Execute'}
              </button>
            </li>
          ))}
        </ul>
      )}
      {relevant.length > SHOWN && (
        <button type="button" className="button transfers__more" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${formatInt(relevant.length)}`}
        </button>
      )}
    </Card>
  );
}
