import { describe, expect, it } from 'vitest';
import { login, loginErrorMessage, parseRetryAfter } from './login.ts';

const user = { id: 'u-1', username: 'anna', displayName: 'Anna Schäfer', roles: ['clerk'], orgUnitId: 'oe-1' };

function respond(status: number, body: unknown, headers: Record<string, string> = {}): typeof fetch {
  return () =>
    Promise.resolve(
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } }),
    );
}

describe('login', () => {
  it('returns the session on success', async () => {
    const orgUnit = { id: user.orgUnitId, name: 'Bürgerservice – Team 1' };
    const session = { token: 'tok_0123456789abcdefghijkl', expiresAt: '2026-11-23T18:00:00.000Z', user, orgUnit };
    const r = await login('http://x', 'anna', 'pw', respond(200, session));
    expect(r).toEqual({ ok: true, value: session });
  });

  it('maps wrong credentials', async () => {
    const r = await login(
      'http://x',
      'anna',
      'bad',
      respond(401, { error: { code: 'unauthenticated', message: 'wrong' } }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(loginErrorMessage(r.error)).toEqual({ key: 'login.invalidCredentials' });
  });

  it('reports the wait time of a throttled login', async () => {
    const r = await login(
      'http://x',
      'anna',
      'bad',
      respond(429, { error: { code: 'too_many_requests', message: 'slow down' } }, { 'retry-after': '42' }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(loginErrorMessage(r.error)).toEqual({ key: 'login.throttled', count: 42 });
  });

  it('gives long waits in minutes, rounded up', async () => {
    const r = await login(
      'http://x',
      'anna',
      'bad',
      respond(429, { error: { code: 'too_many_requests', message: 'slow down' } }, { 'retry-after': '896' }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(loginErrorMessage(r.error)).toEqual({ key: 'login.throttledMinutes', count: 15 });
  });

  it('reports an unreachable server', async () => {
    const r = await login('http://x', 'anna', 'pw', () => Promise.reject(new TypeError('Failed to fetch')));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(loginErrorMessage(r.error)).toEqual({ key: 'login.unreachable' });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:01:00 GMT', new Date('2026-11-23T10:00:00Z'))).toBe(60);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('bald')).toBeNull();
  });
});
