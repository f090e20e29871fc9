import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { DomainError, type AppError } from '../../../../shared/domain/errors.ts';
import { type Clock, systemClock } from '../../context.ts';
import type { Database } from '../../db/database.ts';
import { backoffDelay, DEFAULT_BACKOFF, type JobHandler, type JobRegistry } from './registry.ts';
import {
  claimJob,
  completeJob,
  extendLease,
  failJob,
  JOBS_CHANNEL,
  onJobEnqueued,
  releaseRunningJobs,
  type ClaimedJob,
} from './store.ts';

/** How often an idle worker looks for due jobs (retries whose backoff ended, missed wake-ups). */
export const DEFAULT_POLL_MS = 500;
/**
 * How long a claimed job stays the worker's without a sign of life. The worker renews it
 * while the run lasts, so only a killed or hung instance lets it expire; then another worker
 * (or this one after a restart) takes the job over.
 */
export const DEFAULT_LEASE_MS = 60_000;

export interface JobLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const silentLog: JobLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface JobWorkerOptions {
  db: Database;
  registry: JobRegistry;
  clock?: Clock;
  pollMs?: number;
  leaseMs?: number;
  /** Names this worker in locked_by; default host, process id and a random suffix. */
  workerId?: string;
  /** Jitter source of the backoff (tests fix it). */
  random?: () => number;
  log?: JobLog;
  /**
   * Release the jobs left running at start (default on PGlite: its data directory belongs to
   * one process, so a running job there is one the previous, killed process held).
   */
  releaseOrphans?: boolean;
  /** Test hook: runs after a job's run, before the job is recorded (kill the process here). */
  afterRun?: (job: { id: number; kind: string }) => Promise<void>;
}

export interface JobWorker {
  /** Starts the loop (idempotent). */
  start(): void;
  /** Ends the loop after the job running now, if any, has finished and been recorded. */
  stop(): Promise<void>;
  /** Look for a job now instead of at the next poll. */
  nudge(): void;
  /** Claims and runs one due job; false when there was none. The loop is this, repeated. */
  runOnce(): Promise<boolean>;
  /** Runs due jobs until none is left; resolves to how many ran (tests). */
  drain(): Promise<number>;
}

function appErrorOf(error: unknown): AppError {
  if (error instanceof DomainError) return error.toJSON();
  // Name and message, as the app's error handler logs them: driver errors keep row values in
  // their details, not in the message.
  if (error instanceof Error) return { code: 'internal', message: `${error.name}: ${error.message}` };
  return { code: 'internal', message: 'unknown error' };
}

