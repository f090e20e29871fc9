import type { AdminJob, JobState } from '../../../../shared/contracts/http/admin.ts';
import { DomainError, type AppError } from '../../../../shared/domain/errors.ts';
import type { Queryable } from '../../db/database.ts';

/** Channel of the PostgreSQL NOTIFY an enqueue sends; delivered when its transaction commits. */
export const JOBS_CHANNEL = 'amtsplatz_jobs';

export interface NewJob {
  /** The handler that runs it (registry.ts); lowercase letters, digits and dashes. */
  kind: string;
  /** Names the side effect: a second enqueue with the same kind and key is a no-op. */
  idempotencyKey: string;
  /** Checked against the handler's schema when the job runs. */
  payload: unknown;
  /** Not before this instant; default as soon as a worker is free. */
  runAfter?: Date;
}

type Listener = () => void;
const localListeners = new Set<Listener>();

/**
 * Wakes the workers of this process. On PGlite the worker's claim is a transaction, which
 * queues behind the enqueuing one and so sees the job once it committed; on PostgreSQL the
 * NOTIFY of the enqueue wakes every instance after the commit, and this early wake-up is only
 * a claim that finds nothing yet.
 */
export function onJobEnqueued(listener: Listener): () => void {
  localListeners.add(listener);
  return () => localListeners.delete(listener);
}

/**
 * Writes a job in the caller's transaction, so it exists exactly when the command that causes
 * it committed. Returns the new job's id, or undefined when a job of this kind and key exists
 * already (whatever its state: the effect was asked for before).
 */
export async function enqueueJob(tx: Queryable, job: NewJob): Promise<number | undefined> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO jobs (kind, idempotency_key, payload, run_after) VALUES ($1, $2, $3::jsonb, $4)
     ON CONFLICT (kind, idempotency_key) DO NOTHING RETURNING id`,
    [job.kind, job.idempotencyKey, JSON.stringify(job.payload ?? null), job.runAfter?.toISOString() ?? null],
  );
  if (!row) return undefined;
  await tx.query('SELECT pg_notify($1, $2)', [JOBS_CHANNEL, job.kind]);
  for (const listener of localListeners) listener();
  return row.id;
}

export interface ClaimedJob {
  id: number;
  kind: string;
  payload: unknown;
  /** This run's number, from 1. */
  attempt: number;
  /** The lease this run holds; completing with another token changes nothing. */
  lockedBy: string;
}

/**
 * Claims the next runnable job of the given kinds: pending and due, or running with an expired
 * lease (its worker died or hung). SKIP LOCKED lets several instances claim side by side on
 * PostgreSQL without waiting for or taking each other's row; the lease (locked_until) is what
 * keeps a claimed job from a second worker after this transaction commits. Kinds without a
 * handler here stay for an instance that has one (a seal job waits for a configured seal).
 */
export async function claimJob(
  tx: Queryable,
  options: { kinds: readonly string[]; now: Date; leaseMs: number; lockedBy: string },
): Promise<ClaimedJob | undefined> {
  if (options.kinds.length === 0) return undefined;
  const now = options.now.toISOString();
  const [row] = await tx.query<{ id: number; kind: string; payload: unknown; attempts: number }>(
    `UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_by = $3, locked_until = $4, updated_at = $1
     WHERE id = (
       SELECT id FROM jobs
       WHERE state IN ('pending', 'running') AND kind = ANY($2::text[])
         AND (run_after IS NULL OR run_after <= $1)
         AND (state = 'pending' OR locked_until < $1)
       ORDER BY run_after NULLS FIRST, id
       LIMIT 1
       FOR UPDATE SKIP LOCKED
     )
     RETURNING id, kind, payload, attempts`,
    [now, [...options.kinds], options.lockedBy, new Date(options.now.getTime() + options.leaseMs).toISOString()],
  );
  return row
    ? { id: row.id, kind: row.kind, payload: row.payload, attempt: row.attempts, lockedBy: options.lockedBy }
    : undefined;
}

/** Marks a claimed job done; false when its lease was lost (another worker took it over). */
export async function completeJob(tx: Queryable, job: ClaimedJob, now: Date): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE jobs SET state = 'done', locked_by = NULL, locked_until = NULL, finished_at = $3, updated_at = $3
     WHERE id = $1 AND state = 'running' AND locked_by = $2 RETURNING id`,
    [job.id, job.lockedBy, now.toISOString()],
  );
  return rows.length > 0;
}

/** Longest stored error message: enough for a reason, too short for a dump. */
export const MAX_ERROR_MESSAGE = 500;

