// What each metric of the picker shows: its label, how it is read from a feature and how it is coloured.
import type { HeatmapParams, HeatmapProperties } from '../../api/heatmap';
import { formatDecimal, formatInt, formatRupees, formatSigned, formatWholeRupees, formatZ } from '../../lib/format';
import type { ScaleSpec } from '../../lib/scale';
import type { Measure, Metric, ViewState } from '../../lib/view';

export interface MetricInfo {
  /** The legend's title. */
  label: string;
  /** The picker's option, when shorter than the label. */
  option?: string;
  /** The measure the API is asked for (change and anomaly are computed on it). */
  measure: Measure;
  value: (properties: HeatmapProperties) => number | null;
  /** The exact value, as said to screen readers. */
  format: (value: number | null) => string;
  scale: ScaleSpec;
}

export const MEASURE_LABELS: Record<Measure, string> = {
  units: 'Units',
  orders: 'Orders',
  lost_units: 'Lost units',
  revenue: 'Revenue',
};

const count = (measure: Measure): MetricInfo => ({
  label: MEASURE_LABELS[measure],
  measure,
  value: (p) => p[measure],
  format: (v) => formatInt(v ?? 0),
  scale: { kind: 'sequential', integer: true, format: formatInt },
});

export const METRIC_INFO: Record<Metric, MetricInfo> = {
  units: count('units'),
  orders: count('orders'),
  lost_units: count('lost_units'),
  revenue: {
    label: 'Revenue (₹)',
    measure: 'revenue',
    value: (p) => p.revenue,
    format: (v) => formatRupees(v ?? 0),
    scale: { kind: 'sequential', integer: false, format: formatWholeRupees },
  },
  change: {
    label: 'Change vs previous window (units)',
    option: 'Change vs previous',
    measure: 'units',
    value: (p) => p.change,
    format: (v) => formatSigned(v ?? 0),
    scale: { kind: 'diverging', integer: true, format: formatInt },
  },
  anomaly: {
    label: 'Anomaly z-score (units)',
    option: 'Anomaly',
    measure: 'units',
    value: (p) => p.anomaly,
    format: formatZ,
    scale: {
      kind: 'diverging',
      integer: false,
      format: formatDecimal,
      fixedBreaks: [1, 2],
      noDataLabel: 'No baseline',
    },
  },
};

/** The API parameters of a view (the resolution only matters for H3 cells; `to` only when playing back;
 * `sku` and `category` only when filtering). */
export function heatmapParams(view: ViewState): HeatmapParams {
  const params: HeatmapParams = {
    city: view.city,
    window: view.window,
    metric: METRIC_INFO[view.metric].measure,
    level: view.level,
    resolution: view.level === 'h3' ? view.res : 8,
  };
  if (view.sku !== null) params.sku = view.sku;
  if (view.category !== null) params.category = view.category;
  if (view.time !== null) params.to = view.time;
  return params;
}

/** What identifies a view's colour scale: its parameters without the playback time. */
export function scaleKey(params: HeatmapParams, metric: Metric): string {
  const { city, window, metric: measure, level, resolution, sku, category } = params;
  return `${JSON.stringify({ city, window, measure, level, resolution, sku, category })}|${metric}`;
}
