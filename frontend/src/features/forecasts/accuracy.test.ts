import { describe, expect, it } from 'vitest';
import { accuracyRows, barPercent, notBacktestedNote, wapeScale } from './accuracy';
import { formatDuration, latestDoneRun, runDuration, runProgress } from './runs';

const row = (series: number, units: number | null, wape: number | null, mase: number | null) => ({
  series,
  units,
  wape,
  wape_median: wape,
  mase_mean: mase,
});

describe('accuracy by model', () => {
  const rows = accuracyRows({
    models: { ets: row(3, 300, 0.2, 0.8), croston: row(5, 100, 1.4, 1.2) },
    overall: row(8, 400, 0.5, 1.05),
  });

  it('gives each model its share of the backtested units, in the API order', () => {
    expect(rows.models.map((r) => [r.model, r.series, r.share])).toEqual([
      ['ets', 3, 0.75],
      ['croston', 5, 0.25],
    ]);
    expect(rows.overall).toMatchObject({ model: 'All models', wape: 0.5, mase: 1.05, share: 1 });
  });

  it('draws WAPE bars on a scale of 100 %, wider when a model is worse than that', () => {
    expect(wapeScale([rows.models[0]!])).toBe(1);
    expect(wapeScale([...rows.models, rows.overall])).toBe(1.4);
    expect(barPercent(0.7, 1.4)).toBe(50);
    expect(barPercent(null, 1)).toBe(0);
    expect(barPercent(3, 1)).toBe(100);
  });

  it('has no share without units', () => {
    const none = accuracyRows({ models: { zero: row(0, null, null, null) }, overall: row(0, null, null, null) });
    expect(none.models[0]?.share).toBeNull();
  });

  it('says which series were not backtested and why', () => {
    expect(notBacktestedNote({ 'all zero': 10, 'too short to backtest': 2 })).toBe(
      '12 series were not backtested: 10 all zero, 2 too short to backtest',
    );
    expect(notBacktestedNote({ 'all zero': 1 })).toBe('1 series was not backtested: 1 all zero');
    expect(notBacktestedNote({})).toBeNull();
  });
});

describe('runs', () => {
  const run = {
    id: 7,
    created_at: '2026-06-03T10:00:00Z',
    finished_at: null,
    status: 'running',
    model: 'auto',
    horizon_days: 14,
    history_days: 56,
    series: 200,
    series_done: 50,
    error: null,
  };
  const now = Date.parse('2026-06-03T10:03:20Z');

  it('times a run to its end, or to now while it runs', () => {
    expect(runDuration(run, now)).toBe(200_000);
    expect(runDuration({ ...run, status: 'done', finished_at: '2026-06-03T10:00:45Z' }, now)).toBe(45_000);
    expect(runDuration({ ...run, status: 'failed' }, now)).toBeNull();
    expect([45_000, 200_000, 180_000, 3_900_000, 7_200_000].map(formatDuration)).toEqual([
      '45 s',
      '3 min 20 s',
      '3 min',
      '1 h 5 min',
      '2 h',
    ]);
  });

  it('shows progress in series, or none while a run has not counted them', () => {
    expect(runProgress(run)).toEqual({ value: 50, max: 200, label: 'Run 7: 50 of 200 series forecast' });
    expect(runProgress({ ...run, series: 0 })).toMatchObject({ max: null });
  });

  it('takes accuracy and series from the newest finished run', () => {
    const runs = [run, { ...run, id: 6, status: 'failed' }, { ...run, id: 5, status: 'done' }];
    expect(latestDoneRun(runs)?.id).toBe(5);
    expect(latestDoneRun([run])).toBeNull();
  });
});
