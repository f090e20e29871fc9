import { z } from 'zod';
import { orgUnit, user } from '../../../shared/domain/user.ts';

/**
 * The login session kept in sessionStorage so a reload in web mode does not log the clerk out.
 * sessionStorage is per tab and cleared with it; the token is still readable by script in
 * this origin, which the CSP (no foreign scripts) guards. See docs/adr/0002.
 */
export const storedSession = z.object({
  serverUrl: z.string().min(1),
  token: z.string().min(20),
  expiresAt: z.iso.datetime(),
  user,
  orgUnit,
});
export type StoredSession = z.infer<typeof storedSession>;

const KEY = 'amtsplatz.session';

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The stored session, or null when there is none, it is malformed or it has expired. */
export function loadSession(storage: KeyValueStorage, now: Date = new Date()): StoredSession | null {
  const raw = storage.getItem(KEY);
  if (raw === null) return null;
  let parsed: StoredSession;
  try {
    const r = storedSession.safeParse(JSON.parse(raw));
    if (!r.success) throw new Error('malformed');
    parsed = r.data;
  } catch {
    storage.removeItem(KEY);
    return null;
  }
  if (Date.parse(parsed.expiresAt) <= now.getTime()) {
    storage.removeItem(KEY);
    return null;
  }
  return parsed;
}

export function saveSession(storage: KeyValueStorage, s: StoredSession): void {
  storage.setItem(KEY, JSON.stringify(s));
}

export function clearSession(storage: KeyValueStorage): void {
  storage.removeItem(KEY);
}
