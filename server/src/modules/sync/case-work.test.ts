import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { JournalEvent } from '../../../../shared/domain/journal.ts';
import { describeBackends } from '../../../test/backends.ts';
import {
  addVorgang,
  bearer,
  login,
  OE2,
  pullAs,
  pushAs,
  TEST_NOW,
  TestClock,
  testApp,
  testVerfahren,
  useSeededDb,
  vorgangRow,
  type TestMutation,
} from '../../../test/harness.ts';
import type { Database } from '../../db/database.ts';
import { createUser } from '../auth/users.ts';

describeBackends('case work through sync', (backend) => {
  const getDb = useSeededDb(backend);
  let db: Database;
  let app: FastifyInstance;
  let anna: string;
  beforeEach(async () => {
    db = getDb();
    app = await testApp(db, new TestClock());
    anna = await login(app, 'sachbearbeiter1');
  });
  afterEach(async () => {
    await app.close();
  });

  /** Each mutation in its own push under a fresh client (seq 1), so every result is visible. */
  async function push(token: string, name: string, args: unknown) {
    const res = await pushAs(app, token, randomUUID(), [{ seq: 1, name, args }]);
    const [result] = res.results;
    if (!result) throw new Error('no push result');
    return result;
  }

  async function journalOf(vorgangId: string): Promise<JournalEvent[]> {
    const res = await app.inject({ method: 'GET', url: `/api/journal?vorgangId=${vorgangId}`, headers: bearer(anna) });
    return res.json<{ events: JournalEvent[] }>().events;
  }

  async function uploadBlob(body: Buffer, token = anna): Promise<string> {
    const hash = createHash('sha256').update(body).digest('hex');
    const res = await app.inject({
      method: 'PUT',
      url: `/api/blobs?sha256=${hash}`,
      headers: { ...bearer(token), 'content-type': 'application/octet-stream' },
      body,
    });
    expect(res.statusCode).toBe(200);
    return hash;
  }

  it('gates entscheidungsreif on a complete Prüfliste, journals the refusal, and accepts once decided', async () => {
    const verfahren = (await testVerfahren()).find((v) => v.id === 'bewohnerparkausweis');
    const template = verfahren?.pruefliste;
    if (!template) throw new Error('bewohnerparkausweis has no Prüfliste');
    const v = await addVorgang(db, {
      assigneeId: 'u-sachbearbeiter1',
      status: 'in_bearbeitung',
      prueflisteVersion: template.version,
    });

    // A forged push, as if the client had skipped its own check.
    const forged = await push(anna, 'changeStatus', { vorgangId: v.id, to: 'entscheidungsreif' });
    expect(forged).toMatchObject({ status: 'rejected', error: { code: 'pruefliste_incomplete' } });
    expect((await vorgangRow(db, v.id)).status).toBe('in_bearbeitung');
    expect((await journalOf(v.id)).map((e) => [e.action, e.summary])).toEqual([
      ['rejected', { mutation: 'changeStatus', code: 'pruefliste_incomplete' }],
    ]);

    // Without Antragsdaten every rule is in error: the clerk overrides rules and decides the rest.
    const mutations: TestMutation[] = template.items.map((item, i) =>
      item.kind === 'manual'
        ? {
            seq: i + 1,
            name: 'decidePruefItem',
            args: { vorgangId: v.id, itemId: item.id, decision: { decision: 'ok', note: `geprüft ${i}` } },
          }
        : {
            seq: i + 1,
            name: 'overridePruefRule',
            args: { vorgangId: v.id, itemId: item.id, override: { decision: 'ok', reason: 'Nachweis liegt vor' } },
          },
    );
    const decided = await pushAs(app, anna, randomUUID(), mutations);
    expect(decided.results.every((r) => r.status === 'applied')).toBe(true);
    expect(await push(anna, 'changeStatus', { vorgangId: v.id, to: 'entscheidungsreif' })).toEqual({
      seq: 1,
      status: 'applied',
    });
    const row = await vorgangRow(db, v.id);
    expect(row.status).toBe('entscheidungsreif');
    expect(Object.keys(row.pruefliste.manual).length + Object.keys(row.pruefliste.overrides).length).toBe(
      template.items.length,
    );

    const events = await journalOf(v.id);
    const firstManual = template.items.findIndex((item) => item.kind === 'manual');
    const firstRule = template.items.findIndex((item) => item.kind === 'rule');
    expect(events[1 + firstManual]?.summary).toEqual({
      itemId: template.items[firstManual]?.id,
      decision: 'ok',
      note: `geprüft ${firstManual}`,
    });
    expect(events[1 + firstRule]?.summary).toEqual({
      itemId: template.items[firstRule]?.id,
      decision: 'ok',
      reason: 'Nachweis liegt vor',
    });
    expect(events.at(-1)).toMatchObject({
      action: 'changeStatus',
      summary: { from: 'in_bearbeitung', to: 'entscheidungsreif' },
    });
  });

  it('journals what the record must keep: previous note texts, Nachforderung dates, takeovers, documents', async () => {
    const v = await addVorgang(db, { assigneeId: 'u-sachbearbeiter1', status: 'in_bearbeitung' });
    const noteId = randomUUID();
    expect((await push(anna, 'addNote', { vorgangId: v.id, noteId, text: 'Erster Stand' })).status).toBe('applied');
    expect((await push(anna, 'editNote', { vorgangId: v.id, noteId, text: 'Zweiter Stand' })).status).toBe('applied');
    expect((await push(anna, 'deleteNote', { vorgangId: v.id, noteId })).status).toBe('applied');
    const request = await push(anna, 'requestNachforderung', {
      vorgangId: v.id,
      frist: '2026-12-14',
      text: 'Bitte Meldebescheinigung nachreichen',
    });
    expect(request.status).toBe('applied');
    const hash = await uploadBlob(Buffer.from('%PDF-1.7 Meldebescheinigung'));
    const dokumentId = randomUUID();
    const added = await push(anna, 'addDokument', {
      vorgangId: v.id,
      dokumentId,
      name: 'Meldebescheinigung-Mustermann.pdf',
      mediaType: 'application/pdf',
      size: 27,
      sha256: hash,
    });
    expect(added.status).toBe('applied');
    const joerg = await login(app, 'sachbearbeiter2');
    expect((await push(joerg, 'takeOver', { vorgangId: v.id, fromAssigneeId: 'u-sachbearbeiter1' })).status).toBe(
      'applied',
    );

    const events = await journalOf(v.id);
    expect(events.map((e) => [e.action, e.summary])).toEqual([
      ['addNote', { noteId, textLength: 'Erster Stand'.length }],
      ['editNote', { noteId, previousText: 'Erster Stand' }],
      ['deleteNote', { noteId, previousText: 'Zweiter Stand' }],
      ['requestNachforderung', { frist: '2026-12-14', from: 'in_bearbeitung', to: 'wartet' }],
      ['addDokument', { dokumentId, sha256: hash, size: 27, mediaType: 'application/pdf' }],
      ['takeOver', { from: 'u-sachbearbeiter1', to: 'u-sachbearbeiter2' }],
    ]);
    // The Nachforderung's letter and the file name stay out of the journal.
    const text = JSON.stringify(events);
    expect(text).not.toContain('Meldebescheinigung nachreichen');
    expect(text).not.toContain('Mustermann');
  });

  it("pulls the org unit's Dokumente, absences and deleted notes, and nothing of another org unit", async () => {
    const own = await addVorgang(db, { assigneeId: 'u-sachbearbeiter1', status: 'in_bearbeitung' });
    const foreign = await addVorgang(db, { orgUnitId: OE2, assigneeId: 'u-sachbearbeiter3' });
    const clientId = randomUUID();
    const start = await pullAs(app, anna, { clientId });

    const png = (tail: string) =>
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(tail)]);
    const hash = await uploadBlob(png('Foto'));
    const dokumentId = randomUUID();
    const doc = { vorgangId: own.id, dokumentId, name: 'Foto.png', mediaType: 'image/png', size: 12, sha256: hash };
    expect((await push(anna, 'addDokument', doc)).status).toBe('applied');
    const absenceId = randomUUID();
    const absence = { absenceId, userId: 'u-sachbearbeiter1', deputyId: 'u-sachbearbeiter2' };
    const set = await push(anna, 'setAbsence', { ...absence, from: '2026-11-23', to: '2026-11-27' });
    expect(set.status).toBe('applied');
    const noteId = randomUUID();
    await push(anna, 'addNote', { vorgangId: own.id, noteId, text: 'wird gelöscht' });
    await push(anna, 'deleteNote', { vorgangId: own.id, noteId });
    const mehmet = await login(app, 'sachbearbeiter3');
    const foreignHash = await uploadBlob(png('fremd'), mehmet);
    const foreignDoc = { ...doc, vorgangId: foreign.id, dokumentId: randomUUID(), size: 13, sha256: foreignHash };
    expect((await push(mehmet, 'addDokument', foreignDoc)).status).toBe('applied');
    const colleague = await createUser(db, {
      username: 'vertretung3',
      displayName: 'Vertretung',
      roles: ['clerk'],
      orgUnitId: OE2,
      passwordHash: 'unused',
    });
    const foreignAbsence = {
      absenceId: randomUUID(),
      userId: 'u-sachbearbeiter3',
      deputyId: colleague.id,
      from: '2026-11-23',
      to: '2026-11-24',
    };
    expect((await push(mehmet, 'setAbsence', foreignAbsence)).status).toBe('applied');

    const pulled = await pullAs(app, anna, { clientId, cursor: start.cursor });
    expect(pulled.changes.map((c) => c.entity)).toEqual(['dokument', 'absence', 'note']);
    expect(pulled.changes[0]?.value).toEqual({
      id: dokumentId,
      vorgangId: own.id,
      name: 'Foto.png',
      mediaType: 'image/png',
      size: 12,
      sha256: hash,
      source: 'upload',
      uploadedBy: 'u-sachbearbeiter1',
      createdAt: TEST_NOW.toISOString(),
    });
    expect(pulled.changes[1]?.value).toMatchObject({ id: absenceId, cancelled: false, createdBy: 'u-sachbearbeiter1' });
    expect(pulled.changes[2]?.value).toMatchObject({ id: noteId, text: '', deletedAt: TEST_NOW.toISOString() });
    // Absences name no Vorgang: no journal event anywhere.
    expect(await db.query(`SELECT 1 FROM journal_events WHERE action LIKE '%Absence'`)).toEqual([]);

    const cancelled = await push(anna, 'cancelAbsence', { absenceId });
    expect(cancelled.status).toBe('applied');
    const next = await pullAs(app, anna, { clientId, cursor: pulled.cursor });
    expect(next.changes).toEqual([
      { entity: 'absence', value: expect.objectContaining({ id: absenceId, cancelled: true }) as unknown },
    ]);
  });

  it("lets the deputy work the absent colleague's Vorgänge while the absence lasts", async () => {
    const v = await addVorgang(db, { assigneeId: 'u-sachbearbeiter1' });
    const joerg = await login(app, 'sachbearbeiter2');
    const change = { vorgangId: v.id, to: 'in_bearbeitung' };
    expect(await push(joerg, 'changeStatus', change)).toMatchObject({ error: { code: 'not_assignee' } });
    const absenceId = randomUUID();
    const absence = { absenceId, userId: 'u-sachbearbeiter1', deputyId: 'u-sachbearbeiter2' };
    // Over already (the server's day is 2026-11-23): still not allowed.
    await push(anna, 'setAbsence', { ...absence, from: '2026-11-16', to: '2026-11-20' });
    expect(await push(joerg, 'changeStatus', change)).toMatchObject({ error: { code: 'not_assignee' } });
    await push(anna, 'setAbsence', { ...absence, absenceId: randomUUID(), from: '2026-11-23', to: '2026-11-23' });
    expect(await push(joerg, 'changeStatus', change)).toEqual({ seq: 1, status: 'applied' });
    expect((await journalOf(v.id)).at(-1)).toMatchObject({ actorId: 'u-sachbearbeiter2', action: 'changeStatus' });
  });
});
