import { useQuery } from '@tanstack/react-query';
import type { MouseEvent } from 'react';
import { cityDayQueryOptions, type CityDemand } from '../../../api/timeseries';
import { formatInt } from '../../../lib/format';
import { chartBars, demandPoints, LAST_STEP, STEP_COUNT, stepAtFraction } from '../playback';

const WIDTH = 576;
const HEIGHT = 48;

interface DemandChartProps {
  demand: CityDemand;
  now: number;
  index: number;
  onSelect: (index: number) => void;
}

/** City-wide units per 5-minute step of the last 24 h (of the map's SKU or category), the selected step marked.
 * Clicking selects a step. Plain SVG. */
export function DemandChart({ demand, now, index, onSelect }: DemandChartProps) {
  const series = useQuery(cityDayQueryOptions(demand));
  const points = demandPoints(series.data?.points ?? []);
  const bars = chartBars(points, now, WIDTH, HEIGHT);
  const total = bars.reduce((sum, bar) => sum + bar.units, 0);
  const markerX = ((index + 0.5) * WIDTH) / STEP_COUNT;

  const select = (event: MouseEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    if (box.width <= 0) return;
    onSelect(stepAtFraction((event.clientX - box.left) / box.width));
  };
  return (
    <svg
      className="playback-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={`City-wide demand, last 24 hours: ${formatInt(total)} units`}
      onClick={select}
    >
      {bars.map((bar) => (
        <rect
          key={bar.index}
          className="playback-chart__bar"
          x={bar.x}
          y={bar.y}
          width={WIDTH / STEP_COUNT}
          height={bar.height}
        />
      ))}
      <line
        className={`playback-chart__marker${index === LAST_STEP ? ' playback-chart__marker--live' : ''}`}
        x1={markerX}
        x2={markerX}
        y1={0}
        y2={HEIGHT}
      />
    </svg>
  );
}