export function createJobWorker(options: JobWorkerOptions): JobWorker {
  const { db, registry } = options;
  const clock = options.clock ?? systemClock;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const random = options.random ?? Math.random;
  const log = options.log ?? silentLog;
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  let runs = 0;

  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let nudged = false;
  let stopping = new AbortController();
  let unsubscribe: (() => void) | undefined;
  let unlisten: Promise<(() => Promise<void>) | undefined> | undefined;

  function nudge(): void {
    nudged = true;
    wake?.();
  }

  function sleep(): Promise<void> {
    if (nudged) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, pollMs);
      // An idle worker never keeps the process alive (a test that forgot to close its app).
      timer.unref();
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });
  }

  async function finish(job: ClaimedJob, handler: JobHandler, error: AppError | undefined): Promise<void> {
    const now = clock.now();
    if (!error) {
      if (!(await db.transaction((tx) => completeJob(tx, job, now)))) {
        log.warn({ jobId: job.id, kind: job.kind }, 'job finished after its lease was lost');
      }
      return;
    }
    const permanent = handler.permanent?.some((code) => code === error.code) === true;
    const retryAt =
      permanent || job.attempt >= handler.maxAttempts
        ? undefined
        : new Date(now.getTime() + backoffDelay(handler.backoff ?? DEFAULT_BACKOFF, job.attempt, random));
    const recorded = await db.transaction((tx) => failJob(tx, job, error, now, retryAt));
    const info = { jobId: job.id, kind: job.kind, attempt: job.attempt, code: error.code, reason: error.message };
    if (!recorded) log.warn(info, 'job failed after its lease was lost');
    else if (retryAt) log.warn({ ...info, retryAt: retryAt.toISOString() }, 'job failed, will retry');
    else log.error(info, 'job failed for good (dead)');
  }

  async function run(job: ClaimedJob): Promise<void> {
    const handler = registry.get(job.kind);
    if (!handler) throw new Error(`claimed a job of kind ${job.kind} without a handler`);
    if (job.attempt > handler.maxAttempts) {
      // Every run so far ended without a word: the instance died or hung each time (a job that
      // crashes the process must not crash every restart).
      const error = {
        code: 'internal' as const,
        message: 'The lease of the last run expired (worker stopped or hung)',
      };
      return finish(job, handler, error);
    }
    const parsed = handler.payload.safeParse(job.payload);
    if (!parsed.success) {
      const error = { code: 'validation_failed' as const, message: `The payload does not fit job kind ${job.kind}` };
      await db.transaction((tx) => failJob(tx, job, error, clock.now(), undefined));
      log.error({ jobId: job.id, kind: job.kind, code: error.code }, 'job failed for good (dead)');
      return;
    }
    // Renew the lease while the run lasts, so only a dead or hung instance loses it.
    const renew = setInterval(
      () => {
        void db
          .transaction((tx) => extendLease(tx, job, new Date(clock.now().getTime() + leaseMs)))
          .catch(() => undefined);
      },
      Math.max(1_000, Math.floor(leaseMs / 3)),
    );
    let error: AppError | undefined;
    try {
      await handler.run({ db, clock, jobId: job.id, attempt: job.attempt, signal: stopping.signal }, parsed.data);
    } catch (e) {
      error = appErrorOf(e);
    } finally {
      clearInterval(renew);
    }
    await options.afterRun?.({ id: job.id, kind: job.kind });
    await finish(job, handler, error);
  }

  async function runOnce(): Promise<boolean> {
    nudged = false;
    runs += 1;
    const job = await db.transaction((tx) =>
      claimJob(tx, { kinds: registry.kinds, now: clock.now(), leaseMs, lockedBy: `${workerId}#${runs}` }),
    );
    if (!job) return false;
    await run(job);
    return true;
  }

  async function runLoop(): Promise<void> {
    if (options.releaseOrphans ?? db.kind === 'pglite') {
      try {
        const released = await db.transaction((tx) => releaseRunningJobs(tx, clock.now()));
        if (released > 0) log.warn({ released }, 'jobs of a stopped process set pending again');
      } catch (e) {
        log.error({ reason: appErrorOf(e).message }, 'job worker could not release orphaned jobs');
      }
    }
    while (running) {
      let ran = false;
      try {
        ran = await runOnce();
      } catch (e) {
        // The database is away or the job could not be recorded: try again at the next poll.
        const { code, message } = appErrorOf(e);
        log.error({ code, reason: message }, 'job worker step failed');
      }
      // stop() may have run meanwhile: it clears `running` and aborts `stopping` together.
      if (!ran && !stopping.signal.aborted) await sleep();
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      stopping = new AbortController();
      unsubscribe = onJobEnqueued(nudge);
      // On PostgreSQL the enqueue's NOTIFY reaches every instance once the transaction commits.
      unlisten = db.listen
        ? db.listen(JOBS_CHANNEL, nudge, nudge).catch((e: unknown) => {
            log.warn({ reason: appErrorOf(e).message }, 'job worker cannot LISTEN; polling only');
            return undefined;
          })
        : undefined;
      loop = runLoop();
    },
    async stop() {
      if (!running) return loop;
      running = false;
      unsubscribe?.();
      stopping.abort();
      wake?.();
      await loop;
      const stopListening = await unlisten;
      await stopListening?.();
    },
    nudge,
    runOnce,
    async drain() {
      let n = 0;
      while (await runOnce()) n += 1;
      return n;
    },
  };
}