/**
 * Records a failed run: pending again from retryAt, or dead (retryAt undefined). False when
 * the lease was lost.
 */
export async function failJob(
  tx: Queryable,
  job: ClaimedJob,
  error: AppError,
  now: Date,
  retryAt: Date | undefined,
): Promise<boolean> {
  const iso = now.toISOString();
  const rows = await tx.query(
    `UPDATE jobs SET state = $3, run_after = $4, locked_by = NULL, locked_until = NULL,
       last_error_code = $5, last_error_message = $6, finished_at = $7, updated_at = $8
     WHERE id = $1 AND state = 'running' AND locked_by = $2 RETURNING id`,
    [
      job.id,
      job.lockedBy,
      retryAt ? 'pending' : 'dead',
      retryAt?.toISOString() ?? null,
      error.code,
      error.message.slice(0, MAX_ERROR_MESSAGE),
      retryAt ? null : iso,
      iso,
    ],
  );
  return rows.length > 0;
}

/**
 * Sets every running job pending again, its attempt counted. Only for a database no other
 * process can use (PGlite): there a running job at start belongs to a process that died.
 */
export async function releaseRunningJobs(tx: Queryable, now: Date): Promise<number> {
  const rows = await tx.query(
    `UPDATE jobs SET state = 'pending', locked_by = NULL, locked_until = NULL, updated_at = $1
     WHERE state = 'running' RETURNING id`,
    [now.toISOString()],
  );
  return rows.length;
}

/** Pushes the lease of a running job further out (a long run); false when it was lost. */
export async function extendLease(tx: Queryable, job: ClaimedJob, lockedUntil: Date): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE jobs SET locked_until = $3 WHERE id = $1 AND state = 'running' AND locked_by = $2 RETURNING id`,
    [job.id, job.lockedBy, lockedUntil.toISOString()],
  );
  return rows.length > 0;
}

interface JobRow {
  id: number;
  kind: string;
  idempotency_key: string;
  state: JobState;
  attempts: number;
  run_after: Date | null;
  locked_until: Date | null;
  last_error_code: string | null;
  last_error_message: string | null;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

const JOB_COLUMNS = `id, kind, idempotency_key, state, attempts, run_after, locked_until, last_error_code,
  last_error_message, created_at, updated_at, finished_at`;

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

function adminJobOf(r: JobRow): AdminJob {
  return {
    id: r.id,
    kind: r.kind,
    idempotencyKey: r.idempotency_key,
    state: r.state,
    attempts: r.attempts,
    runAfter: iso(r.run_after),
    lockedUntil: iso(r.locked_until),
    lastError: r.last_error_code === null ? null : { code: r.last_error_code, message: r.last_error_message ?? '' },
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    finishedAt: iso(r.finished_at),
  };
}

/** Jobs newest first, optionally of one state. */
export async function listJobs(
  q: Queryable,
  filter: { state?: JobState | undefined; limit: number },
): Promise<AdminJob[]> {
  const rows = await q.query<JobRow>(
    `SELECT ${JOB_COLUMNS} FROM jobs WHERE ($1::text IS NULL OR state = $1) ORDER BY id DESC LIMIT $2`,
    [filter.state ?? null, filter.limit],
  );
  return rows.map(adminJobOf);
}

export async function getJob(q: Queryable, id: number): Promise<AdminJob | undefined> {
  const [row] = await q.query<JobRow>(`SELECT ${JOB_COLUMNS} FROM jobs WHERE id = $1`, [id]);
  return row ? adminJobOf(row) : undefined;
}

/**
 * Sets a dead job pending again with its attempts reset (an admin fixed the cause). The last
 * error stays, also once the job is done: it tells why the job needed the admin. Throws
 * not_found, or conflict unless dead.
 */
export async function retryDeadJob(tx: Queryable, id: number, now: Date): Promise<AdminJob> {
  const [row] = await tx.query<JobRow>(
    `UPDATE jobs SET state = 'pending', attempts = 0, run_after = NULL, finished_at = NULL, updated_at = $2
     WHERE id = $1 AND state = 'dead' RETURNING ${JOB_COLUMNS}`,
    [id, now.toISOString()],
  );
  if (row) {
    await tx.query('SELECT pg_notify($1, $2)', [JOBS_CHANNEL, row.kind]);
    for (const listener of localListeners) listener();
    return adminJobOf(row);
  }
  const existing = await getJob(tx, id);
  if (!existing) throw new DomainError('not_found', `Job ${id} not found`);
  throw new DomainError('conflict', `Job ${id} is ${existing.state}; only a dead job can be retried`);
}
