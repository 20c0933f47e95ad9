import { useEffect, useRef, useState, type RefObject } from 'react';
import { isNoForecast, leadDemand, useForecast, type Forecast } from '../../../api/forecast';
import { ForecastChart } from '../../../components/charts/ForecastChart';
import { Skeleton } from '../../../components/ui/Skeleton';
import { formatDateTime, formatInt } from '../../../lib/format';
import { formatRatio, formatRatioPercent, formatUnits } from '../format';
import type { SeriesKey } from '../forecastsView';

const CHART_HEIGHT = 200;
const DEFAULT_WIDTH = 560;

/** The width of an element in CSS pixels, followed as it changes (the chart draws at that size, so that its
 * text stays legible on a phone). */
function useWidth<T extends HTMLElement>(): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(DEFAULT_WIDTH);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      const measured = Math.round(entry?.contentRect.width ?? 0);
      if (measured > 0) setWidth(measured);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

const next24h = (forecast: Forecast) => forecast.next_hours.reduce((sum, hour) => sum + hour.yhat, 0);
const LEAD_DAYS = 7;

function Facts({ forecast }: { forecast: Forecast }) {
  const week = leadDemand(forecast, LEAD_DAYS);
  return (
    <dl className="series-facts">
      <div>
        <dt>Model</dt>
        <dd className="series-facts__model">{forecast.model}</dd>
      </div>
      <div>
        <dt>Why</dt>
        <dd>{forecast.reason ?? '–'}</dd>
      </div>
      <div>
        <dt>Backtest</dt>
        <dd>
          {forecast.backtest.wape === null
            ? 'not backtested'
            : `WAPE ${formatRatioPercent(forecast.backtest.wape)} · MASE ${formatRatio(forecast.backtest.mase)}`}
        </dd>
      </div>
      <div>
        <dt>Next 24 h</dt>
        <dd>{formatUnits(next24h(forecast))} units expected</dd>
      </div>
      {week && (
        <div>
          <dt>Next {week.days} days</dt>
          <dd>
            {formatUnits(week.mean)} units expected · 9 times in 10 at most {formatUnits(week.q90)}
          </dd>
        </div>
      )}
      <div>
        <dt>On hand</dt>
        <dd>{forecast.on_hand === null ? 'not stocked' : `${formatInt(forecast.on_hand)} units`}</dd>
      </div>
      <div>
        <dt>Runs out</dt>
        <dd className={forecast.runs_out_at ? 'series-facts__out' : undefined}>
          {forecast.runs_out_at ? formatDateTime(forecast.runs_out_at) : 'not within the forecast'}
        </dd>
      </div>
    </dl>
  );
}

interface SeriesDetailProps {
  series: SeriesKey | null;
  /** The SKU's name, when the table shows it. */
  name: string | null;
}

/** The chosen series' forecast: the chart (bands, actuals with lost units, today) and what it means for stock. */
export function SeriesDetail({ series, name }: SeriesDetailProps) {
  const [frame, width] = useWidth<HTMLDivElement>();
  const { data: forecast, error, isPending } = useForecast(series?.store ?? '', series?.sku ?? '', series !== null);
  return (
    <section className="forecasts__card series-detail" aria-labelledby="series-detail-title" aria-busy={isPending}>
      <h2 id="series-detail-title" className="forecasts__card-title">
        {series ? (
          <>
            {name ?? series.sku} <span className="series-detail__where">{series.sku} at {series.store}</span>
          </>
        ) : (
          'Forecast'
        )}
      </h2>
      <div ref={frame} className="series-detail__chart">
        {!series && <p className="muted">Pick a series in the table to see its forecast.</p>}
        {series && forecast && (
          <figure className="forecast">
            <ForecastChart forecast={forecast} width={width} height={CHART_HEIGHT} />
          </figure>
        )}
        {series && !forecast && error && (
          <p className={isNoForecast(error) ? 'callout' : 'callout callout--error'}>
            {isNoForecast(error) ? error.message : "Can't load this forecast — retrying."}
          </p>
        )}
        {series && isPending && <Skeleton />}
      </div>
      {series && forecast && <Facts forecast={forecast} />}
    </section>
  );
}
