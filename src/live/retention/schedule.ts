/**
 * A job run every `interval` ms (or after the delay a function gives; first run after `firstDelayMs`), never two at once; a
 * failure is reported and the schedule goes on. Timers are unref'd so they never keep
 * the process alive.
 */
export function every(interval: number | (() => number), job: () => Promise<unknown>, onError: (e: unknown) => void, firstDelayMs?: number): { stop(): Promise<void> } {
  const next = () => (typeof interval === 'number' ? interval : interval());
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const schedule = (ms: number) => {
    timer = setTimeout(() => {
      running = job()
        .catch(onError)
        .finally(() => {
          if (!stopped) schedule(next());
        });
    }, ms);
    timer.unref();
  };
  schedule(firstDelayMs ?? next());
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
