// Time playback over the last 24 hours: 288 five-minute steps, the last of which is "now" (live).

export const STEP_MS = 5 * 60_000;
export const STEP_COUNT = 288; // 24 h of 5-minute steps
export const LAST_STEP = STEP_COUNT - 1;

export const SPEEDS = [1, 2, 4] as const;
export type Speed = (typeof SPEEDS)[number];

/** How long a frame stays on screen at a speed (frames per second). */
export const frameIntervalMs = (speed: Speed): number => 1000 / speed;

/** The end of the latest whole 5-minute step at `now` (ms since the epoch). */
export const alignToStep = (now: number): number => Math.floor(now / STEP_MS) * STEP_MS;

/** The end (ms) of step `index` of the 24 h before `now`; the last step ends at the aligned now. */
export function stepEnd(index: number, now: number): number {
  return alignToStep(now) - (LAST_STEP - index) * STEP_MS;
}

/** The ends (ms) of all steps of the 24 h before `now`, oldest first. */
export function stepEnds(now: number): number[] {
  return Array.from({ length: STEP_COUNT }, (_, i) => stepEnd(i, now));
}

/** The step a time (ISO) falls on, clamped to the 24 h before `now`; null (live) is the last step. */
export function stepOf(time: string | null, now: number): number {
  if (time === null) return LAST_STEP;
  const ms = Date.parse(time);
  if (!Number.isFinite(ms)) return LAST_STEP;
  const back = Math.round((alignToStep(now) - ms) / STEP_MS);
  return Math.min(LAST_STEP, Math.max(0, LAST_STEP - back));
}

/** The playback time (ISO, UTC) of a step; null for the last step, which is live. */
export function timeOf(index: number, now: number): string | null {
  const clamped = Math.min(LAST_STEP, Math.max(0, Math.round(index)));
  return clamped === LAST_STEP ? null : new Date(stepEnd(clamped, now)).toISOString();
}

/** The frame after `index`: the next step, or null (back to live) once the next one would be now. */
export function nextFrame(index: number): number | null {
  const next = index + 1;
  return next >= LAST_STEP ? null : next;
}

export interface SeriesPoint {
  at: string;
  units: number;
}

export interface DemandPoint {
  /** Start of the step (ms). */
  at: number;
  units: number;
}

/** The points of a series with their times in ms, oldest first (points with a bad time are dropped). */
export function demandPoints(series: readonly SeriesPoint[]): DemandPoint[] {
  return series
    .map((point) => ({ at: Date.parse(point.at), units: point.units }))
    .filter((point) => Number.isFinite(point.at))
    .sort((a, b) => a.at - b.at);
}

const WEEKDAY_TIME = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** A step end in local time, e.g. "Tue 19:35". */
export function formatStep(ms: number): string {
  return WEEKDAY_TIME.format(new Date(ms)).replace(',', '');
}

export interface ChartBar {
  /** The step the bar ends on (what clicking it selects). */
  index: number;
  x: number;
  y: number;
  height: number;
  units: number;
}

/** Bars of city-wide units, one per step of the 24 h before `now` that has a point, in a width × height box. */
export function chartBars(points: readonly DemandPoint[], now: number, width: number, height: number): ChartBar[] {
  const slot = width / STEP_COUNT;
  const end = alignToStep(now);
  const inDay = points
    .map((point) => ({ point, index: LAST_STEP - Math.round((end - (point.at + STEP_MS)) / STEP_MS) }))
    .filter(({ index }) => index >= 0 && index <= LAST_STEP);
  const max = Math.max(1, ...inDay.map(({ point }) => point.units));
  return inDay.map(({ point, index }) => {
    const barHeight = (point.units / max) * height;
    return { index, x: index * slot, y: height - barHeight, height: barHeight, units: point.units };
  });
}

/** The step under a horizontal position (0 = left edge, 1 = right edge). */
export function stepAtFraction(fraction: number): number {
  return Math.min(LAST_STEP, Math.max(0, Math.floor(fraction * STEP_COUNT)));
}
