// What the runs list shows of a forecast run: its progress, how long it took (or has taken so far).
import type { ForecastRun } from '../../api/forecastRuns';

/** Milliseconds from start to finish, or to `now` while it runs; null when it ended without a finish time. */
export function runDuration(
  run: Pick<ForecastRun, 'created_at' | 'finished_at' | 'status'>,
  now: number,
): number | null {
  const started = Date.parse(run.created_at);
  const ended = run.finished_at ? Date.parse(run.finished_at) : run.status === 'running' ? now : Number.NaN;
  const ms = ended - started;
  return Number.isFinite(ms) ? Math.max(0, ms) : null;
}

/** "45 s", "3 min 20 s", "1 h 5 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  return minutes % 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${Math.floor(minutes / 60)} h`;
}

/** The progress of a run: series done of series (`max` null while the run does not yet know how many). */
export function runProgress(run: Pick<ForecastRun, 'id' | 'series' | 'series_done'>): {
  value: number;
  max: number | null;
  label: string;
} {
  if (run.series <= 0) return { value: 0, max: null, label: `Run ${run.id}: reading the demand history` };
  const done = Math.min(run.series_done, run.series);
  return { value: done, max: run.series, label: `Run ${run.id}: ${done} of ${run.series} series forecast` };
}

/** The newest run that finished: the one the accuracy and the series come from. */
export const latestDoneRun = (runs: readonly ForecastRun[] | undefined): ForecastRun | null =>
  runs?.find((run) => run.status === 'done') ?? null;
