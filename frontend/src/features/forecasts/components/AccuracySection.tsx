import type { ForecastAccuracy } from '../../../api/forecastAccuracy';
import { Skeleton } from '../../../components/ui/Skeleton';
import { formatDateTime, formatInt } from '../../../lib/format';
import {
  accuracyRows,
  barPercent,
  notBacktestedNote,
  notBacktestedReasons,
  wapeScale,
  type ModelAccuracy,
} from '../accuracy';
import { formatRatio, formatRatioPercent } from '../format';
import { Meter } from './Meter';

function Row({ row, scale, header }: { row: ModelAccuracy; scale: number; header?: boolean }) {
  return (
    <tr className={header ? 'accuracy__overall' : 'accuracy__model'} data-model={header ? undefined : row.model}>
      <th scope="row">{row.model}</th>
      <td>{formatInt(row.series)}</td>
      <td className="accuracy__wape">
        <Meter percent={barPercent(row.wape, scale)} />
        <span className="forecasts__value">{formatRatioPercent(row.wape)}</span>
      </td>
      <td>{formatRatio(row.mase)}</td>
      <td className="accuracy__share">
        <Meter percent={barPercent(row.share, 1)} tone="muted" />
        <span className="forecasts__value">{formatRatioPercent(row.share)}</span>
      </td>
    </tr>
  );
}

interface AccuracySectionProps {
  accuracy: ForecastAccuracy | undefined;
  pending: boolean;
  /** Why there is no accuracy to show (no finished run yet, or the API failed), if that is the case. */
  message: string | null;
}

/** Backtest accuracy of the latest run per model it used, and overall, with what WAPE means. */
export function AccuracySection({ accuracy, pending, message }: AccuracySectionProps) {
  const rows = accuracy ? accuracyRows(accuracy) : null;
  const scale = rows ? wapeScale([...rows.models, rows.overall]) : 1;
  const note = accuracy ? notBacktestedNote(accuracy.not_backtested) : null;
  return (
    <section className="forecasts__card forecasts__accuracy" aria-labelledby="accuracy-title">
      <h2 id="accuracy-title" className="forecasts__card-title">
        Accuracy by model
      </h2>
      <p className="forecasts__explain">
        <strong>WAPE</strong>: for every 100 units customers asked for on the backtest days, how many units the
        forecast was off by (20% = 20 units off per 100; lower is better). <strong>MASE</strong> below 1 beats
        repeating the same weekday of last week.
      </p>
      {message && <p className="callout">{message}</p>}
      {pending && !message && <Skeleton />}
      {accuracy && accuracy.overall.series === 0 && (
        <p className="callout accuracy__none">
          No series of run #{accuracy.run.id} could be backtested ({notBacktestedReasons(accuracy.not_backtested)}):
          a backtest needs four weeks of a series' demand.
        </p>
      )}
      {rows && accuracy && accuracy.overall.series > 0 && (
        <>
          <div className="forecasts__scroll">
            <table className="forecasts-table accuracy-table">
              <caption className="sr-only">Backtest accuracy of forecast run {accuracy.run.id} by model</caption>
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col">Series</th>
                  <th scope="col">WAPE</th>
                  <th scope="col">MASE</th>
                  <th scope="col">Share of units</th>
                </tr>
              </thead>
              <tbody>
                {rows.models.map((row) => (
                  <Row key={row.model} row={row} scale={scale} />
                ))}
              </tbody>
              <tfoot>
                <Row row={rows.overall} scale={scale} header />
              </tfoot>
            </table>
          </div>
          <p className="forecasts__note">
            Run #{accuracy.run.id}
            {accuracy.run.finished_at ? `, finished ${formatDateTime(accuracy.run.finished_at)}` : ''}
            {note ? `. ${note}.` : '.'}
          </p>
        </>
      )}
    </section>
  );
}
