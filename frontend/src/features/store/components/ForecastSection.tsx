import { isNoForecast, useForecast, type Forecast } from '../../../api/forecast';
import { ForecastChart } from '../../../components/charts/ForecastChart';
import { Skeleton } from '../../../components/ui/Skeleton';
import { formatDateTime, formatDecimal, formatInt } from '../../../lib/format';

function noForecast(error: Error): string {
  if (error.message.includes('has no series')) return 'No forecast for this SKU here (no demand for it yet).';
  return 'No forecast yet — the first run starts when the simulated history is loaded';
}

function Caption({ forecast }: { forecast: Forecast }) {
  const { wape } = forecast.backtest;
  const parts = [
    `Model ${forecast.model}`,
    `WAPE ${wape === null ? 'n/a' : `${formatDecimal(wape * 100)}%`}`,
    `on hand ${forecast.on_hand === null ? 'n/a' : formatInt(forecast.on_hand)}`,
  ];
  if (forecast.runs_out_at) parts.push(`runs out ~${formatDateTime(forecast.runs_out_at)}`);
  return <p className="forecast__note">{parts.join(' · ')}</p>;
}

/** The forecast of one store × SKU: its chart and caption, or why there is none yet. */
export function ForecastSection({ store, sku }: { store: string; sku: string }) {
  const { data: forecast, error, isPending } = useForecast(store, sku);
  if (forecast) {
    return (
      <figure className="forecast">
        <ForecastChart forecast={forecast} />
        <Caption forecast={forecast} />
      </figure>
    );
  }
  if (error) {
    const text = isNoForecast(error) ? noForecast(error) : "Can't load the forecast — retrying.";
    return <p className={isNoForecast(error) ? 'callout' : 'callout callout--error'}>{text}</p>;
  }
  return isPending ? <Skeleton /> : null;
}
