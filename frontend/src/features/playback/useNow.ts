import { useEffect, useState } from 'react';

const TICK_MS = 30_000;

/** The current time (ms), renewed every 30 s so that the 24 h of steps move along. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}
