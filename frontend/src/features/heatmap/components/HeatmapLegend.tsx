import { Legend, type LegendItem } from '../../../components/ui/Legend';
import type { Scale } from '../../../lib/scale';

interface HeatmapLegendProps {
  title: string;
  scale: Scale;
}

/** The colour classes of the view with their bounds, highest first, and the outline of unserved areas. */
export function HeatmapLegend({ title, scale }: HeatmapLegendProps) {
  const items: LegendItem[] = [...scale.classes].reverse().map(({ color, label }) => ({
    key: label,
    label,
    swatch: { style: { background: color } },
  }));
  if (scale.noData) {
    items.push({ key: 'no-data', label: scale.noData.label, swatch: { style: { background: scale.noData.color } } });
  }
  items.push({ key: 'unserved', label: 'Not served by any store', swatch: { className: 'legend__swatch--unserved' } });
  return <Legend label="Heatmap legend" title={title} items={items} />;
}
