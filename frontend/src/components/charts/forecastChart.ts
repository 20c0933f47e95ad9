// The geometry of the forecast chart, apart from React: one slot per local day (the actuals' days, then the
// forecast's), bars for actual demand, a line and two bands for the forecast, all in SVG user units.
import type { Forecast, ForecastActual } from '../../api/forecast';

export interface ChartSize {
  width: number;
  /** The plot's height: the bars' baseline is at y = height. */
  height: number;
}

export interface Rect {
  y: number;
  height: number;
}

export interface ForecastBar {
  actual: ForecastActual;
  x: number;
  width: number;
  units: Rect;
  /** Stacked on top of the units. */
  lost: Rect;
}

export interface ForecastGeometry {
  /** The value at the top of the plot. */
  max: number;
  bars: ForecastBar[];
  /** SVG path data: the expected demand (the forecast's mean; its point forecast in runs without one), and
   * the 80% and 95% bands as closed areas ("" without points). */
  line: string;
  band80: string;
  band95: string;
  /** Where today begins (the left edge of its slot); null when today is not on the chart. */
  todayX: number | null;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** A day's expected demand. Not `yhat`: the point forecast `auto` picks for WAPE is a median, 0 on most days
 * of a slow SKU, while its mean is what the days add up to. */
const expected = (point: Forecast['points'][number]) => point.mean ?? point.yhat;

/** The y axis' top: the largest value drawn, rounded up to a whole unit (at least 1). */
export function chartMax(forecast: Pick<Forecast, 'points' | 'actuals'>): number {
  return Math.max(
    1,
    ...forecast.actuals.map((a) => a.units + a.lost_units),
    ...forecast.points.map((p) => p.yhat_upper_95),
  );
}

export function forecastGeometry(
  forecast: Pick<Forecast, 'points' | 'actuals'>,
  today: string | null,
  { width, height }: ChartSize,
): ForecastGeometry {
  const days = [...new Set([...forecast.actuals.map((a) => a.day), ...forecast.points.map((p) => p.day)])].sort();
  const slot = width / Math.max(1, days.length);
  const index = new Map(days.map((day, i) => [day, i]));
  const max = Math.ceil(chartMax(forecast));
  const x = (day: string) => round(((index.get(day) ?? 0) + 0.5) * slot);
  const y = (value: number) => round(height - (value / max) * height);
  const h = (value: number) => round((value / max) * height);

  const bars = forecast.actuals.map((a): ForecastBar => {
    const units = h(a.units);
    const lost = h(a.lost_units);
    return {
      actual: a,
      x: round((index.get(a.day) ?? 0) * slot + 1),
      width: round(Math.max(1, slot - 2)),
      units: { y: round(height - units), height: units },
      lost: { y: round(height - units - lost), height: lost },
    };
  });

  const path = (values: [string, number][]) =>
    values.map(([day, value], i) => `${i ? 'L' : 'M'}${x(day)},${y(value)}`).join('');
  const band = (lower: (p: Forecast['points'][number]) => number, upper: typeof lower) => {
    if (forecast.points.length === 0) return '';
    const top = path(forecast.points.map((p) => [p.day, upper(p)]));
    const bottom = [...forecast.points].reverse().map((p) => `L${x(p.day)},${y(lower(p))}`);
    return `${top}${bottom.join('')}Z`;
  };

  const todayIndex = today === null ? undefined : index.get(today);
  return {
    max,
    bars,
    line: path(forecast.points.map((p) => [p.day, expected(p)])),
    band80: band((p) => p.yhat_lower_80, (p) => p.yhat_upper_80),
    band95: band((p) => p.yhat_lower_95, (p) => p.yhat_upper_95),
    todayX: todayIndex === undefined ? null : round(todayIndex * slot),
  };
}

/** What a screen reader hears for the chart. */
export function forecastSummary(forecast: Pick<Forecast, 'sku' | 'points' | 'actuals'>): string {
  const sum = (values: number[]) => Math.round(values.reduce((total, v) => total + v, 0));
  const actual = sum(forecast.actuals.map((a) => a.units + a.lost_units));
  const lost = sum(forecast.actuals.map((a) => a.lost_units));
  const total = sum(forecast.points.map(expected));
  return (
    `Daily demand of ${forecast.sku}: ${actual} units in the last ${forecast.actuals.length} days` +
    ` (${lost} lost), ${total} expected over the next ${forecast.points.length} days`
  );
}
