export interface Throttled {
  /** Runs now if the last run was at least `ms` ago, else once when `ms` have passed since it. */
  call(): void;
  cancel(): void;
}

/** At most one run of `fn` every `ms`, with a trailing run for calls in between. */
export function throttle(fn: () => void, ms: number, now: () => number = Date.now): Throttled {
  let lastRun = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    timer = undefined;
    lastRun = now();
    fn();
  };
  return {
    call() {
      if (timer !== undefined) return;
      const wait = lastRun + ms - now();
      if (wait <= 0) run();
      else timer = setTimeout(run, wait);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
