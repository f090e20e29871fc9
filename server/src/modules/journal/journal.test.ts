import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { JournalResponse, JournalVerification } from '../../../../shared/contracts/http/journal.ts';
import type { Vorgang } from '../../../../shared/domain/vorgang.ts';
import { describeBackends } from '../../../test/backends.ts';
import {
  addVorgang,
  bearer,
  login,
  OE2,
  pushAs,
  TEST_NOW,
  TestClock,
  testApp,
  useSeededDb,
} from '../../../test/harness.ts';
import type { Database } from '../../db/database.ts';

describeBackends('Vorgang journal', (backend) => {
  const getDb = useSeededDb(backend);
  let db: Database;
  let app: FastifyInstance;
  let clock: TestClock;
  let token: string;
  let v: Vorgang;
  beforeEach(async () => {
    db = getDb();
    clock = new TestClock();
    app = await testApp(db, clock);
    token = await login(app, 'sachbearbeiter1');
    v = await addVorgang(db);
  });
  afterEach(async () => {
    await app.close();
  });

  const get = (path: string, vorgangId: string, as = token) =>
    app.inject({ method: 'GET', url: `${path}?vorgangId=${vorgangId}`, headers: bearer(as) });
  const journal = async (): Promise<JournalResponse> => {
    const res = await get('/api/journal', v.id);
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const verify = async (): Promise<JournalVerification> => {
    const res = await get('/api/journal/verify', v.id);
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  /** One push per mutation, each with its own device time (with a UTC offset) and server time. */
  async function pushAt(seq: number, clientTime: string, name: string, args: unknown, clientId: string) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: bearer(token),
      payload: { clientId, mutations: [{ seq, name, args, clientTime }] },
    });
    expect(res.statusCode).toBe(200);
    clock.advance(60_000);
    return res.json<{ results: { status: string }[] }>();
  }

  async function workOnVorgang(): Promise<string> {
    const clientId = randomUUID();
    const noteId = randomUUID();
    await pushAt(1, '2026-11-23T09:58:00.000+01:00', 'claim', { vorgangId: v.id }, clientId);
    await pushAt(
      2,
      '2026-11-23T09:59:00.000+01:00',
      'setWiedervorlage',
      { vorgangId: v.id, date: '2026-12-01' },
      clientId,
    );
    await pushAt(
      3,
      '2026-11-23T10:00:00.000+01:00',
      'changeStatus',
      { vorgangId: v.id, to: 'in_bearbeitung' },
      clientId,
    );
    await pushAt(
      4,
      '2026-11-23T10:01:00.000+01:00',
      'addNote',
      { vorgangId: v.id, noteId, text: ' Rückruf ' },
      clientId,
    );
    return noteId;
  }

  it('journals every accepted mutation in order with device and server time and a verifying chain', async () => {
    const noteId = await workOnVorgang();
    const { events } = await journal();
    const serverTime = (minute: number) => new Date(TEST_NOW.getTime() + minute * 60_000).toISOString();
    expect(events.map(({ hash: _h, prevHash: _p, ...rest }) => rest)).toEqual([
      {
        vorgangId: v.id,
        seq: 1,
        actorId: 'u-sachbearbeiter1',
        action: 'claim',
        deviceTime: '2026-11-23T08:58:00.000Z',
        serverTime: serverTime(0),
        summary: { from: null, to: 'u-sachbearbeiter1' },
      },
      {
        vorgangId: v.id,
        seq: 2,
        actorId: 'u-sachbearbeiter1',
        action: 'setWiedervorlage',
        deviceTime: '2026-11-23T08:59:00.000Z',
        serverTime: serverTime(1),
        summary: { from: null, to: '2026-12-01' },
      },
      {
        vorgangId: v.id,
        seq: 3,
        actorId: 'u-sachbearbeiter1',
        action: 'changeStatus',
        deviceTime: '2026-11-23T09:00:00.000Z',
        serverTime: serverTime(2),
        summary: { from: 'eingegangen', to: 'in_bearbeitung' },
      },
      {
        vorgangId: v.id,
        seq: 4,
        actorId: 'u-sachbearbeiter1',
        action: 'addNote',
        deviceTime: '2026-11-23T09:01:00.000Z',
        serverTime: serverTime(3),
        summary: { noteId, textLength: 'Rückruf'.length },
      },
    ]);
    expect(events[0]?.prevHash).toBe('');
    expect(events[1]?.prevHash).toBe(events[0]?.hash);
    expect(await verify()).toEqual({ ok: true, count: 4 });
  });

  it('journals a rejected mutation as `rejected` with its name and code only, also from another org unit', async () => {
    const clientId = randomUUID();
    await pushAs(app, token, clientId, [{ seq: 1, name: 'claim', args: { vorgangId: v.id } }]);
    const rejected = await pushAs(app, token, clientId, [
      { seq: 2, name: 'changeStatus', args: { vorgangId: v.id, to: 'versandt' } },
    ]);
    expect(rejected.results[0]?.status).toBe('rejected');
    // A clerk of the other org unit tries it too: the owning unit sees the attempt, nothing else changes.
    const foreign = await login(app, 'sachbearbeiter3');
    const [before] = await db.query<{ change_seq: number }>('SELECT change_seq FROM vorgaenge WHERE id = $1', [v.id]);
    await pushAs(app, foreign, randomUUID(), [
      { seq: 1, name: 'addNote', args: { vorgangId: v.id, noteId: randomUUID(), text: 'vertraulich' } },
    ]);
    const [after] = await db.query<{ change_seq: number }>('SELECT change_seq FROM vorgaenge WHERE id = $1', [v.id]);
    expect(after).toEqual(before);
    // An unknown Vorgang has no journal to write to.
    await pushAs(app, token, clientId, [{ seq: 3, name: 'claim', args: { vorgangId: randomUUID() } }]);

    const { events } = await journal();
    expect(
      events.map(({ actorId, action, deviceTime, summary }) => ({ actorId, action, deviceTime, summary })),
    ).toEqual([
      {
        actorId: 'u-sachbearbeiter1',
        action: 'claim',
        deviceTime: TEST_NOW.toISOString(),
        summary: expect.any(Object) as unknown,
      },
      {
        actorId: 'u-sachbearbeiter1',
        action: 'rejected',
        deviceTime: TEST_NOW.toISOString(),
        summary: { mutation: 'changeStatus', code: 'invalid_transition' },
      },
      {
        actorId: 'u-sachbearbeiter3',
        action: 'rejected',
        deviceTime: TEST_NOW.toISOString(),
        summary: { mutation: 'addNote', code: 'not_found' },
      },
    ]);
    expect(JSON.stringify(events)).not.toContain('vertraulich');
    expect(await verify()).toEqual({ ok: true, count: 3 });
  });

  it.each([
    ['summary', `summary = '{"from":"eingegangen","to":"abgeschlossen"}'::jsonb`],
    ['action', `action = 'assign'`],
  ])('reports a tampered %s at exactly that seq', async (_member, set) => {
    await workOnVorgang();
    // The append-only trigger protects against server bugs, not a database owner: disable it.
    await db.exec('ALTER TABLE journal_events DISABLE TRIGGER journal_events_append_only');
    try {
      await db.query(`UPDATE journal_events SET ${set} WHERE vorgang_id = $1 AND seq = 3`, [v.id]);
    } finally {
      await db.exec('ALTER TABLE journal_events ENABLE TRIGGER journal_events_append_only');
    }
    expect(await verify()).toEqual({ ok: false, brokenAt: 3, reason: 'hash_mismatch' });
  });

  it("answers 404 to another org unit's user and to an unknown Vorgang", async () => {
    await workOnVorgang();
    const other = await login(app, 'sachbearbeiter3');
    for (const path of ['/api/journal', '/api/journal/verify']) {
      const res = await get(path, v.id, other);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) as unknown } });
      expect((await get(path, randomUUID())).statusCode).toBe(404);
    }
    const own = await addVorgang(db, { orgUnitId: OE2 });
    expect((await get('/api/journal', own.id, other)).statusCode).toBe(200);
  });

  it('requires a session and a valid vorgangId', async () => {
    expect((await app.inject({ method: 'GET', url: `/api/journal?vorgangId=${v.id}` })).statusCode).toBe(401);
    expect((await get('/api/journal', 'not-a-uuid')).statusCode).toBe(400);
  });

  it('lists the journal endpoints in the OpenAPI document', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    const doc = res.json<{ paths: Record<string, { get?: { operationId: string; parameters: unknown[] } }> }>();
    expect(doc.paths['/api/journal']?.get?.operationId).toBe('journal');
    expect(doc.paths['/api/journal/verify']?.get?.operationId).toBe('journalVerify');
    expect(doc.paths['/api/journal']?.get?.parameters).toContainEqual(
      expect.objectContaining({ name: 'vorgangId', in: 'query', required: true }),
    );
  });
});
