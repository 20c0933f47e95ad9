// GET /api/forecasts?store=&sku=: the daily demand forecast of a store × SKU from the latest run.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, apiGet, pollEvery } from './client';

// The schema leaves this body untyped; the shape is the backend's series_forecast.
export interface ForecastPoint {
  day: string;
  yhat: number;
  yhat_lower_80: number;
  yhat_upper_80: number;
  yhat_lower_95: number;
  yhat_upper_95: number;
  /** The expected demand and its quantiles (null in runs from before they were stored). */
  mean?: number | null;
  q50?: number | null;
  q90?: number | null;
  q98?: number | null;
  /** The same of the demand from the forecast's first day through this one: a lead time of that many days. */
  lead_mean?: number | null;
  lead_q50?: number | null;
  lead_q90?: number | null;
  lead_q98?: number | null;
}

export interface LeadDemand {
  days: number;
  mean: number;
  /** 9 lead times in 10 see at most this many units. */
  q90: number;
}

/** The demand over the forecast's first `days` days (or all of them, if fewer), when the run stored it. */
export function leadDemand(forecast: Pick<Forecast, 'points'>, days: number): LeadDemand | null {
  const last = forecast.points[Math.min(days, forecast.points.length) - 1];
  if (last?.lead_mean == null || last.lead_q90 == null) return null;
  return { days: Math.min(days, forecast.points.length), mean: last.lead_mean, q90: last.lead_q90 };
}

export interface ForecastActual {
  day: string;
  units: number;
  lost_units: number;
}

export interface Forecast {
  store: string;
  sku: string;
  model: string;
  reason: string | null;
  backtest: { wape: number | null; mase: number | null };
  unit: string;
  points: ForecastPoint[];
  /** The last weeks of local days up to today (today so far), zeros included. */
  actuals: ForecastActual[];
  next_hours: { at: string; yhat: number }[];
  on_hand: number | null;
  runs_out_at: string | null;
}

/** 404: no forecast run has finished yet, or the run has no series for this store × SKU. */
export const isNoForecast = (error: Error | null): boolean => error instanceof ApiError && error.status === 404;

export const forecastQueryOptions = (store: string, sku: string) =>
  queryOptions({
    queryKey: ['forecast', store, sku],
    queryFn: async ({ signal }) =>
      (await apiGet('/api/forecasts', { query: { store, sku } }, signal)) as unknown as Forecast,
    // Until a run exists this keeps asking (every few seconds); afterwards runs are hours apart.
    refetchInterval: pollEvery(5 * 60_000, { untilFound: true }),
  });

/** `enabled` false: nothing is asked (no series chosen yet). */
export const useForecast = (store: string, sku: string, enabled = true) =>
  useQuery({ ...forecastQueryOptions(store, sku), enabled });
