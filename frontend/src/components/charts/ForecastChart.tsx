import type { Forecast, ForecastActual } from '../../api/forecast';
import { formatDay, formatDecimal, formatInt } from '../../lib/format';
import { forecastGeometry, forecastSummary } from './forecastChart';
import './forecastChart.css';

const barTitle = ({ day, units, lost_units }: ForecastActual) =>
  `${formatDay(day)}: ${formatInt(units)} units, ${formatInt(lost_units)} lost`;

const AXIS = 16;

interface ForecastChartProps {
  forecast: Forecast;
  /** The drawing's size in SVG units (it scales to its container's width; text stays 10 units high). */
  width?: number;
  height?: number;
}

/** Daily demand: actual units as bars (lost units in red on top), the expected demand as a line in the 80%
 * and 95% bands, a divider where today begins. Plain SVG. */
export function ForecastChart({ forecast, width = 320, height = 120 }: ForecastChartProps) {
  const plot = height - AXIS;
  const today = forecast.actuals.at(-1)?.day ?? null; // the API's actuals end with today (so far)
  const chart = forecastGeometry(forecast, today, { width, height: plot });
  const first = forecast.actuals[0]?.day ?? forecast.points[0]?.day;
  const last = forecast.points.at(-1)?.day ?? today;
  return (
    <>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="forecast-chart"
        role="img"
        aria-label={forecastSummary(forecast)}
      >
        <path className="forecast-chart__band95" d={chart.band95} />
        <path className="forecast-chart__band80" d={chart.band80} />
        {chart.bars.map((bar) => (
          <g key={bar.actual.day}>
            <title>{barTitle(bar.actual)}</title>
            <rect className="forecast-chart__bar" x={bar.x} width={bar.width} {...bar.units} />
            <rect className="forecast-chart__lost" x={bar.x} width={bar.width} {...bar.lost} />
          </g>
        ))}
        <path className="forecast-chart__line" d={chart.line} />
        {chart.todayX !== null && (
          <g className="forecast-chart__today">
            <line x1={chart.todayX} x2={chart.todayX} y1={0} y2={plot} />
            <text x={chart.todayX + 3} y={9}>
              today
            </text>
          </g>
        )}
        <line className="forecast-chart__axis" x1={0} x2={width} y1={plot} y2={plot} />
        <text className="forecast-chart__tick" x={0} y={9}>
          {formatDecimal(chart.max)}
        </text>
        {first && (
          <text className="forecast-chart__tick" x={0} y={height - 3}>
            {formatDay(first)}
          </text>
        )}
        {last && (
          <text className="forecast-chart__tick" x={width} y={height - 3} textAnchor="end">
            {formatDay(last)}
          </text>
        )}
      </svg>
      <p className="forecast__note" aria-hidden="true">
        <span className="forecast__key forecast__key--units" /> units
        <span className="forecast__key forecast__key--lost" /> lost
        <span className="forecast__key forecast__key--line" /> expected
        <span className="forecast__key forecast__key--band" /> 80% / 95%
      </p>
    </>
  );
}
