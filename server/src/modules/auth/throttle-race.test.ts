import type { FastifyInstance } from 'fastify';
import { afterEach, expect, it } from 'vitest';
import { describeBackends } from '../../../test/backends.ts';
import { TestClock, testApp, useSeededDb } from '../../../test/harness.ts';

/** Findings of the attacker's probe run on the login throttle (limit: 5 failures per window). */
describeBackends('login throttle under attack', (backend) => {
  const getDb = useSeededDb(backend);
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('checks exactly 5 of 20 concurrent wrong guesses for one user', { timeout: 60_000 }, async () => {
    app = await testApp(getDb(), new TestClock());
    const a = app;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        a.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'sachbearbeiter1', password: `falsch-${i}` },
        }),
      ),
    );
    const checked = answers.filter((r) => r.statusCode === 401).length;
    expect(answers.every((r) => r.statusCode === 401 || r.statusCode === 429)).toBe(true);
    // Serialised per username: the first five are checked, however the requests interleave.
    expect(checked).toBe(5);
    // Refused attempts were no guesses: the count stays at the checked ones.
    const [row] = await getDb().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM login_failures WHERE username = 'sachbearbeiter1'`,
    );
    expect(row?.n).toBe(checked);
  });

  it(
    'behind the reverse proxy, a spoofed left-most X-Forwarded-For does not reset the per-IP count',
    { timeout: 60_000 },
    async () => {
      app = await testApp(getDb(), new TestClock(), { trustProxy: true });
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          // The client writes the first entry; the proxy appends the address it saw.
          headers: { 'x-forwarded-for': `10.0.0.${i}, 203.0.113.7` },
          payload: { username: `niemand${i}`, password: 'falsch' },
        });
        statuses.push(res.statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    },
  );
});
