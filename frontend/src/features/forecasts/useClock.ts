import { useEffect, useState } from 'react';

/** The current time (ms), renewed every `ms` while `running` (a run's elapsed time moves along). */
export function useClock(running: boolean, ms = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [running, ms]);
  return now;
}
