import type { Database, Queryable } from '../../db/database.ts';

export interface ThrottleSettings {
  /** Failed logins per username, and per client IP, allowed inside the window. */
  maxFailures: number;
  windowMs: number;
}

export const DEFAULT_THROTTLE: ThrottleSettings = { maxFailures: 5, windowMs: 15 * 60 * 1000 };

/**
 * Seconds until the next login attempt is allowed, or 0 when it is allowed now. Counts the
 * failures of this username and, separately, of this IP (password spraying across usernames).
 */
export async function loginRetryAfterSeconds(
  q: Queryable,
  username: string,
  ip: string,
  now: Date,
  settings: ThrottleSettings,
): Promise<number> {
  const since = new Date(now.getTime() - settings.windowMs).toISOString();
  const rows = await q.query<{ n: number; oldest: Date | null }>(
    `SELECT count(*)::int AS n, min(failed_at) AS oldest FROM login_failures WHERE username = $1 AND failed_at > $2
     UNION ALL
     SELECT count(*)::int, min(failed_at) FROM login_failures WHERE ip = $3 AND failed_at > $2`,
    [username, since, ip],
  );
  let waitMs = 0;
  for (const { n, oldest } of rows) {
    if (n >= settings.maxFailures && oldest) {
      waitMs = Math.max(waitMs, oldest.getTime() + settings.windowMs - now.getTime());
    }
  }
  return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
}

/** Advisory-lock namespaces (two-int keys, apart from the single-key WRITE_LOCK_KEY space). */
const USER_LOCK_SPACE = 0x4c4f4755; // 'LOGU'
const IP_LOCK_SPACE = 0x4c4f4749; // 'LOGI'

/**
 * Decides whether this attempt may go to the password check, and if so records it as a
 * failure up front (a successful login clears it again). Attempts for one username, and from
 * one IP, are serialised by transaction-scoped advisory locks (always username first, then IP,
 * so two attempts cannot wait on each other): of any number of concurrent guesses exactly
 * `maxFailures` pass, and a refused attempt leaves no row (it was not a guess). Expired rows are
 * swept with SKIP LOCKED, so housekeeping never waits on, or deadlocks with, a login.
 */
export async function beginLoginAttempt(
  db: Database,
  username: string,
  ip: string,
  now: Date,
  settings: ThrottleSettings,
): Promise<number> {
  await db.query(
    `DELETE FROM login_failures WHERE id IN (
       SELECT id FROM login_failures WHERE failed_at <= $1 FOR UPDATE SKIP LOCKED)`,
    [new Date(now.getTime() - settings.windowMs).toISOString()],
  );
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [USER_LOCK_SPACE, username]);
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [IP_LOCK_SPACE, ip]);
    const refusal = await loginRetryAfterSeconds(tx, username, ip, now, settings);
    if (refusal > 0) return refusal;
    await tx.query('INSERT INTO login_failures (username, ip, failed_at) VALUES ($1, $2, $3)', [
      username,
      ip,
      now.toISOString(),
    ]);
    return 0;
  });
}

/** A successful login forgives this username's failures (also in the per-IP count). */
export async function clearLoginFailures(q: Queryable, username: string): Promise<void> {
  await q.query('DELETE FROM login_failures WHERE username = $1', [username]);
}
