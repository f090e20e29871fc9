import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeBackends } from '../../../test/backends.ts';
import {
  addVorgang,
  bearer,
  login,
  OE2,
  pullAs,
  pushAs,
  pushPayload,
  TestClock,
  testApp,
  vorgangRow,
  useSeededDb,
} from '../../../test/harness.ts';
import type { Database } from '../../db/database.ts';

describeBackends('sync push and pull', (backend) => {
  const getDb = useSeededDb(backend);
  let db: Database;
  let app: FastifyInstance;
  let crashAfterCommit: boolean;
  beforeEach(async () => {
    db = getDb();
    crashAfterCommit = false;
    app = await testApp(db, new TestClock(), {
      hooks: {
        afterPushCommit: () => {
          if (crashAfterCommit) throw new Error('simulated crash after commit');
        },
      },
    });
  });
  afterEach(async () => {
    await app.close();
  });

  it('applies a push retried after a crash between commit and response exactly once', async () => {
    const v = await addVorgang(db, { assigneeId: 'u-sachbearbeiter1' });
    const token = await login(app, 'sachbearbeiter1');
    const clientId = randomUUID();
    const mutations = [
      { seq: 1, name: 'changeStatus', args: { vorgangId: v.id, to: 'in_bearbeitung' } },
      { seq: 2, name: 'addNote', args: { vorgangId: v.id, noteId: randomUUID(), text: 'Rückruf vereinbart' } },
    ];

    crashAfterCommit = true;
    const crashed = await app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: bearer(token),
      payload: pushPayload(clientId, mutations),
    });
    expect(crashed.statusCode).toBe(500);
    expect(crashed.json<{ error: { code: string } }>().error.code).toBe('internal');

    crashAfterCommit = false;
    const retry = await pushAs(app, token, clientId, mutations);
    expect(retry.results).toEqual([
      { seq: 1, status: 'skipped' },
      { seq: 2, status: 'applied' },
    ]);
    expect(retry.lastMutationSeq).toBe(2);
    const again = await pushAs(app, token, clientId, mutations);
    expect(again.results.map((r) => r.status)).toEqual(['skipped', 'skipped']);

    const row = await vorgangRow(db, v.id);
    expect(row.status).toBe('in_bearbeitung');
    expect(row.version).toBe(2);
    const notes = await db.query('SELECT id FROM notes WHERE vorgang_id = $1', [v.id]);
    expect(notes).toHaveLength(1);
    const pulled = await pullAs(app, token, { clientId });
    expect(pulled.lastMutationSeq).toBe(2);
  });

  it('rejects a forbidden transition, reports it in push and pull, and re-sends the unchanged Vorgang', async () => {
    const v = await addVorgang(db, { assigneeId: 'u-sachbearbeiter1' });
    const token = await login(app, 'sachbearbeiter1');
    const clientId = randomUUID();
    const first = await pullAs(app, token, { clientId });
    const before = await vorgangRow(db, v.id);

    const res = await pushAs(app, token, clientId, [
      { seq: 1, name: 'changeStatus', args: { vorgangId: v.id, to: 'versandt' } },
    ]);
    expect(res.results).toEqual([
      {
        seq: 1,
        status: 'rejected',
        error: { code: 'invalid_transition', message: 'Status change eingegangen → versandt is not allowed' },
      },
    ]);
    expect(res.lastMutationSeq).toBe(1);

    const after = await vorgangRow(db, v.id);
    expect({ ...after, changeSeq: 0 }).toEqual({ ...before, changeSeq: 0 });
    expect(after.changeSeq).toBeGreaterThan(before.changeSeq);

    const next = await pullAs(app, token, { clientId, cursor: first.cursor });
    expect(next.rejections).toEqual([
      expect.objectContaining({ clientId, mutationSeq: 1, name: 'changeStatus', code: 'invalid_transition' }),
    ]);
    expect(next.rejections[0]?.rejectedAt).toBe('2026-11-23T09:00:00.000Z');
    const repulled = next.changes.find((c) => c.entity === 'vorgang' && c.value.id === v.id);
    expect(repulled?.value).toEqual(v);
    expect(next.lastMutationSeq).toBe(1);

    // Delivered once: the following pull has neither the rejection nor the row again.
    const third = await pullAs(app, token, { clientId, cursor: next.cursor });
    expect(third.rejections).toEqual([]);
    expect(third.changes).toEqual([]);
  });

  it('keeps another org unit out: nothing of OE 1 is pulled and a push against it has no effect', async () => {
    const foreign = await addVorgang(db, { assigneeId: null });
    const own = await addVorgang(db, { orgUnitId: OE2, aktenzeichen: '32.10.05-2026/OE2-1' });
    await db.query(
      `INSERT INTO notes (id, vorgang_id, org_unit_id, doc, change_seq) VALUES ($1, $2, $3, $4::jsonb, 999)`,
      [
        randomUUID(),
        foreign.id,
        foreign.orgUnitId,
        JSON.stringify({
          id: randomUUID(),
          vorgangId: foreign.id,
          authorId: 'u-sachbearbeiter1',
          text: 'intern',
          createdAt: '2026-11-20T08:00:00.000Z',
        }),
      ],
    );
    const token = await login(app, 'sachbearbeiter3');
    const clientId = randomUUID();

    const pulled = await pullAs(app, token, { clientId });
    expect(pulled.hasMore).toBe(false);
    const vorgaenge = pulled.changes.filter((c) => c.entity === 'vorgang').map((c) => c.value.id);
    expect(vorgaenge).toEqual([own.id]);
    expect(pulled.changes.filter((c) => c.entity === 'note')).toEqual([]);
    const users = pulled.changes.filter((c) => c.entity === 'user').map((c) => c.value.id);
    expect(users).toEqual(['u-sachbearbeiter3']);

    const before = await vorgangRow(db, foreign.id);
    const res = await pushAs(app, token, clientId, [
      { seq: 1, name: 'claim', args: { vorgangId: foreign.id } },
      { seq: 2, name: 'addNote', args: { vorgangId: foreign.id, noteId: randomUUID(), text: 'eingeschleust' } },
    ]);
    expect(res.results.map((r) => [r.status, r.error?.code])).toEqual([
      ['rejected', 'not_found'],
      ['rejected', 'not_found'],
    ]);
    // No effect at all, not even the touch: the foreign row keeps its change seq.
    expect(await vorgangRow(db, foreign.id)).toEqual(before);
    const notes = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM notes WHERE vorgang_id = $1', [
      foreign.id,
    ]);
    expect(notes[0]?.n).toBe(1);
    const after = await pullAs(app, token, { clientId, cursor: pulled.cursor });
    expect(after.changes).toEqual([]);
    expect(after.rejections.map((r) => r.mutationSeq)).toEqual([1, 2]);
  });

  it('refuses a clientId that belongs to another user', async () => {
    const clientId = randomUUID();
    const anna = await login(app, 'sachbearbeiter1');
    await pullAs(app, anna, { clientId });
    const joerg = await login(app, 'sachbearbeiter2');
    const pull = await app.inject({
      method: 'GET',
      url: `/api/sync/pull?clientId=${clientId}`,
      headers: bearer(joerg),
    });
    expect(pull.statusCode).toBe(403);
    expect(pull.json<{ error: { code: string } }>().error.code).toBe('forbidden');
    const push = await app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: bearer(joerg),
      payload: pushPayload(clientId, [{ seq: 1, name: 'claim', args: { vorgangId: randomUUID() } }]),
    });
    expect(push.statusCode).toBe(403);
  });

  it('pages through all changes: limit, hasMore, monotonic cursor, no duplicates, no gaps', async () => {
    const created: string[] = [];
    for (let i = 0; i < 23; i++) created.push((await addVorgang(db)).id);
    const token = await login(app, 'teamleitung1');
    const clientId = randomUUID();
    // Changes committed between pages must show up too (claims by the lead re-touch rows).
    const seen: string[] = [];
    const users: string[] = [];
    let cursor: string | undefined;
    let previous = -1;
    let pages = 0;
    for (;;) {
      const page = await pullAs(app, token, { clientId, limit: 5, ...(cursor === undefined ? {} : { cursor }) });
      pages += 1;
      expect(page.changes.length).toBeLessThanOrEqual(5);
      expect(Number(page.cursor)).toBeGreaterThan(previous);
      previous = Number(page.cursor);
      cursor = page.cursor;
      for (const c of page.changes) {
        if (c.entity === 'vorgang') seen.push(c.value.id);
        if (c.entity === 'user') users.push(c.value.id);
      }
      if (pages === 2) {
        const claimed = created[0] ?? '';
        await pushAs(app, token, clientId, [{ seq: 1, name: 'claim', args: { vorgangId: claimed } }]);
      }
      if (!page.hasMore) break;
    }
    // Every Vorgang once, plus the claimed one again after its change; every OE 1 user once.
    expect(new Set(seen)).toEqual(new Set(created));
    expect(users.sort()).toEqual(['u-admin', 'u-sachbearbeiter1', 'u-sachbearbeiter2', 'u-teamleitung1']);
    expect(seen).toHaveLength(created.length + 1);
    expect(seen.at(-1)).toBe(created[0]);
    const empty = await pullAs(app, token, { clientId, cursor });
    expect(empty).toMatchObject({ changes: [], hasMore: false, cursor });
  });

  it('takes the author from the session, not from the client, and shares notes within the org unit', async () => {
    const v = await addVorgang(db);
    const [anna, joerg] = [await login(app, 'sachbearbeiter1'), await login(app, 'sachbearbeiter2')];
    const joergClient = randomUUID();
    const start = await pullAs(app, joerg, { clientId: joergClient });
    const noteId = randomUUID();
    const res = await pushAs(app, anna, randomUUID(), [
      { seq: 7, name: 'addNote', args: { vorgangId: v.id, noteId, text: '  Unterlagen vollständig  ' } },
    ]);
    expect(res).toEqual({ results: [{ seq: 7, status: 'applied' }], lastMutationSeq: 7 });
    const pulled = await pullAs(app, joerg, { clientId: joergClient, cursor: start.cursor });
    expect(pulled.changes).toEqual([
      {
        entity: 'note',
        value: {
          id: noteId,
          vorgangId: v.id,
          authorId: 'u-sachbearbeiter1',
          text: 'Unterlagen vollständig',
          createdAt: '2026-11-23T09:00:00.000Z',
          updatedAt: null,
          deletedAt: null,
        },
      },
    ]);
    // A spoofed author in the args is not even accepted by the mutator's schema.
    const spoof = await pushAs(app, anna, randomUUID(), [
      {
        seq: 1,
        name: 'addNote',
        args: { vorgangId: v.id, noteId: randomUUID(), text: 'x', authorId: 'u-teamleitung1' },
      },
    ]);
    expect(spoof.results[0]).toMatchObject({ status: 'rejected', error: { code: 'validation_failed' } });
  });
});
