import { createHash, randomBytes } from 'node:crypto';
import type { User } from '../../../../shared/domain/user.ts';
import type { Queryable } from '../../db/database.ts';
import { USER_COLUMNS, userFromRow, type UserRow } from './users.ts';

export const DEFAULT_SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** Only the SHA-256 of a token is stored: a leaked sessions table grants no access. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface NewSession {
  token: string;
  expiresAt: Date;
}

export async function createSession(q: Queryable, userId: string, now: Date, ttlMs: number): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlMs);
  await q.query('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
    hashToken(token),
    userId,
    now.toISOString(),
    expiresAt.toISOString(),
  ]);
  return { token, expiresAt };
}

export interface Authenticated {
  user: User;
  tokenHash: string;
}

/**
 * The user of a live session: not expired at `now`, not revoked, and not a demo account
 * unless the server runs in demo mode.
 */
export async function authenticate(
  q: Queryable,
  token: string,
  now: Date,
  allowDemo: boolean,
): Promise<Authenticated | undefined> {
  return sessionUser(q, hashToken(token), now, allowDemo);
}

/** Same as authenticate, for a token known only by its hash (a long-lived SSE stream). */
export async function sessionUser(
  q: Queryable,
  tokenHash: string,
  now: Date,
  allowDemo: boolean,
): Promise<Authenticated | undefined> {
  const [row] = await q.query<UserRow>(
    `SELECT ${USER_COLUMNS}
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND (NOT u.is_demo OR $3)`,
    [tokenHash, now.toISOString(), allowDemo],
  );
  return row ? { user: userFromRow(row), tokenHash } : undefined;
}

export async function revokeSession(q: Queryable, tokenHash: string, now: Date): Promise<void> {
  await q.query('UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL', [
    tokenHash,
    now.toISOString(),
  ]);
}

/** Parses `Authorization: Bearer <token>`; anything else counts as no token. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header);
  return match?.[1];
}
