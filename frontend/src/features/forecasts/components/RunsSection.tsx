import { isRunning, type ForecastRun } from '../../../api/forecastRuns';
import { Skeleton } from '../../../components/ui/Skeleton';
import { formatDateTime, formatInt } from '../../../lib/format';
import { formatDuration, runDuration, runProgress } from '../runs';
import { useClock } from '../useClock';

const STATUS_LABEL: Record<string, string> = { running: 'Running', done: 'Done', failed: 'Failed' };

function Progress({ run }: { run: ForecastRun }) {
  const { value, max, label } = runProgress(run);
  return (
    <progress
      className="run__progress"
      value={max === null ? undefined : value}
      max={max ?? undefined}
      aria-label={label}
      title={label}
    />
  );
}

function RunRow({ run, now }: { run: ForecastRun; now: number }) {
  const duration = runDuration(run, now);
  return (
    <tr className={`run run--${run.status}`} data-status={run.status}>
      <th scope="row">
        <span className="run__id">#{run.id}</span>
        <span className="run__meta">
          {run.model} · {run.horizon_days} d
        </span>
      </th>
      <td>
        <span className={`run__status run__status--${run.status}`}>{STATUS_LABEL[run.status] ?? run.status}</span>
        {isRunning(run) && <Progress run={run} />}
        {run.error && (
          <span className="run__error" title={run.error}>
            {run.error}
          </span>
        )}
      </td>
      <td>{formatDateTime(run.created_at)}</td>
      <td>{duration === null ? '–' : formatDuration(duration)}</td>
      <td className="run__series">
        {isRunning(run) && run.series > 0 ? `${formatInt(run.series_done)} / ` : ''}
        {formatInt(run.series)}
      </td>
    </tr>
  );
}

interface RunsSectionProps {
  runs: readonly ForecastRun[] | undefined;
  pending: boolean;
}

/** The latest forecast runs: status (a progress bar while one runs), when, how long, how many series. */
export function RunsSection({ runs, pending }: RunsSectionProps) {
  const now = useClock(runs?.some(isRunning) ?? false);
  return (
    <section className="forecasts__card forecasts__runs" aria-labelledby="runs-title">
      <h2 id="runs-title" className="forecasts__card-title">
        Forecast runs
      </h2>
      {pending && <Skeleton />}
      {runs && runs.length === 0 && <p className="muted">None yet.</p>}
      {runs && runs.length > 0 && (
        <div className="forecasts__scroll">
          <table className="forecasts-table runs-table">
            <caption className="sr-only">The latest forecast runs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Status</th>
                <th scope="col">Started</th>
                <th scope="col">Took</th>
                <th scope="col">Series</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <RunRow key={run.id} run={run} now={now} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
