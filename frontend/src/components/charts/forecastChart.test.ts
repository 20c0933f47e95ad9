import { describe, expect, it } from 'vitest';
import type { Forecast } from '../../api/forecast';
import { chartMax, forecastGeometry, forecastSummary } from './forecastChart';

const band = (yhat: number, spread80: number, spread95: number) => ({
  yhat,
  yhat_lower_80: yhat - spread80,
  yhat_upper_80: yhat + spread80,
  yhat_lower_95: yhat - spread95,
  yhat_upper_95: yhat + spread95,
});

// Two days of actuals (the last one today), then two forecast days: four slots of 25 units on a 100 × 50 plot.
const forecast: Pick<Forecast, 'sku' | 'points' | 'actuals'> = {
  sku: 'DAI-0001',
  actuals: [
    { day: '2026-06-02', units: 4, lost_units: 1 },
    { day: '2026-06-03', units: 2, lost_units: 0 },
  ],
  points: [
    { day: '2026-06-04', ...band(6, 1, 2) },
    { day: '2026-06-05', ...band(8, 1, 2) },
  ],
};

describe('forecastGeometry', () => {
  const chart = forecastGeometry(forecast, '2026-06-03', { width: 100, height: 50 });

  it('tops the axis at the largest value drawn, whole', () => {
    expect(chartMax(forecast)).toBe(10); // the 95% upper bound of the last day
    expect(chart.max).toBe(10);
    expect(chartMax({ actuals: [], points: [] })).toBe(1);
  });

  it('stacks lost units on top of the units bars', () => {
    const [first, second] = chart.bars;
    expect(first).toMatchObject({ x: 1, width: 23, units: { y: 30, height: 20 }, lost: { y: 25, height: 5 } });
    expect(second).toMatchObject({ x: 26, units: { y: 40, height: 10 }, lost: { y: 40, height: 0 } });
  });

  it('draws the forecast line through the slot centres and closes the bands', () => {
    expect(chart.line).toBe('M62.5,20L87.5,10');
    expect(chart.band80).toBe('M62.5,15L87.5,5L87.5,15L62.5,25Z');
    expect(chart.band95).toBe('M62.5,10L87.5,0L87.5,20L62.5,30Z');
  });

  it('puts the today divider where today starts, or nowhere', () => {
    expect(chart.todayX).toBe(25);
    expect(forecastGeometry(forecast, '2026-07-01', { width: 100, height: 50 }).todayX).toBeNull();
  });

  it('draws the expected demand (the mean) where a run has one, not the point forecast', () => {
    const slow = { ...forecast, points: forecast.points.map((p) => ({ ...p, yhat: 0, mean: p.yhat / 2 })) };
    expect(forecastGeometry(slow, '2026-06-03', { width: 100, height: 50 }).line).toBe('M62.5,35L87.5,30');
  });

  it('has no line or bands without forecast points', () => {
    const empty = forecastGeometry({ ...forecast, points: [] }, null, { width: 100, height: 50 });
    expect(empty).toMatchObject({ line: '', band80: '', band95: '', max: 5 });
  });
});

describe('forecastSummary', () => {
  it('sums actual demand (with lost units) and the expected units', () => {
    expect(forecastSummary(forecast)).toBe(
      'Daily demand of DAI-0001: 7 units in the last 2 days (1 lost), 14 expected over the next 2 days',
    );
  });
});
