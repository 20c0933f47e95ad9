import { useState } from 'react';
import { ApiError } from '../../../api/client';
import { usePincode, type PincodeDetail } from '../../../api/pincode';
import { Panel } from '../../../components/ui/Panel';
import { Skeleton } from '../../../components/ui/Skeleton';
import '../../../components/ui/panelContent.css';
import { formatDecimal, formatInt } from '../../../lib/format';
import { PANEL_LABEL } from '../label';
import '../pincode.css';
import { HourlyChart } from './HourlyChart';
import { TopSkus } from './TopSkus';
import { TrendTable } from './TrendTable';

interface PincodePanelProps {
  /** The pincodes of the clicked area: one, or those of an H3 cell (picked from with buttons). */
  pincodes: readonly number[];
  onClose: () => void;
}

function ServingStore({ store }: { store: PincodeDetail['served_by'] }) {
  if (!store) return <p className="callout callout--warn">Not served by any store: its orders cannot be delivered.</p>;
  return (
    <p className="callout">
      Served by <strong>{store.name}</strong> ({store.code}), {formatDecimal(store.distance_m / 1000)} km away
    </p>
  );
}

function Detail({ detail }: { detail: PincodeDetail }) {
  const { last_24h: last, previous_24h: previous, hourly } = detail.trend;
  return (
    <>
      <ServingStore store={detail.served_by} />
      {last.lost_units > 0 && (
        <p className="callout callout--lost">
          <strong>{formatInt(last.lost_units)}</strong> units lost in the last 24 hours (
          {detail.served_by ? 'out of stock' : 'no store delivers here'})
        </p>
      )}
      <section className="panel__section" aria-labelledby="trend-title">
        <h3 id="trend-title">Last 24 hours vs the 24 hours before</h3>
        <TrendTable last={last} previous={previous} />
      </section>
      <section className="panel__section" aria-labelledby="hourly-title">
        <h3 id="hourly-title">Units per hour</h3>
        <HourlyChart hours={hourly} />
      </section>
      <section className="panel__section" aria-labelledby="skus-title">
        <h3 id="skus-title">Top SKUs, last 7 days</h3>
        <TopSkus skus={detail.top_skus_7d} />
      </section>
    </>
  );
}

function failure(error: Error): string {
  if (error instanceof ApiError && error.status === 404) return 'This pincode is not in any configured city.';
  return "Can't load this pincode's details — retrying.";
}

/** A pincode's serving store, its 24-hour trend, hourly units and top SKUs. */
export default function PincodePanel({ pincodes, onClose }: PincodePanelProps) {
  const [chosen, setChosen] = useState(pincodes[0] ?? 0);
  const { data: detail, error, isPending } = usePincode(chosen);
  return (
    <Panel
      label={PANEL_LABEL}
      title={detail ? `${detail.pincode} · ${detail.name}` : `Pincode ${chosen}`}
      subtitle={detail && `${detail.district}, ${detail.city}`}
      busy={isPending}
      onClose={onClose}
    >
      {pincodes.length > 1 && (
        <div className="pincode-picker" role="group" aria-label="Pincodes in this cell">
          {pincodes.map((pincode) => (
            <button
              key={pincode}
              type="button"
              className="chip"
              aria-pressed={pincode === chosen}
              onClick={() => setChosen(pincode)}
            >
              {pincode}
            </button>
          ))}
        </div>
      )}
      {error && !detail && <p className="callout callout--error">{failure(error)}</p>}
      {isPending && <Skeleton />}
      {detail && <Detail detail={detail} />}
    </Panel>
  );
}
