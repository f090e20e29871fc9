/** Injectable timers, so tests drive retries and reconnects without waiting. */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as Parameters<typeof clearTimeout>[0]),
};

/** Resolves after `ms`, or early (without error) when the signal aborts. */
export function sleep(timers: Timers, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const done = (): void => {
      timers.clear(handle);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const handle = timers.set(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
