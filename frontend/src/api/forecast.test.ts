import { describe, expect, it } from 'vitest';
import { leadDemand, type ForecastPoint } from './forecast';

const point = (day: number, leadMean: number | null, leadQ90: number | null): ForecastPoint => ({
  day: `2026-12-0${day}`,
  yhat: 1,
  yhat_lower_80: 0,
  yhat_upper_80: 2,
  yhat_lower_95: 0,
  yhat_upper_95: 3,
  lead_mean: leadMean,
  lead_q90: leadQ90,
});

describe('leadDemand', () => {
  it('reads the demand over the first days from the last of them', () => {
    const points = [point(1, 1.5, 3), point(2, 3.1, 5), point(3, 4.4, 7)];
    expect(leadDemand({ points }, 2)).toEqual({ days: 2, mean: 3.1, q90: 5 });
    expect(leadDemand({ points }, 7)).toEqual({ days: 3, mean: 4.4, q90: 7 }); // no more days than forecast
  });

  it('is null for runs that stored no lead time, and without points', () => {
    expect(leadDemand({ points: [point(1, null, null)] }, 7)).toBeNull();
    expect(leadDemand({ points: [] }, 7)).toBeNull();
  });
});
