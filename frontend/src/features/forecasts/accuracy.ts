// The accuracy table's rows: per model the run used, its backtest WAPE and MASE and its share of the units.
import type { AccuracyRow, ForecastAccuracy } from '../../api/forecastAccuracy';

export interface ModelAccuracy {
  model: string;
  series: number;
  wape: number | null;
  mase: number | null;
  /** Share (0..1) of all backtested units that this model's series hold; null without units. */
  share: number | null;
}

function row(model: string, values: AccuracyRow, totalUnits: number | null): ModelAccuracy {
  const share = totalUnits && values.units !== null ? values.units / totalUnits : null;
  return { model, series: values.series, wape: values.wape, mase: values.mase_mean, share };
}

/** The models (as the API orders them: most series first) and the overall row. */
export function accuracyRows(accuracy: Pick<ForecastAccuracy, 'models' | 'overall'>): {
  models: ModelAccuracy[];
  overall: ModelAccuracy;
} {
  const total = accuracy.overall.units;
  return {
    models: Object.entries(accuracy.models).map(([model, values]) => row(model, values, total)),
    overall: row('All models', accuracy.overall, total),
  };
}

/** The WAPE bars' full width: 100 % error, or the largest WAPE shown when one is worse. */
export const wapeScale = (rows: readonly ModelAccuracy[]): number =>
  Math.max(1, ...rows.map((r) => r.wape ?? 0));

/** A bar's width in percent of its cell (0..100). */
export const barPercent = (value: number | null, scale: number): number =>
  value === null || scale <= 0 ? 0 : Math.round(Math.min(1, Math.max(0, value / scale)) * 1000) / 10;

/** "10 all zero, 2 too short to backtest": the series without a backtest, by reason ("" when none). */
export function notBacktestedReasons(notBacktested: Record<string, number>): string {
  return Object.entries(notBacktested)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${n.toLocaleString('en-IN')} ${reason}`)
    .join(', ');
}

/** "12 series were not backtested: 10 all zero, 2 too short to backtest" (null when all were). */
export function notBacktestedNote(notBacktested: Record<string, number>): string | null {
  const total = Object.values(notBacktested).reduce((sum, n) => sum + Math.max(0, n), 0);
  if (total === 0) return null;
  const count = `${total.toLocaleString('en-IN')} ${total === 1 ? 'series was' : 'series were'}`;
  return `${count} not backtested: ${notBacktestedReasons(notBacktested)}`;
}
