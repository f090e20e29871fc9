import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** argon2id (the library default) with its default cost: m=19 MiB, t=2, p=1 (OWASP minimum). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against the stored hash, or against a throw-away hash when the user is unknown,
 * so that unknown and known usernames take about the same time to reject.
 */
export async function verifyPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  dummyHash ??= hashPassword(randomBytes(32).toString('base64url'));
  const target = storedHash ?? (await dummyHash);
  try {
    return (await verify(target, password)) && storedHash !== undefined;
  } catch {
    // A malformed stored hash must not let anyone in; it just fails like a wrong password.
    return false;
  }
}
