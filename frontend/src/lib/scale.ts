// Colour classes for the choropleth, computed once per view from the values it shows.
//
// Sequential (non-negative whole-number measures: units, orders, lost units, paise): a class of its own for
// zero, then up to five classes whose lower bounds are quantiles of the positive values. Diverging (signed
// values: change, z-scores): classes symmetric around zero by magnitude, from the data or fixed.

export type ScaleKind = 'sequential' | 'diverging';

export interface ScaleClass {
  color: string;
  label: string;
}

export interface Scale {
  kind: ScaleKind;
  /** Sequential: ascending lower bounds of the classes above zero (the first is 1). Diverging: ascending
   * magnitudes at which a class further from zero begins. */
  breaks: number[];
  /** Lowest to highest. */
  classes: ScaleClass[];
  /** For values that are null (e.g. no anomaly baseline); null when the values are never missing. */
  noData: ScaleClass | null;
}

export interface ScaleSpec {
  kind: ScaleKind;
  /** Formats a non-negative value; signs are added by the scale. */
  format: (value: number) => string;
  /** Whole-number values: ranges are labelled closed ("5–9") instead of by their bounds ("5–10"). */
  integer: boolean;
  /** Diverging magnitudes that do not depend on the data (z-scores: 1 and 2). */
  fixedBreaks?: number[];
  /** Label for null values; omit when values are never null. */
  noDataLabel?: string;
}

export const CLASS_COUNT = 5;
export const ZERO_COLOR = '#f5f5f0';
export const NO_DATA_COLOR = '#c9ced6';
/** Yellow to brown (ColorBrewer YlOrBr), readable on the neutral map background. */
export const SEQUENTIAL_PALETTE = ['#fee391', '#fec44f', '#fe9929', '#d95f0e', '#993404'] as const;
/** Blue (below) to red (above) through near-white (ColorBrewer RdBu, reversed). */
export const DIVERGING_PALETTE = ['#2166ac', '#67a9cf', '#f7f7f7', '#ef8a62', '#b2182b'] as const;

const MINUS = '\u2212';

/** The value at rank ceil(p·n) of sorted values (nearest rank: always one of the values). */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of no values');
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1] as number;
}

/** Rounds down to `digits` significant digits, so that legend numbers stay short: 1234 → 1200. */
export function floorSignificant(value: number, digits = 2): number {
  if (value <= 0 || !Number.isFinite(value)) return value;
  const unit = 10 ** (Math.floor(Math.log10(value)) - digits + 1);
  return Math.floor(value / unit + 1e-9) * unit;
}

function increasing(candidates: number[], start: number[]): number[] {
  const breaks = [...start];
  for (const candidate of candidates) {
    if (candidate > (breaks.at(-1) ?? -Infinity)) breaks.push(candidate);
  }
  return breaks;
}

function sortedPositive(values: readonly number[]): number[] {
  return values.filter((v) => Number.isFinite(v) && v > 0).sort((a, b) => a - b);
}

/** Lower bounds of the sequential classes above zero: 1, then quantiles of the positive values. */
export function sequentialBreaks(values: readonly number[], classes = CLASS_COUNT): number[] {
  const positive = sortedPositive(values);
  if (positive.length === 0) return [1];
  const quantiles = Array.from({ length: classes - 1 }, (_, i) =>
    floorSignificant(quantile(positive, (i + 1) / classes)),
  );
  return increasing(quantiles, [1]);
}

/** Magnitudes of the diverging classes: 1 (so that zero is a class of its own), then the median magnitude. */
export function divergingBreaks(values: readonly number[]): number[] {
  const magnitudes = sortedPositive(values.map(Math.abs));
  if (magnitudes.length === 0) return [1];
  return increasing([floorSignificant(quantile(magnitudes, 0.5))], [1]);
}

/** `count` colours spread evenly over a palette. */
export function pickColors(palette: readonly string[], count: number): string[] {
  if (count === 1) return [palette[Math.floor(palette.length / 2)] as string];
  return Array.from({ length: count }, (_, i) => palette[Math.round((i * (palette.length - 1)) / (count - 1))] as string);
}

function range(low: string, high: string): string {
  return low === high ? low : `${low}–${high}`;
}

function sequentialLabels(breaks: readonly number[], spec: ScaleSpec): string[] {
  const { format, integer } = spec;
  return breaks.map((low, i) => {
    const high = breaks[i + 1];
    if (high === undefined) return i === 0 && !integer ? `> ${format(0)}` : `≥ ${format(low)}`;
    if (integer) return range(format(low), format(high - 1));
    return i === 0 ? `< ${format(high)}` : range(format(low), format(high));
  });
}

function divergingLabels(breaks: readonly number[], spec: ScaleSpec): string[] {
  const { format, integer } = spec;
  const below = (m: number) => `${MINUS}${format(m)}`;
  const above = (m: number) => `+${format(m)}`;
  const first = breaks[0] as number;
  const centre = integer
    ? first === 1
      ? format(0)
      : `${below(first - 1)} to ${above(first - 1)}`
    : `${below(first)} to ${above(first)}`;
  const positive = breaks.map((low, i) => {
    const high = breaks[i + 1];
    if (high === undefined) return { low: `≥ ${above(low)}`, high: `≤ ${below(low)}` };
    const top = integer ? high - 1 : high;
    return top === low
      ? { low: above(low), high: below(low) }
      : { low: `${above(low)} to ${above(top)}`, high: `${below(top)} to ${below(low)}` };
  });
  return [...positive.map((p) => p.high).reverse(), centre, ...positive.map((p) => p.low)];
}

export function buildScale(values: readonly (number | null)[], spec: ScaleSpec): Scale {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const noData = spec.noDataLabel === undefined ? null : { color: NO_DATA_COLOR, label: spec.noDataLabel };
  if (spec.kind === 'sequential') {
    const breaks = sequentialBreaks(present);
    const colors = pickColors(SEQUENTIAL_PALETTE, breaks.length);
    const labels = sequentialLabels(breaks, spec);
    const classes = [
      { color: ZERO_COLOR, label: spec.format(0) },
      ...labels.map((label, i) => ({ color: colors[i] as string, label })),
    ];
    return { kind: 'sequential', breaks, classes, noData };
  }
  const breaks = spec.fixedBreaks ? [...spec.fixedBreaks] : divergingBreaks(present);
  const colors = pickColors(DIVERGING_PALETTE, 2 * breaks.length + 1);
  const classes = divergingLabels(breaks, spec).map((label, i) => ({ color: colors[i] as string, label }));
  return { kind: 'diverging', breaks, classes, noData };
}

/** Index into scale.classes of a value; -1 for a missing value. */
export function classOf(scale: Scale, value: number | null): number {
  if (value === null || !Number.isFinite(value)) return -1;
  if (scale.kind === 'sequential') return scale.breaks.filter((b) => b <= value).length;
  const steps = scale.breaks.filter((b) => b <= Math.abs(value)).length;
  const centre = scale.breaks.length;
  return value >= 0 ? centre + steps : centre - steps;
}

export function colorOf(scale: Scale, value: number | null): string {
  const index = classOf(scale, value);
  return index < 0 ? (scale.noData?.color ?? NO_DATA_COLOR) : (scale.classes[index]?.color ?? NO_DATA_COLOR);
}
