import type { PincodeDetail } from '../../../api/pincode';
import { formatInt, formatTime } from '../../../lib/format';

interface HourlyChartProps {
  hours: PincodeDetail['trend']['hourly'];
}

const WIDTH = 320;
const HEIGHT = 96;
const AXIS = 16;

/** Units per local hour over the last 24 hours, with the lost units of each hour in red. Plain SVG. */
export function HourlyChart({ hours }: HourlyChartProps) {
  if (hours.length === 0) return <p className="muted">No hourly data.</p>;
  const peak = Math.max(1, ...hours.map((h) => h.units));
  const slot = WIDTH / hours.length;
  const plot = HEIGHT - AXIS;
  const y = (value: number) => (value / peak) * plot;
  const total = hours.reduce((sum, h) => sum + h.units, 0);
  const first = hours[0];
  const last = hours.at(-1);
  return (
    <figure className="hourly">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="hourly__chart"
        role="img"
        aria-label={`Units per hour: ${formatInt(total)} in ${hours.length} hours, peak ${formatInt(peak)}`}
      >
        {hours.map((h, i) => (
          <g key={h.at}>
            <title>{`${formatTime(h.at)}: ${formatInt(h.units)} units, ${formatInt(h.lost_units)} lost`}</title>
            <rect className="hourly__bar" x={i * slot + 1} y={plot - y(h.units)} width={slot - 2} height={y(h.units)} />
            <rect
              className="hourly__lost"
              x={i * slot + 1}
              y={plot - y(h.lost_units)}
              width={slot - 2}
              height={y(h.lost_units)}
            />
          </g>
        ))}
        <line className="hourly__axis" x1={0} x2={WIDTH} y1={plot} y2={plot} />
        {first && (
          <text className="hourly__tick" x={0} y={HEIGHT - 3}>
            {formatTime(first.at)}
          </text>
        )}
        <text className="hourly__tick" x={WIDTH / 2} y={HEIGHT - 3} textAnchor="middle">
          peak {formatInt(peak)}
        </text>
        {last && (
          <text className="hourly__tick" x={WIDTH} y={HEIGHT - 3} textAnchor="end">
            {formatTime(last.at)}
          </text>
        )}
      </svg>
      <figcaption className="hourly__caption">
        <span className="hourly__key hourly__key--units" aria-hidden="true" /> units
        <span className="hourly__key hourly__key--lost" aria-hidden="true" /> lost units
      </figcaption>
    </figure>
  );
}
