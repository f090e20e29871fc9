import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { type Clock, systemClock } from '../../context.ts';
import type { Database } from '../../db/database.ts';
import type { BlobStore } from '../blobs/store.ts';
import { backoffDelay, type Backoff } from '../jobs/registry.ts';
import type { JobLog } from '../jobs/worker.ts';
import { DEFAULT_LIMITS, extractFile, type ExtractionLimits, type ExtractionTools } from './extract.ts';
import {
  claimExtraction,
  extendExtractionLease,
  failExtraction,
  requeueExtractions,
  saveExtraction,
  VOLLTEXT_CHANNEL,
  type ClaimedExtraction,
} from './store.ts';
import { ToolError } from './tools.ts';

/** An idle lane looks for due entries this often (PGlite has no NOTIFY; retries whose backoff ended). */
export const DEFAULT_POLL_MS = 1000;
export const DEFAULT_LEASE_MS = 60_000;
/** Runs per file before it is recorded as failed (`tool_error`): tools missing or crashing. */
export const MAX_ATTEMPTS = 5;
const BACKOFF: Backoff = { baseMs: 10_000, maxMs: 30 * 60_000 };

export interface VolltextWorkerOptions {
  db: Database;
  blobs: BlobStore;
  /** The tools of this machine, asked for at the first run (tests inject them). */
  tools: () => Promise<ExtractionTools>;
  limits?: ExtractionLimits;
  clock?: Clock;
  pollMs?: number;
  leaseMs?: number;
  workerId?: string;
  random?: () => number;
  log?: JobLog;
}

export interface VolltextWorker {
  /** Starts the loop (idempotent); first puts back what this server can read now (requeue). */
  start(): void;
  /** Ends the loop; a running extraction is stopped (its tools killed) and runs again later. */
  stop(): Promise<void>;
  /** Claims and reads one due file; false when there was none. */
  runOnce(): Promise<boolean>;
  /** Runs due files until none is left; resolves to how many ran (tests, bench). */
  drain(): Promise<number>;
}

const silentLog: JobLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A system message for the queue and the log: the tool and how it failed, never content. */
function messageOf(error: unknown): string {
  if (error instanceof ToolError) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return 'unknown error';
}

/**
 * The full-text lane (docs/search.md): reads the text of queued files one at a time, outside
 * any request and apart from the durable-job worker, so that an OCR run of minutes never
 * delays a seal or a filing. Each run holds a lease it renews; a killed instance's entry is
 * taken over when the lease ends. Extraction itself runs in child processes (extract.ts).
 */
export function createVolltextWorker(options: VolltextWorkerOptions): VolltextWorker {
  const { db, blobs } = options;
  const clock = options.clock ?? systemClock;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const limits = options.limits ?? DEFAULT_LIMITS;
  const random = options.random ?? Math.random;
  const log = options.log ?? silentLog;
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}:volltext`;
  let tools: Promise<ExtractionTools> | undefined;
  let runs = 0;
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let nudged = false;
  let stopping = new AbortController();
  let unlisten: Promise<(() => Promise<void>) | undefined> | undefined;

  const nudge = () => {
    nudged = true;
    wake?.();
  };

  function sleep(): Promise<void> {
    if (nudged) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, pollMs);
      timer.unref();
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });
  }

  async function run(claim: ClaimedExtraction): Promise<void> {
    const renew = setInterval(
      () => {
        void db
          .transaction((tx) => extendExtractionLease(tx, claim, new Date(clock.now().getTime() + leaseMs)))
          .catch(() => undefined);
      },
      Math.max(1_000, Math.floor(leaseMs / 3)),
    );
    try {
      if (!(await blobs.has(claim.sha256))) {
        // A row without its file: the blob directory was not restored with the database.
        throw new Error('the bytes are missing from the blob store');
      }
      tools ??= options.tools();
      const extraction = await extractFile(blobs.pathOf(claim.sha256), {
        tools: await tools,
        limits,
        signal: stopping.signal,
      });
      const saved = await db.transaction((tx) => saveExtraction(tx, claim, extraction, clock.now()));
      if (!saved) log.warn({ worker: 'volltext' }, 'extraction finished after its lease was lost or its bytes went');
    } catch (error) {
      const message = messageOf(error);
      const now = clock.now();
      // Stopped by the server's shutdown: not the file's fault, so due again at once and never the last.
      const aborted = error instanceof ToolError && error.failure === 'aborted';
      const last = !aborted && claim.attempt >= MAX_ATTEMPTS;
      const retryAt = last
        ? undefined
        : new Date(now.getTime() + (aborted ? 0 : backoffDelay(BACKOFF, claim.attempt, random)));
      await db.transaction((tx) => failExtraction(tx, claim, message, now, retryAt));
      if (!aborted) {
        log[last ? 'error' : 'warn'](
          { worker: 'volltext', attempt: claim.attempt, reason: message },
          last ? 'text extraction failed for good' : 'text extraction failed, will retry',
        );
      }
    } finally {
      clearInterval(renew);
    }
  }

  async function runOnce(): Promise<boolean> {
    nudged = false;
    runs += 1;
    const claim = await db.transaction((tx) =>
      claimExtraction(tx, { now: clock.now(), leaseMs, lockedBy: `${workerId}#${runs}` }),
    );
    if (!claim) return false;
    await run(claim);
    return true;
  }

  async function runLoop(): Promise<void> {
    try {
      // A PGlite directory belongs to one process: an entry locked at start is one the
      // previous, killed process held.
      if (db.kind === 'pglite') {
        await db.query(
          'UPDATE volltext_auftraege SET locked_by = NULL, locked_until = NULL WHERE locked_by IS NOT NULL',
        );
      }
      tools ??= options.tools();
      const requeued = await requeueExtractions(db, { ocrAvailable: (await tools).tesseract !== null });
      if (requeued > 0) log.info({ worker: 'volltext', requeued }, 'files queued again for text extraction');
    } catch (e) {
      log.error({ worker: 'volltext', reason: messageOf(e) }, 'could not queue files again');
    }
    while (running) {
      let ran = false;
      try {
        ran = await runOnce();
      } catch (e) {
        log.error({ worker: 'volltext', reason: messageOf(e) }, 'full-text worker step failed');
      }
      if (!ran && !stopping.signal.aborted) await sleep();
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      stopping = new AbortController();
      unlisten = db.listen
        ? db.listen(VOLLTEXT_CHANNEL, nudge, nudge).catch((e: unknown) => {
            log.warn({ worker: 'volltext', reason: messageOf(e) }, 'full-text worker cannot LISTEN; polling only');
            return undefined;
          })
        : undefined;
      loop = runLoop();
    },
    async stop() {
      if (!running) return loop;
      running = false;
      stopping.abort();
      wake?.();
      await loop;
      const stopListening = await unlisten;
      await stopListening?.();
    },
    runOnce,
    async drain() {
      let n = 0;
      while (await runOnce()) n += 1;
      return n;
    },
  };
}
