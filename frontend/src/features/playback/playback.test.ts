import { describe, expect, it } from 'vitest';
import {
  LAST_STEP,
  STEP_COUNT,
  alignToStep,
  chartBars,
  frameIntervalMs,
  nextFrame,
  stepEnd,
  stepEnds,
  stepAtFraction,
  stepOf,
  demandPoints,
  timeOf,
} from './playback';

const NOW = Date.parse('2026-06-04T08:07:31Z'); // the last whole step ends at 08:05

describe('steps of the last 24 h', () => {
  it('aligns now to the end of the latest 5-minute step', () => {
    expect(new Date(alignToStep(NOW)).toISOString()).toBe('2026-06-04T08:05:00.000Z');
  });

  it('has 288 steps, 5 minutes apart, the last ending now', () => {
    const ends = stepEnds(NOW);
    expect(ends).toHaveLength(STEP_COUNT);
    expect(new Date(ends[0] as number).toISOString()).toBe('2026-06-03T08:10:00.000Z');
    expect(new Date(ends[LAST_STEP] as number).toISOString()).toBe('2026-06-04T08:05:00.000Z');
    expect((ends[1] as number) - (ends[0] as number)).toBe(300_000);
    expect(stepEnd(LAST_STEP - 72, NOW)).toBe(Date.parse('2026-06-04T02:05:00Z')); // 6 h ago
  });
});

describe('step index and time', () => {
  it('gives the ISO end of a past step and null (live) for the last', () => {
    expect(timeOf(LAST_STEP - 1, NOW)).toBe('2026-06-04T08:00:00.000Z');
    expect(timeOf(0, NOW)).toBe('2026-06-03T08:10:00.000Z');
    expect(timeOf(LAST_STEP, NOW)).toBeNull();
    expect(timeOf(500, NOW)).toBeNull();
    expect(timeOf(-3, NOW)).toBe('2026-06-03T08:10:00.000Z');
  });

  it('finds the step of a time, clamped to the 24 h', () => {
    expect(stepOf(null, NOW)).toBe(LAST_STEP);
    expect(stepOf('2026-06-04T08:00:00.000Z', NOW)).toBe(286);
    expect(stepOf('2026-06-04T13:30:00+05:30', NOW)).toBe(286);
    expect(stepOf('2026-06-04T02:05:00Z', NOW)).toBe(215);
    expect(stepOf('2026-05-01T00:00:00Z', NOW)).toBe(0);
    expect(stepOf('2027-01-01T00:00:00Z', NOW)).toBe(LAST_STEP);
  });

  it('round-trips', () => {
    for (const index of [0, 1, 100, 286]) expect(stepOf(timeOf(index, NOW), NOW)).toBe(index);
  });
});

describe('playing', () => {
  it('advances one step a frame and returns to live at the end', () => {
    expect(nextFrame(0)).toBe(1);
    expect(nextFrame(285)).toBe(286);
    expect(nextFrame(286)).toBeNull();
    expect(nextFrame(LAST_STEP)).toBeNull();
  });

  it('shows 1, 2 or 4 frames a second', () => {
    expect(frameIntervalMs(1)).toBe(1000);
    expect(frameIntervalMs(2)).toBe(500);
    expect(frameIntervalMs(4)).toBe(250);
  });
});

describe('demandPoints', () => {
  it('reads the times of a series, oldest first, and drops bad ones', () => {
    const series = [
      { at: '2026-06-04T13:30:00+05:30', units: 4 },
      { at: '2026-06-04T07:55:00Z', units: 1 },
      { at: 'soon', units: 9 },
    ];
    expect(demandPoints(series)).toEqual([
      { at: Date.parse('2026-06-04T07:55:00Z'), units: 1 },
      { at: Date.parse('2026-06-04T08:00:00Z'), units: 4 },
    ]);
  });

  it('is empty without points', () => {
    expect(demandPoints([])).toEqual([]);
  });
});

describe('chart', () => {
  it('puts a bar on the step its point ends, scaled to the highest', () => {
    const points = [
      { at: Date.parse('2026-06-04T08:00:00Z'), units: 10 }, // ends 08:05: the last step
      { at: Date.parse('2026-06-04T07:55:00Z'), units: 5 },
      { at: Date.parse('2026-06-02T00:00:00Z'), units: 99 }, // before the 24 h: dropped
    ];
    const bars = chartBars(points, NOW, 288, 50);
    expect(bars.map((b) => [b.index, b.x, b.units])).toEqual([
      [287, 287, 10],
      [286, 286, 5],
    ]);
    expect(bars[0]?.height).toBe(50);
    expect(bars[1]?.y).toBe(25);
  });

  it('maps a click position to a step', () => {
    expect(stepAtFraction(0)).toBe(0);
    expect(stepAtFraction(0.5)).toBe(144);
    expect(stepAtFraction(1)).toBe(LAST_STEP);
    expect(stepAtFraction(-1)).toBe(0);
  });
});
