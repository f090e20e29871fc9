import type { z } from 'zod';
import type { ErrorCode } from '../../../../shared/domain/errors.ts';
import type { Clock } from '../../context.ts';
import type { Database } from '../../db/database.ts';

/** What a handler's run gets besides its payload. */
export interface JobContext {
  db: Database;
  clock: Clock;
  jobId: number;
  /** This run's number, from 1. */
  attempt: number;
  /** Aborted when the worker stops; a long run may end early and be retried later. */
  signal: AbortSignal;
}

export interface Backoff {
  /** Delay before the second run; each further one doubles it. */
  baseMs: number;
  maxMs: number;
}

/**
 * What runs the jobs of one kind. run must be idempotent: a run can be repeated after a crash
 * between its effect and the job's completion, and must then find the effect done.
 */
export interface JobHandler<S extends z.ZodType = z.ZodType> {
  kind: string;
  /** The payload is checked against this before each run; a payload that fails is dead at once. */
  payload: S;
  /** Runs in all, the first included; after the last failed one the job is dead. */
  maxAttempts: number;
  backoff?: Backoff;
  /** Errors no retry can mend (the job goes dead at once); default none. */
  permanent?: readonly ErrorCode[];
  run(ctx: JobContext, payload: z.output<S>): Promise<void>;
}

/**
 * One handler with its payload type, as the registry holds handlers of all kinds: run then
 * takes the payload unchecked and parses it (the worker has checked it with safeParse before).
 */
export function defineJobHandler<S extends z.ZodType>(handler: JobHandler<S>): JobHandler {
  return { ...handler, run: (ctx, payload) => handler.run(ctx, handler.payload.parse(payload)) };
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 5_000, maxMs: 15 * 60_000 };

const KIND = /^[a-z][a-z0-9-]{0,62}$/;

/** Handlers by kind; a kind can have only one. */
export class JobRegistry {
  readonly #handlers = new Map<string, JobHandler>();

  constructor(handlers: readonly JobHandler[] = []) {
    for (const h of handlers) this.register(h);
  }

  register(handler: JobHandler): void {
    if (!KIND.test(handler.kind)) throw new Error(`job kind ${handler.kind} must match ${KIND.source}`);
    if (this.#handlers.has(handler.kind)) throw new Error(`job kind ${handler.kind} is registered twice`);
    if (!Number.isInteger(handler.maxAttempts) || handler.maxAttempts < 1) {
      throw new Error(`job kind ${handler.kind}: maxAttempts must be a positive integer`);
    }
    this.#handlers.set(handler.kind, handler);
  }

  get(kind: string): JobHandler | undefined {
    return this.#handlers.get(kind);
  }

  get kinds(): string[] {
    return [...this.#handlers.keys()];
  }
}

/**
 * Delay before run `attempt + 1` after run `attempt` failed: exponential, capped, with "equal
 * jitter" (half fixed, half random) so jobs that failed together (a TSA outage) do not all
 * come back in the same instant.
 */
export function backoffDelay(backoff: Backoff, attempt: number, random: () => number): number {
  const exp = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}
