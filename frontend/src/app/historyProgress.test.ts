import { describe, expect, it } from 'vitest';
import { historyDaysDone, historyText } from './historyProgress';

// 36 days of history plus 10 hours of today.
const city = (hours_done: number) => ({ city: 'BLR', hours_done, hours_total: 874, done: hours_done >= 874 });

describe('history progress', () => {
  it('counts the whole days in place, out of the configured days', () => {
    expect(historyText(city(292), 36)).toBe('Loading simulated history: 12 of 36 days');
    expect(historyDaysDone(city(0), 36)).toBe(0);
  });

  it('says all days only when the city is done', () => {
    expect(historyDaysDone(city(873), 36)).toBe(35);
    expect(historyDaysDone(city(874), 36)).toBe(36);
  });
});
