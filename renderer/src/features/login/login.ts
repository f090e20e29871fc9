import { createApiClient, type ApiError } from '../../api/http.ts';
import type { Session } from '../../../../shared/contracts/http/index.ts';
import type { ErrorCode, Result } from '../../../../shared/domain/index.ts';

export interface LoginFailure {
  error: ApiError;
  /** From the Retry-After header of a 429 answer, in seconds. */
  retryAfterSeconds: number | null;
}

/** Seconds from a Retry-After header (delta-seconds or HTTP date); null when absent or unusable. */
export function parseRetryAfter(header: string | null, now: Date = new Date()): number | null {
  if (header === null || header.trim() === '') return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

export async function login(
  serverUrl: string,
  username: string,
  password: string,
  fetchFn: typeof fetch = (...a) => fetch(...a),
): Promise<Result<Session, LoginFailure>> {
  let retryAfter: string | null = null;
  // The typed client reports the error code; the wait time lives in a header it does not expose.
  const recording: typeof fetch = async (...args) => {
    const res = await fetchFn(...args);
    retryAfter = res.headers.get('retry-after');
    return res;
  };
  const api = createApiClient({ baseUrl: serverUrl, getToken: () => null, fetch: recording });
  const r = await api.call('login', { body: { username, password } });
  if (r.ok) return r;
  return { ok: false, error: { error: r.error, retryAfterSeconds: parseRetryAfter(retryAfter) } };
}

export type LoginMessageKey =
  | 'login.invalidCredentials'
  | 'login.throttled'
  | 'login.throttledMinutes'
  | 'login.throttledNoTime'
  | 'login.unreachable'
  | 'login.failed'
  | `errors.${ErrorCode}`;

/** The translation to show for a failed login. */
export function loginErrorMessage(f: LoginFailure): { key: LoginMessageKey; count?: number; reason?: string } {
  switch (f.error.code) {
    case 'unauthenticated':
      return { key: 'login.invalidCredentials' };
    case 'too_many_requests':
      if (f.retryAfterSeconds === null) return { key: 'login.throttledNoTime' };
      // Waits of minutes read better in minutes (rounded up, never promising too early).
      return f.retryAfterSeconds >= 120
        ? { key: 'login.throttledMinutes', count: Math.ceil(f.retryAfterSeconds / 60) }
        : { key: 'login.throttled', count: f.retryAfterSeconds };
    case 'network':
      return { key: 'login.unreachable' };
    case 'aborted':
    case 'invalid_response':
      return { key: 'login.failed', reason: f.error.message };
    default:
      return { key: `errors.${f.error.code}` };
  }
}

/** Revokes the token on the server; failures do not matter (the token is dropped locally anyway). */
export async function logout(serverUrl: string, token: string): Promise<void> {
  const api = createApiClient({ baseUrl: serverUrl, getToken: () => token });
  await api.call('logout');
}
