import type { Hub } from '../../../api/hubs';
import { Card } from '../../../components/ui/Card';
import { Skeleton } from '../../../components/ui/Skeleton';
import '../../../components/ui/table.css';
import { formatInt } from '../../../lib/format';

/** The mother hubs: the stores each restocks, its stock, and the units approved plans promised from it. */
export function HubsCard({ hubs, pending }: { hubs: readonly Hub[] | undefined; pending: boolean }) {
  return (
    <Card title="Hubs" hint="promised: units of approved plans not yet dispatched" className="hubs">
      {pending && <Skeleton />}
      {hubs?.length === 0 && <p className="muted">No hub yet.</p>}
      {hubs && hubs.length > 0 && (
        <div className="table-frame">
          <table className="table hubs-table">
            <caption className="sr-only">Mother hubs, the stores they restock and their stock</caption>
            <thead>
              <tr>
                <th scope="col">Hub</th>
                <th scope="col" className="num">
                  On hand
                </th>
                <th scope="col" className="num">
                  Promised
                </th>
              </tr>
            </thead>
            <tbody>
              {hubs.map((hub) => (
                <tr key={hub.code} data-hub={hub.code}>
                  <th scope="row">
                    {hub.code}
                    <span className="sku__meta" title={hub.stores.join(', ')}>
                      {hub.name} · {formatInt(hub.stores.length)} stores · {formatInt(hub.skus)} SKUs
                    </span>
                  </th>
                  <td className="num">{formatInt(hub.units)}</td>
                  <td className="num">{formatInt(hub.promised_units)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
