import { describe, expect, it } from 'vitest';
import { formatDecimal, formatInt, formatWholeRupees } from './format';
import {
  DIVERGING_PALETTE,
  NO_DATA_COLOR,
  SEQUENTIAL_PALETTE,
  ZERO_COLOR,
  buildScale,
  classOf,
  colorOf,
  divergingBreaks,
  floorSignificant,
  pickColors,
  quantile,
  sequentialBreaks,
  type ScaleSpec,
} from './scale';

const units: ScaleSpec = { kind: 'sequential', integer: true, format: formatInt };
const revenue: ScaleSpec = { kind: 'sequential', integer: false, format: formatWholeRupees };
const change: ScaleSpec = { kind: 'diverging', integer: true, format: formatInt };
const anomaly: ScaleSpec = {
  kind: 'diverging',
  integer: false,
  format: formatDecimal,
  fixedBreaks: [1, 2],
  noDataLabel: 'No baseline',
};
const labels = (spec: ScaleSpec, values: (number | null)[]) => buildScale(values, spec).classes.map((c) => c.label);

describe('thresholds from values', () => {
  it('takes the nearest-rank quantile, always one of the values', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.2)).toBe(1);
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4, 5], 0.8)).toBe(4);
    expect(quantile([7], 0.99)).toBe(7);
    expect(() => quantile([], 0.5)).toThrow(RangeError);
  });

  it('rounds bounds down to two significant digits', () => {
    expect(floorSignificant(1234)).toBe(1200);
    expect(floorSignificant(999)).toBe(990);
    expect(floorSignificant(56)).toBe(56);
    expect(floorSignificant(7)).toBe(7);
    expect(floorSignificant(0.376)).toBeCloseTo(0.37, 10);
  });

  it('puts sequential bounds at the quintiles of the positive values, after 1', () => {
    expect(sequentialBreaks([0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual([1, 2, 4, 6, 8]);
    expect(sequentialBreaks([0, 120, 340, 560, 780, 1234])).toEqual([1, 120, 340, 560, 780]);
  });

  it('drops bounds that repeat, so every class can hold a value', () => {
    expect(sequentialBreaks([5, 5, 5, 5])).toEqual([1, 5]);
    expect(sequentialBreaks([1, 1, 1, 2, 2])).toEqual([1, 2]);
    expect(sequentialBreaks([1, 1, 1, 1, 2])).toEqual([1]); // 2 is above every quintile
    expect(sequentialBreaks([0, 0, 0])).toEqual([1]);
    expect(sequentialBreaks([])).toEqual([1]);
  });

  it('puts the diverging bound at the median magnitude of the non-zero values', () => {
    expect(divergingBreaks([-10, -3, 0, 0, 2, 5, 8])).toEqual([1, 5]);
    expect(divergingBreaks([0, 1, -1])).toEqual([1]);
    expect(divergingBreaks([0, 0])).toEqual([1]);
  });

  it('spreads the colours of fewer classes over the palette', () => {
    expect(pickColors(SEQUENTIAL_PALETTE, 5)).toEqual([...SEQUENTIAL_PALETTE]);
    expect(pickColors(SEQUENTIAL_PALETTE, 2)).toEqual([SEQUENTIAL_PALETTE[0], SEQUENTIAL_PALETTE[4]]);
    expect(pickColors(DIVERGING_PALETTE, 3)).toEqual([DIVERGING_PALETTE[0], DIVERGING_PALETTE[2], DIVERGING_PALETTE[4]]);
    expect(pickColors(SEQUENTIAL_PALETTE, 1)).toEqual([SEQUENTIAL_PALETTE[2]]);
  });
});

describe('value to class', () => {
  const scale = buildScale([0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], units);

  it('gives zero a class of its own and counts the bounds at or below a value', () => {
    expect(scale.breaks).toEqual([1, 2, 4, 6, 8]);
    expect([0, 1, 2, 3, 4, 7, 8, 10].map((v) => classOf(scale, v))).toEqual([0, 1, 2, 2, 3, 4, 5, 5]);
  });

  it('keeps values above the largest seen (live updates) in the top class', () => {
    expect(classOf(scale, 10_000)).toBe(5);
    expect(colorOf(scale, 10_000)).toBe(SEQUENTIAL_PALETTE[4]);
  });

  it('colours zero neutrally and each class from the palette', () => {
    expect(scale.classes.map((c) => c.color)).toEqual([ZERO_COLOR, ...SEQUENTIAL_PALETTE]);
    expect(colorOf(scale, 0)).toBe(ZERO_COLOR);
    expect(colorOf(scale, 5)).toBe(SEQUENTIAL_PALETTE[2]);
  });

  it('classes diverging values symmetrically by magnitude', () => {
    const diverging = buildScale([-10, -3, 0, 0, 2, 5, 8], change);
    expect([-10, -5, -4, -1, 0, 1, 4, 5, 99].map((v) => classOf(diverging, v))).toEqual([0, 0, 1, 1, 2, 3, 3, 4, 4]);
    expect(diverging.classes.map((c) => c.color)).toEqual([...DIVERGING_PALETTE]);
  });

  it('uses fixed z-score bounds and a no-data class for missing anomalies', () => {
    const z = buildScale([0.3, null, 2.5], anomaly);
    expect(z.breaks).toEqual([1, 2]);
    expect([-2.5, -1.5, -0.5, 0.99, 1, 1.99, 2].map((v) => classOf(z, v))).toEqual([0, 1, 2, 2, 3, 3, 4]);
    expect(classOf(z, null)).toBe(-1);
    expect(colorOf(z, null)).toBe(NO_DATA_COLOR);
    expect(z.noData).toEqual({ color: NO_DATA_COLOR, label: 'No baseline' });
  });
});

describe('formatting of the class bounds', () => {
  it('labels whole-number classes as closed ranges', () => {
    expect(labels(units, [0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual(['0', '1', '2–3', '4–5', '6–7', '≥ 8']);
  });

  it('groups thousands the Indian way', () => {
    expect(labels(units, [1200, 34_000, 150_000, 2_000_000, 12_345_678])).toEqual([
      '0',
      '1–1,199',
      '1,200–33,999',
      '34,000–1,49,999',
      '1,50,000–19,99,999',
      '≥ 20,00,000',
    ]);
  });

  it('labels revenue classes by their rupee bounds', () => {
    expect(labels(revenue, [10_000, 20_000, 30_000, 40_000, 50_000])).toEqual([
      '₹0',
      '< ₹100',
      '₹100–₹200',
      '₹200–₹300',
      '₹300–₹400',
      '≥ ₹400',
    ]);
    expect(labels(revenue, [0])).toEqual(['₹0', '> ₹0']);
  });

  it('labels a single positive class of whole numbers from 1', () => {
    expect(labels(units, [0, 0])).toEqual(['0', '≥ 1']);
  });

  it('labels diverging classes with signs around zero', () => {
    expect(labels(change, [-10, -3, 0, 0, 2, 5, 8])).toEqual(['≤ −5', '−4 to −1', '0', '+1 to +4', '≥ +5']);
    expect(labels(change, [0, 1, -1])).toEqual(['≤ −1', '0', '≥ +1']);
    expect(labels(anomaly, [])).toEqual(['≤ −2', '−2 to −1', '−1 to +1', '+1 to +2', '≥ +2']);
  });
});
