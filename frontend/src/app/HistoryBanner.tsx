import { useEffect, useId, useRef } from 'react';
import { cityHistory, useSimulationHistory } from '../api/simulationHistory';
import { historyText } from './historyProgress';

interface HistoryBannerProps {
  city: string;
  /** Called once when the city's history, seen loading, is all in place. */
  onDone: () => void;
}

/** A progress bar while the demo still loads the city's simulated history (nothing once it is done). */
export function HistoryBanner({ city, onDone }: HistoryBannerProps) {
  const { data } = useSimulationHistory(city);
  const history = cityHistory(data, city);
  const id = useId();
  const seenLoading = useRef(false);
  useEffect(() => {
    if (!history) return;
    if (!history.done) seenLoading.current = true;
    else if (seenLoading.current) {
      seenLoading.current = false;
      onDone();
    }
  }, [history, onDone]);

  if (!data || !history || history.done) return null;
  return (
    <div className="history" role="status">
      <label className="history__label" htmlFor={id}>
        {historyText(history, data.days)}
      </label>
      <progress id={id} className="history__bar" value={history.hours_done} max={history.hours_total} />
    </div>
  );
}
