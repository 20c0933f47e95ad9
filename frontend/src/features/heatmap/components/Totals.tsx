import type { HeatmapMetadata } from '../../../api/heatmap';
import { formatInt, formatRange, formatWholeRupees } from '../../../lib/format';

interface TotalsProps {
  metadata: HeatmapMetadata;
}

/** The view's totals and, in small print, its time window and what its areas are. */
export function Totals({ metadata }: TotalsProps) {
  const { totals } = metadata;
  const items: [string, string][] = [
    ['Units', formatInt(totals.units)],
    ['Orders', formatInt(totals.orders)],
    ['Lost units', formatInt(totals.lost_units)],
    ['Revenue', formatWholeRupees(totals.revenue)],
  ];
  return (
    <div className="totals">
      <dl className="totals__list" aria-label="Totals for the view">
        {items.map(([label, value]) => (
          <div key={label} className="totals__item">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="totals__note">
        <span>{formatRange(metadata.from, metadata.to)}</span> · <span>{metadata.areas}</span>
      </p>
    </div>
  );
}
