import { connect } from 'node:net';
import { health, type Health } from '../../../shared/contracts/http/meta.ts';

export class HealthTimeoutError extends Error {
  constructor(url: string, timeoutMs: number, lastProblem: string) {
    super(`${url} did not report healthy within ${timeoutMs} ms (last problem: ${lastProblem})`);
    this.name = 'HealthTimeoutError';
  }
}

export interface WaitForHealthOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Stops waiting early, e.g. when the server process has exited. */
  signal?: AbortSignal;
}

const ATTEMPT_TIMEOUT_MS = 2000;
const NO_ANSWER = 'no answer yet';

/**
 * Polls GET <baseUrl>/api/health until it answers 200 with a body matching the health
 * contract; checking the body tells our server apart from something else on the port.
 */
export async function waitForHealth(baseUrl: string, options: WaitForHealthOptions): Promise<Health> {
  const url = new URL('/api/health', baseUrl).href;
  const deadline = Date.now() + options.timeoutMs;
  const intervalMs = options.intervalMs ?? 200;
  let lastProblem = NO_ANSWER;
  for (;;) {
    options.signal?.throwIfAborted();
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new HealthTimeoutError(url, options.timeoutMs, lastProblem);
    const attemptMs = Math.min(remaining, ATTEMPT_TIMEOUT_MS);
    const attempt = AbortSignal.timeout(attemptMs);
    const signal = options.signal ? AbortSignal.any([options.signal, attempt]) : attempt;
    try {
      const res = await fetch(url, { signal });
      if (res.ok) {
        const parsed = health.safeParse(await res.json());
        if (parsed.success) return parsed.data;
        lastProblem = 'answer does not match the health contract';
      } else {
        lastProblem = `HTTP ${res.status}`;
        await res.body?.cancel();
      }
    } catch (error) {
      options.signal?.throwIfAborted();
      // A probe cut short by the overall deadline says nothing new; the server's last real
      // answer (say HTTP 503) is the better diagnosis for IT.
      const cutShort = attemptMs < ATTEMPT_TIMEOUT_MS && isTimeout(error);
      if (!cutShort || lastProblem === NO_ANSWER) lastProblem = describeFetchError(error);
    }
    await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())), options.signal);
  }
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === 'TimeoutError';
}

function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error && 'code' in cause) return String(cause.code);
  return error.name === 'TimeoutError' ? 'request timed out' : error.message;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** True when something accepts TCP connections on host:port. */
export function isPortInUse(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (inUse: boolean): void => {
      socket.destroy();
      resolve(inUse);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
