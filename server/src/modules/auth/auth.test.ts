import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeBackends } from '../../../test/backends.ts';
import { bearer, login, TestClock, testApp, useSeededDb } from '../../../test/harness.ts';
import type { Database } from '../../db/database.ts';
import { memoHash } from '../../../test/harness.ts';
import { hashToken } from './sessions.ts';
import { createUser } from './users.ts';

const loginAs = (app: FastifyInstance, username: string, password: string, ip = '10.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });

describeBackends('auth', (backend) => {
  const getDb = useSeededDb(backend);
  let db: Database;
  let app: FastifyInstance;
  let clock: TestClock;
  beforeEach(async () => {
    db = getDb();
    clock = new TestClock();
    app = await testApp(db, clock, { sessionTtlMs: 60 * 60 * 1000 });
  });
  afterEach(async () => {
    await app.close();
  });

  it('logs in, stores only the token hash, and answers /me', async () => {
    const res = await loginAs(app, 'Sachbearbeiter1', 'demo');
    expect(res.statusCode).toBe(200);
    const session = res.json<{
      token: string;
      expiresAt: string;
      user: { id: string; orgUnitId: string };
      orgUnit: { id: string; name: string };
    }>();
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.expiresAt).toBe(new Date(clock.now().getTime() + 60 * 60 * 1000).toISOString());
    expect(session.user).toMatchObject({ id: 'u-sachbearbeiter1', orgUnitId: 'oe-buergerservice-1' });
    expect(session.orgUnit).toEqual({ id: 'oe-buergerservice-1', name: 'Bürgerservice – Team 1' });
    const stored = await db.query<{ token_hash: string }>('SELECT token_hash FROM sessions');
    expect(stored).toEqual([{ token_hash: hashToken(session.token) }]);
    const [user] = await db.query<{ password_hash: string }>(
      `SELECT password_hash FROM users WHERE username = 'admin'`,
    );
    expect(user?.password_hash).toMatch(/^\$argon2id\$/);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(session.token) });
    expect(me.json()).toMatchObject({ user: { username: 'sachbearbeiter1' } });
  });

  it('rejects wrong passwords and unknown users alike', async () => {
    const wrong = await loginAs(app, 'sachbearbeiter1', 'nope');
    const unknown = await loginAs(app, 'nobody', 'demo');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('throttles after 5 failures per username with Retry-After; a success resets the count', async () => {
    for (let i = 0; i < 4; i++)
      expect((await loginAs(app, 'sachbearbeiter2', 'bad', `10.0.1.${i}`)).statusCode).toBe(401);
    expect((await loginAs(app, 'sachbearbeiter2', 'demo')).statusCode).toBe(200);
    for (let i = 0; i < 5; i++)
      expect((await loginAs(app, 'sachbearbeiter2', 'bad', `10.0.2.${i}`)).statusCode).toBe(401);
    const blocked = await loginAs(app, 'sachbearbeiter2', 'demo', '10.0.3.1');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json<{ error: { code: string } }>().error.code).toBe('too_many_requests');
    expect(Number(blocked.headers['retry-after'])).toBe(15 * 60);
    // Other users are not affected by this username's failures.
    expect((await loginAs(app, 'sachbearbeiter1', 'demo', '10.0.3.1')).statusCode).toBe(200);
    clock.advance(15 * 60 * 1000 + 1000);
    expect((await loginAs(app, 'sachbearbeiter2', 'demo', '10.0.3.1')).statusCode).toBe(200);
  });

  it('throttles a client IP that fails across usernames', async () => {
    for (const name of ['a1', 'a2', 'a3', 'a4', 'a5'])
      expect((await loginAs(app, name, 'x', '10.9.9.9')).statusCode).toBe(401);
    expect((await loginAs(app, 'sachbearbeiter1', 'demo', '10.9.9.9')).statusCode).toBe(429);
    expect((await loginAs(app, 'sachbearbeiter1', 'demo', '10.9.9.10')).statusCode).toBe(200);
  });

  it('refuses an expired token', async () => {
    const token = await login(app, 'sachbearbeiter1');
    clock.advance(60 * 60 * 1000 - 1000);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(200);
    clock.advance(1000);
    const res = await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
    expect(res.statusCode).toBe(401);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('unauthenticated');
  });

  it('refuses a token after logout, and only that token', async () => {
    const a = await login(app, 'sachbearbeiter1');
    const b = await login(app, 'sachbearbeiter1');
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(a) })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(a) })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(a) })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(b) })).statusCode).toBe(200);
  });

  it('keeps demo accounts locked when the server does not run in demo mode', async () => {
    const token = await login(app, 'teamleitung1');
    const production = await testApp(db, clock, { demoMode: false });
    try {
      expect((await loginAs(production, 'teamleitung1', 'demo')).statusCode).toBe(401);
      expect((await production.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(
        401,
      );
    } finally {
      await production.close();
    }
  });

  it('creates real (non-demo) users that log in without demo mode', async () => {
    const input = {
      username: 'Kim',
      displayName: 'Kim Berger',
      roles: ['registry' as const],
      orgUnitId: 'oe-registratur',
      orgUnitName: 'Registratur',
      passwordHash: await memoHash('a long enough secret'),
    };
    const user = await createUser(db, input);
    expect(user).toEqual({
      id: 'u-kim',
      username: 'kim',
      displayName: 'Kim Berger',
      roles: ['registry'],
      orgUnitId: 'oe-registratur',
    });
    await expect(createUser(db, input)).rejects.toThrow('Username "kim" is taken');
    const { orgUnitName: _named, ...unnamed } = input;
    await expect(createUser(db, { ...unnamed, username: 'lea', orgUnitId: 'nope' })).rejects.toThrow(
      'Org unit "nope" does not exist',
    );
    const production = await testApp(db, clock, { demoMode: false });
    try {
      expect((await loginAs(production, 'kim', 'a long enough secret')).statusCode).toBe(200);
    } finally {
      await production.close();
    }
  });
});
