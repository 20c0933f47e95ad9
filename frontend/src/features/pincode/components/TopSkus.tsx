import type { PincodeDetail } from '../../../api/pincode';
import { formatInt, formatRupees } from '../../../lib/format';

/** The SKUs ordered most from a pincode over 7 days. */
export function TopSkus({ skus }: { skus: PincodeDetail['top_skus_7d'] }) {
  if (skus.length === 0) return <p className="muted">No orders in the last 7 days.</p>;
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">SKU</th>
          <th scope="col">Units</th>
          <th scope="col">Lost</th>
          <th scope="col">Revenue</th>
        </tr>
      </thead>
      <tbody>
        {skus.map((sku) => (
          <tr key={sku.sku}>
            <th scope="row">
              <span className="sku__name">{sku.name}</span>
              <span className="sku__meta">
                {sku.sku} · {sku.category}
              </span>
            </th>
            <td>{formatInt(sku.units)}</td>
            <td className={sku.lost_units > 0 ? 'is-lost' : undefined}>{formatInt(sku.lost_units)}</td>
            <td>{formatRupees(sku.revenue)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
