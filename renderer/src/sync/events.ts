import type { ApiClient, ApiError } from '../api/http.ts';
import { backoffDelay } from './backoff.ts';
import { createSseParser } from './sse.ts';
import { sleep, type Timers } from './timers.ts';

export interface EventStreamOptions {
  api: ApiClient;
  timers: Timers;
  random: () => number;
  signal: AbortSignal;
  /** The stream is (re)connected: changes may have been missed meanwhile. */
  onConnected(): void;
  onPoke(): void;
  /** A connect failed for good (401): the session is gone. */
  onFatal(error: ApiError): void;
}

/**
 * Keeps GET /api/sync/events open (fetch streaming: EventSource cannot send the Bearer header)
 * and reports each `poke`; reconnects with backoff until the signal aborts.
 */
export async function runEventStream(o: EventStreamOptions): Promise<void> {
  let attempt = 0;
  while (!o.signal.aborted) {
    const res = await o.api.open('events', { signal: o.signal });
    if (res.ok) {
      o.onConnected();
      const parse = createSseParser((e) => {
        if (e.event === 'poke') o.onPoke();
      });
      const body = res.value.body;
      if (body) {
        const reader = body.pipeThrough(new TextDecoderStream()).getReader();
        try {
          for (let r = await reader.read(); !r.done; r = await reader.read()) {
            // The connection carries data again: a later drop starts the backoff afresh.
            attempt = 0;
            parse(r.value);
          }
        } catch {
          // Dropped connection or abort: fall through to reconnect (or leave, if aborted).
        } finally {
          reader.releaseLock();
        }
      }
    } else if (res.error.status === 401) {
      o.onFatal(res.error);
      return;
    }
    await sleep(o.timers, backoffDelay(attempt++, o.random), o.signal);
  }
}
