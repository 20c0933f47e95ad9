// What a pincode area or H3 cell says on hover and to screen readers.
import type { HeatmapFeature, HeatmapMetadata } from '../../api/heatmap';
import type { TooltipSpec } from '../../components/map/tooltip';
import { formatInt, formatPercent, formatRupees, formatSigned, formatZ, withSign } from '../../lib/format';
import { MEASURE_LABELS } from './metrics';

export function areaTitle({ id, properties: p }: HeatmapFeature): string {
  if (p.pincodes) return `H3 cell ${id} · ${p.pincodes.length === 1 ? 'pincode' : 'pincodes'} ${p.pincodes.join(', ')}`;
  return p.name ? `${id} · ${p.name}` : id;
}

export function areaTooltip(feature: HeatmapFeature, metadata: HeatmapMetadata): TooltipSpec {
  const p = feature.properties;
  const measure = MEASURE_LABELS[metadata.metric].toLowerCase();
  const change =
    metadata.metric === 'revenue' ? withSign(p.change, formatRupees(Math.abs(p.change))) : formatSigned(p.change);
  const notes: TooltipSpec['notes'] = [];
  if (p.served && p.store_code) notes.push({ text: `Served by ${p.store_code}` });
  if (!p.served) {
    const lost = p.unserved_units ? ` · ${formatInt(p.unserved_units)} units ordered from outside any service area` : '';
    notes.push({ text: `${p.pincodes ? 'Partly unserved' : 'Not served by any store'}${lost}`, warn: true });
  }
  return {
    title: areaTitle(feature),
    rows: [
      ['Units', formatInt(p.units)],
      ['Orders', formatInt(p.orders)],
      ['Lost units', formatInt(p.lost_units)],
      ['Revenue', formatRupees(p.revenue)],
      [`Change in ${measure} vs previous`, `${change} (${formatPercent(p.change_pct)})`],
      [`Anomaly (z, ${measure})`, formatZ(p.anomaly)],
    ],
    notes,
  };
}
