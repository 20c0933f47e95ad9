import type { AlertAcknowledgement } from '../../../api/alertAck';
import type { Alert } from '../../../api/alerts';
import { Spinner } from '../../../components/ui/Spinner';
import '../../../components/ui/table.css';
import { formatDateTimeIn } from '../../../lib/format';
import { KIND_LABEL, STATUS_LABEL } from '../alertsView';

interface AlertsTableProps {
  rows: readonly Alert[];
  /** A store's local time zone. */
  zoneOf: (store: string) => string;
  busy: boolean;
  /** Acknowledging one, owned by the page: its outcome outlives the rows (the last open one may go). */
  ack: AlertAcknowledgement;
}

function StatusCell({ alert, zone }: { alert: Alert; zone: string }) {
  const since =
    alert.status === 'acknowledged' && alert.acknowledged_at
      ? `by ${alert.acknowledged_by ?? 'someone'}, ${formatDateTimeIn(alert.acknowledged_at, zone)}`
      : alert.status === 'resolved' && alert.resolved_at
        ? formatDateTimeIn(alert.resolved_at, zone)
        : null;
  return (
    <>
      <span className={`badge alert-status alert-status--${alert.status}`}>{STATUS_LABEL[alert.status]}</span>
      {since && <span className="sku__meta">{since}</span>}
    </>
  );
}

/** What became of the last acknowledgement: who it is recorded as, or why it was refused. */
export function AcknowledgementOutcome({ ack }: { ack: AlertAcknowledgement }) {
  if (ack.error) {
    return (
      <p className="callout callout--error" role="alert">
        Couldn't acknowledge alert #{ack.variables}: {ack.error.message}
      </p>
    );
  }
  if (!ack.data) return null;
  return (
    <p className="callout callout--ok" role="status">
      Alert #{ack.data.id} acknowledged by {ack.data.acknowledged_by}.
    </p>
  );
}

/** A page of alerts: what, where, the message, when stock runs out (low stock), since when, and the
 * acknowledgement of an open one. */
export function AlertsTable({ rows, zoneOf, busy, ack }: AlertsTableProps) {
  return (
    <>
      <div className="table-frame">
        <table className="table alerts-table" aria-busy={busy}>
          <caption className="sr-only">Alerts, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Alert</th>
              <th scope="col" className="alerts-table__wide">
                Message
              </th>
              <th scope="col" className="alerts-table__wide">
                Stock-out (est.)
              </th>
              <th scope="col" className="alerts-table__wide">
                Opened
              </th>
              <th scope="col" className="alerts-table__wide">
                Status
              </th>
              <th scope="col">
                <span className="sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((alert) => {
              const zone = zoneOf(alert.store_code);
              const acking = ack.isPending && ack.variables === alert.id;
              return (
                <tr key={alert.id} className="alert-row" data-alert={alert.id} data-status={alert.status}>
                  <th scope="row">
                    <span className={`badge alert-kind alert-kind--${alert.kind}`}>{KIND_LABEL[alert.kind]}</span>
                    <span className="alert-row__where">
                      {alert.store_code}
                      {alert.sku && ` · ${alert.sku}`}
                    </span>
                    {/* On phones the other columns are folded into this cell. */}
                    <span className="alerts-table__inline alert-row__message">{alert.message}</span>
                    {alert.stockout_at && (
                      <span className="alerts-table__inline alert-row__stockout">
                        Runs out ≈ {formatDateTimeIn(alert.stockout_at, zone)}
                      </span>
                    )}
                    {alert.status !== 'open' && (
                      <span className="alerts-table__inline">
                        <StatusCell alert={alert} zone={zone} />
                      </span>
                    )}
                  </th>
                  <td className="alerts-table__wide alert-row__message">{alert.message}</td>
                  <td className="alerts-table__wide alert-row__stockout">
                    {alert.stockout_at ? formatDateTimeIn(alert.stockout_at, zone) : '–'}
                  </td>
                  <td className="alerts-table__wide">{formatDateTimeIn(alert.opened_at, zone)}</td>
                  <td className="alerts-table__wide">
                    <StatusCell alert={alert} zone={zone} />
                  </td>
                  <td className="alert-row__action">
                    {alert.status === 'open' && (
                      <button
                        type="button"
                        className="button"
                        disabled={ack.isPending}
                        aria-label={`Acknowledge alert ${alert.id}: ${KIND_LABEL[alert.kind]} at ${alert.store_code}${alert.sku ? ` of ${alert.sku}` : ''}`}
                        onClick={() => ack.mutate(alert.id)}
                      >
                        {acking ? <Spinner label="Acknowledging…" /> : 'Acknowledge'}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
