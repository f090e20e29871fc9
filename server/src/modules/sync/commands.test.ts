import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeBackends } from '../../../test/backends.ts';
import {
  addVorgang,
  bearer,
  login,
  memoHash,
  OE1,
  pullAs,
  pushAs,
  TestClock,
  testApp,
  useSeededDb,
  vorgangRow,
} from '../../../test/harness.ts';
import type { JournalEvent } from '../../../../shared/domain/journal.ts';
import type { Database } from '../../db/database.ts';
import { createUser } from '../auth/users.ts';

describeBackends('command pipeline', (backend) => {
  const getDb = useSeededDb(backend);
  let db: Database;
  let app: FastifyInstance;
  beforeEach(async () => {
    db = getDb();
    app = await testApp(db, new TestClock());
  });
  afterEach(async () => {
    await app.close();
  });

  async function push(token: string, name: string, args: unknown) {
    const [result] = (await pushAs(app, token, randomUUID(), [{ seq: 1, name, args }])).results;
    if (!result) throw new Error('no push result');
    return result;
  }

  it('refuses case work and case data to accounts without a case-work role (intake, admin), in their own org unit too', async () => {
    await createUser(db, {
      username: 'connector',
      displayName: 'Antragsannahme',
      roles: ['registry'],
      orgUnitId: OE1,
      passwordHash: await memoHash('secret-connector'),
    });
    const v = await addVorgang(db);
    for (const token of [await login(app, 'connector', 'secret-connector'), await login(app, 'admin')]) {
      expect(await push(token, 'claim', { vorgangId: v.id })).toMatchObject({
        status: 'rejected',
        error: { code: 'forbidden' },
      });
      expect(await push(token, 'addNote', { vorgangId: v.id, noteId: randomUUID(), text: 'x' })).toMatchObject({
        status: 'rejected',
        error: { code: 'forbidden' },
      });
    }
    expect(await vorgangRow(db, v.id)).toMatchObject({ assigneeId: null, version: v.version });
    // Nor do they pull case data: only the public catalogues.
    for (const token of [await login(app, 'connector', 'secret-connector'), await login(app, 'admin')]) {
      const pulled = await pullAs(app, token, { clientId: randomUUID() });
      expect([...new Set(pulled.changes.map((c) => c.entity))]).toEqual(['orgUnit']);
    }
    const clerk = await login(app, 'sachbearbeiter1');
    expect(await push(clerk, 'claim', { vorgangId: v.id })).toMatchObject({ status: 'applied' });
  });

  it('journals each command with the summary it declares (no free text but what the record must keep)', async () => {
    const v = await addVorgang(db, { assigneeId: 'u-sachbearbeiter1', status: 'in_bearbeitung' });
    const clerk = await login(app, 'sachbearbeiter1');
    const noteId = randomUUID();
    await push(clerk, 'addNote', { vorgangId: v.id, noteId, text: '  Rückruf erbeten  ' });
    await push(clerk, 'editNote', { vorgangId: v.id, noteId, text: 'Rückruf am Montag' });
    await push(clerk, 'setWiedervorlage', { vorgangId: v.id, date: '2026-12-01', note: 'nicht im Journal' });
    const res = await app.inject({ method: 'GET', url: `/api/journal?vorgangId=${v.id}`, headers: bearer(clerk) });
    const events = res.json<{ events: JournalEvent[] }>().events;
    expect(events.map((e) => [e.action, e.summary])).toEqual([
      ['addNote', { noteId, textLength: 'Rückruf erbeten'.length }],
      ['editNote', { noteId, previousText: 'Rückruf erbeten' }],
      ['setWiedervorlage', { from: null, to: '2026-12-01' }],
    ]);
  });
});
