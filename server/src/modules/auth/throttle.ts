import type { Queryable } from '../../db/database.ts';

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

/**
 * Counts this attempt BEFORE the password is checked: its row goes in first, then the rows of
 * the window are counted, itself included. So of any number of concurrent guesses at most
 * `maxFailures` pass to the password check — a read of the count can no longer race ahead of
 * the failures being recorded. A refused attempt takes its row out again (it was not a guess);
 * a failed one leaves it as the failure; a successful login clears the username's rows.
 */
export async function beginLoginAttempt(
  q: Queryable,
  username: string,
  ip: string,
  now: Date,
  settings: ThrottleSettings,
): Promise<number> {
  await q.query('DELETE FROM login_failures WHERE failed_at <= $1', [
    new Date(now.getTime() - settings.windowMs).toISOString(),
  ]);
  const [attempt] = await q.query<{ id: number }>(
    'INSERT INTO login_failures (username, ip, failed_at) VALUES ($1, $2, $3) RETURNING id',
    [username, ip, now.toISOString()],
  );
  if (!attempt) throw new Error('login attempt not recorded');
  const refusal = await loginRetryAfterSeconds(q, username, ip, now, {
    ...settings,
    maxFailures: settings.maxFailures + 1,
  });
  if (refusal > 0) {
    await q.query('DELETE FROM login_failures WHERE id = $1', [attempt.id]);
    return refusal;
  }
  return 0;
}

/** A successful login forgives this username's failures (also in the per-IP count). */
export async function clearLoginFailures(q: Queryable, username: string): Promise<void> {
  await q.query('DELETE FROM login_failures WHERE username = $1', [username]);
}
