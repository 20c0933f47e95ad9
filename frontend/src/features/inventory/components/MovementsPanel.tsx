import { useStoreMovements, type Movement } from '../../../api/storeMovements';
import { Panel } from '../../../components/ui/Panel';
import { Skeleton } from '../../../components/ui/Skeleton';
import { formatDateTime, formatSigned } from '../../../lib/format';
import '../inventory.css';

export const MOVEMENTS_LABEL = 'Stock movements';
export const MOVEMENTS_PAGE = 20;

const KIND_LABEL: Record<Movement['kind'], string> = {
  receipt: 'Receipt',
  sale: 'Sale',
  transfer_in: 'Transfer in',
  transfer_out: 'Transfer out',
  wastage: 'Wastage',
  adjustment: 'Adjustment',
};

interface MovementsPanelProps {
  store: string;
  sku: string;
  /** The SKU's name, when its row is on the page. */
  name: string | undefined;
  onClose: () => void;
}

/** The ledger of one SKU at one store, newest first, a page at a time ("Older" loads the next). */
export function MovementsPanel({ store, sku, name, onClose }: MovementsPanelProps) {
  const movements = useStoreMovements({ code: store, sku, limit: MOVEMENTS_PAGE });
  const rows = movements.data?.pages.flat() ?? [];
  let body;
  if (movements.isPending) body = <Skeleton />;
  else if (movements.isError && rows.length === 0) {
    body = <p className="callout callout--error">Couldn't load the movements: {movements.error.message}</p>;
  } else if (rows.length === 0) body = <p className="muted">No movements of {sku} at {store} yet.</p>;
  else {
    body = (
      <>
        <table className="table movements-table" aria-label={`Movements of ${sku} at ${store}, newest first`}>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Kind</th>
              <th scope="col" className="num">
                Qty
              </th>
              <th scope="col">Reference</th>
              <th scope="col">Actor</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.id} data-movement={m.id} data-kind={m.kind}>
                <td>
                  <time dateTime={m.created_at}>{formatDateTime(m.created_at)}</time>
                </td>
                <td>{KIND_LABEL[m.kind]}</td>
                <td className={m.qty < 0 ? 'num movements-table__out' : 'num movements-table__in'}>
                  {formatSigned(m.qty)}
                </td>
                <td className="movements-table__text" title={m.reference || undefined}>
                  {m.reference || '–'}
                </td>
                <td className="movements-table__text" title={m.actor}>
                  {m.actor}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {movements.isError && <p className="callout callout--error">{movements.error.message}</p>}
        <div className="movements__more">
          {movements.hasNextPage ? (
            <button
              type="button"
              className="button"
              onClick={() => void movements.fetchNextPage()}
              disabled={movements.isFetchingNextPage}
            >
              {movements.isFetchingNextPage ? 'Loading…' : 'Older'}
            </button>
          ) : (
            <p className="muted">{rows.length === 1 ? 'The only movement.' : `All ${rows.length} movements.`}</p>
          )}
        </div>
      </>
    );
  }
  return (
    <div className="movements">
      <Panel
        label={MOVEMENTS_LABEL}
        title={name ?? sku}
        subtitle={`${sku} at ${store} · newest first`}
        busy={movements.isFetching}
        onClose={onClose}
      >
        {body}
      </Panel>
    </div>
  );
}
