import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeBackends } from '../../../test/backends.ts';
import { addVorgang, bearer, login, TestClock, testApp, useSeededDb } from '../../../test/harness.ts';
import type { Database } from '../../db/database.ts';

const NUL = String.fromCharCode(0);

/** Findings of the attacker's probe run (issue "Production trust"): bad input never wedges sync. */
describeBackends('bad input is refused per mutation, never as a 500', (backend) => {
  const getDb = useSeededDb(backend);
  let db: Database;
  let app: FastifyInstance;
  let clerk: string;
  beforeEach(async () => {
    db = getDb();
    app = await testApp(db, new TestClock());
    clerk = await login(app, 'sachbearbeiter1');
  });
  afterEach(async () => {
    await app.close();
  });

  async function pushRaw(clientId: string, mutations: unknown[]) {
    return app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: bearer(clerk),
      payload: { clientId, mutations },
    });
  }

  it.each([
    ['a NUL in a text', { text: `Rückruf${NUL}` }, 'addNote', '2026-11-23T09:00:00.000Z'],
    ['a lone surrogate in a text', { text: 'Rückruf \ud800' }, 'addNote', '2026-11-23T09:00:00.000Z'],
    ['a NUL in the mutation name', { text: 'ok' }, `addNote${NUL}`, '2026-11-23T09:00:00.000Z'],
    ['a clientTime in year 0', { text: 'ok' }, 'addNote', '0000-01-01T00:00:00Z'],
    ['a clientTime past 9999 after its offset', { text: 'ok' }, 'addNote', '9999-12-31T23:30:00-01:00'],
  ])('%s: that mutation is rejected with a reason and the next one applies', async (_what, extra, name, time) => {
    const v = await addVorgang(db, { assigneeId: 'u-sachbearbeiter1', status: 'in_bearbeitung' });
    const clientId = randomUUID();
    const bad = { seq: 1, name, args: { vorgangId: v.id, noteId: randomUUID(), ...extra }, clientTime: time };
    const good = {
      seq: 2,
      name: 'addNote',
      args: { vorgangId: v.id, noteId: randomUUID(), text: 'Rückruf erbeten' },
      clientTime: '2026-11-23T09:00:00.000Z',
    };
    const res = await pushRaw(clientId, [bad, good]);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ results: { seq: number; status: string; error?: { code: string } }[] }>();
    expect(body.results[0]).toMatchObject({ seq: 1, status: 'rejected' });
    expect(['validation_failed', 'unknown_mutation']).toContain(body.results[0]?.error?.code);
    expect(body.results[1]).toMatchObject({ seq: 2, status: 'applied' });
    // The retry of the whole push skips both: nothing is stuck.
    const retry = await pushRaw(clientId, [bad, good]);
    expect(retry.statusCode).toBe(200);
    expect(retry.json<{ results: { status: string }[] }>().results.map((r) => r.status)).toEqual([
      'skipped',
      'skipped',
    ]);
  });

  it('a pull cursor above bigint is a 400, not a 500', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/sync/pull?clientId=${randomUUID()}&cursor=9999999999999999999`,
      headers: bearer(clerk),
    });
    expect(res.statusCode).toBe(400);
    const ok = await app.inject({
      method: 'GET',
      url: `/api/sync/pull?clientId=${randomUUID()}&cursor=9223372036854775807`,
      headers: bearer(clerk),
    });
    expect(ok.statusCode).toBe(200);
  });

  it('a NUL in the username is a 400 at login, not a 500', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: `sachbearbeiter1${NUL}`, password: 'demo' },
    });
    expect(res.statusCode).toBe(400);
  });
});
