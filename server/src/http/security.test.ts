import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { backends, openMigrated } from '../../test/backends.ts';
import { bearer, login, seedAccounts, TestClock, testApp } from '../../test/harness.ts';
import type { Database } from '../db/database.ts';
import { MAX_STREAMS_PER_TOKEN } from '../modules/sync/sse.ts';

/** Findings of the attacker's probe run on headers, streams, logs and stalled requests. */
describe('HTTP hardening', () => {
  const [backend] = backends;
  let db: Database | undefined;
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    await db?.close();
    app = undefined;
    db = undefined;
  });

  async function start(options: Parameters<typeof testApp>[2] = {}): Promise<FastifyInstance> {
    if (!backend) throw new Error('no test backend');
    db = await openMigrated(backend);
    await seedAccounts(db);
    app = await testApp(db, new TestClock(), options);
    return app;
  }

  it('API answers with personal data are never cached', { timeout: 30_000 }, async () => {
    const a = await start();
    const token = await login(a, 'sachbearbeiter1');
    const pull = await a.inject({
      method: 'GET',
      url: `/api/sync/pull?clientId=${randomUUID()}`,
      headers: bearer(token),
    });
    expect(pull.statusCode).toBe(200);
    expect(pull.headers['cache-control']).toBe('no-store');
    expect(pull.headers['x-content-type-options']).toBe('nosniff');
    // Errors too: they may echo what was asked for.
    const bad = await a.inject({ method: 'GET', url: '/api/sync/pull?clientId=x', headers: bearer(token) });
    expect(bad.headers['cache-control']).toBe('no-store');
  });

  it(
    'the event stream carries the security headers, and a session gets a bounded number of streams',
    { timeout: 30_000 },
    async () => {
      const a = await start();
      const token = await login(a, 'sachbearbeiter1');
      const base = await a.listen({ port: 0, host: '127.0.0.1' });
      const aborts: AbortController[] = [];
      const open = async () => {
        const abort = new AbortController();
        aborts.push(abort);
        return fetch(`${base}/api/sync/events`, { headers: bearer(token), signal: abort.signal });
      };
      try {
        const first = await open();
        expect(first.status).toBe(200);
        expect(first.headers.get('x-content-type-options')).toBe('nosniff');
        expect(first.headers.get('referrer-policy')).toBe('no-referrer');
        expect(first.headers.get('cache-control')).toContain('no-store');
        for (let i = 1; i < MAX_STREAMS_PER_TOKEN; i++) expect((await open()).status).toBe(200);
        const tooMany = await open();
        expect(tooMany.status).toBe(429);
        // Closing one frees its place.
        aborts[0]?.abort();
        await expect.poll(async () => (await open()).status, { timeout: 5_000 }).toBe(200);
      } finally {
        for (const a of aborts) a.abort();
      }
    },
  );

  it('the request log names paths, never query strings (a Nachreichung’s file name)', { timeout: 30_000 }, async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const a = await start({ logger: { level: 'info', stream } });
    const token = await login(a, 'sachbearbeiter1');
    await a.inject({
      method: 'POST',
      url: `/api/intake/nachreichung?vorgangId=${randomUUID()}&name=Kontoauszug-Erika-Mustermann.pdf&mediaType=application/pdf`,
      headers: { ...bearer(token), 'content-type': 'application/octet-stream' },
      body: Buffer.from('%PDF-1.7'),
    });
    const log = lines.join('');
    expect(log).toContain('/api/intake/nachreichung');
    expect(log).not.toContain('Mustermann');
  });

  it('a request whose body stalls is cut off, and does not hold up shutdown', { timeout: 30_000 }, async () => {
    const a = await start({ timeouts: { requestMs: 1_000, idleMs: 2_000 } });
    const base = new URL(await a.listen({ port: 0, host: '127.0.0.1' }));
    const closed = await new Promise<number>((resolve, reject) => {
      const started = Date.now();
      const socket = connect(Number(base.port), base.hostname, () => {
        socket.write(
          'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"us',
        );
      });
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(Date.now() - started));
      setTimeout(() => reject(new Error('the stalled request was not cut off')), 15_000);
    });
    expect(closed).toBeLessThan(10_000);
  });
});
