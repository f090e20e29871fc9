/*
 * Abgabe an eine andere Behörde end to end, on both databases: the lead's command makes the
 * Vorgang read-only and writes the delivery job; the job delivers one XSD-valid
 * Abgabe.Abgabe.0401 with every document and then deletes the Vorgang here (rows, journal,
 * bytes), leaving a deletion record without personal data; every client gets the exits, and
 * a later edit is rejected as out of scope. A crash between delivery and record delivers the
 * same file again; the recipient's 0403/0402 are checked before they change anything.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DEMO_AUTHORITY } from '../../../../shared/bescheid/authority.ts';
import { describeBackends } from '../../../test/backends.ts';
import {
  addVorgang,
  login,
  pullAs,
  pushAs,
  tempBlobStore,
  TestClock,
  testApp,
  useSeededDb,
} from '../../../test/harness.ts';
import type { Database } from '../../db/database.ts';
import { writeTransaction } from '../../db/write.ts';
import { saveBlob } from '../blobs/blobs.ts';
import type { BlobStore } from '../blobs/store.ts';
import { insertDokumente } from '../dokumente/store.ts';
import { jobWorkerOf } from '../jobs/index.ts';
import { localChangeFeed } from '../sync/events.ts';
import { unpackXdomeaMessage, type SentXdomeaMessage, type XdomeaParty } from '../xdomea/index.ts';
import { replyTo } from '../xdomea/test-fixture.ts';
import { validateXdomea } from '../xdomea/validate.ts';
import { x } from '../xdomea/xml.ts';
import { abgabeJobHandler, readAbgabeAnswers, type AbgabeDeps } from './abgabe.ts';
import { loadAktenplan } from './aktenplan.ts';
import { dropDirConnector } from './dms.ts';

const CLERK = 'u-sachbearbeiter1';
const SLOW = { timeout: 60_000 };
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n% Abgabe-Test\n');
const EMPFAENGER = { praefix: 'ags:', kennung: '99124000', name: 'Stadt Nachbarstadt' };
const RECIPIENT: XdomeaParty = {
  kennung: { praefix: 'ags:', behoerdenschluessel: '99124000', name: 'Stadt Nachbarstadt' },
};

describeBackends('Abgabe an eine andere Behörde', (backend) => {
  const getDb = useSeededDb(backend);
  let db: Database;
  let dir: string;
  let blobs: BlobStore;
  let removeBlobs: () => Promise<void>;
  let app: FastifyInstance;
  let lead: string;
  let clerk: string;
  const clock = new TestClock();

  beforeEach(async () => {
    db = getDb();
    dir = await mkdtemp(join(tmpdir(), 'amtsplatz-abgabe-'));
    ({ store: blobs, remove: removeBlobs } = await tempBlobStore());
    app = await testApp(db, clock, {
      blobs,
      authority: DEMO_AUTHORITY,
      abgabe: dropDirConnector(dir),
      jobs: { autoStart: false },
    });
    lead = await login(app, 'teamleitung1');
    clerk = await login(app, 'sachbearbeiter1');
  });
  afterEach(async () => {
    await app.close();
    await removeBlobs();
    await rm(dir, { recursive: true, force: true });
  });

  const deps = async (): Promise<AbgabeDeps> => ({
    db,
    blobs,
    clock,
    changes: localChangeFeed(),
    verfahren: [],
    aktenplan: await loadAktenplan(),
    authority: DEMO_AUTHORITY,
    connector: dropDirConnector(dir),
  });
  const ausgang = async () => (await readdir(join(dir, 'ausgang'))).sort();
  const count = async (sql: string, id: string) =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, [id]))[0]?.n;

  /** A Vorgang in work with one document and one note, handed over by the lead through push. */
  async function handedOver() {
    const v = await addVorgang(db, { status: 'in_bearbeitung', assigneeId: CLERK });
    const blob = await saveBlob(db, blobs, PDF, { maxBytes: 1_000_000 }, clock.now());
    const dokument = {
      id: randomUUID(),
      vorgangId: v.id,
      name: 'Lageplan.pdf',
      mediaType: 'application/pdf',
      size: blob.size,
      sha256: blob.sha256,
      source: 'antrag' as const,
      uploadedBy: null,
      createdAt: '2026-11-20T08:00:00.000Z',
    };
    await writeTransaction(db, (tx) => insertDokumente(tx, [{ dokument, orgUnitId: v.orgUnitId }]));
    const noted = await pushAs(app, clerk, randomUUID(), [
      { seq: 1, name: 'addNote', args: { vorgangId: v.id, noteId: randomUUID(), text: 'Zuständig ist Nachbarstadt' } },
    ]);
    expect(noted.results[0]).toMatchObject({ status: 'applied' });
    const clientId = randomUUID();
    const before = await pullAs(app, lead, { clientId });
    expect(before.changes.some((c) => c.entity === 'vorgang' && c.value.id === v.id)).toBe(true);
    const res = await pushAs(app, lead, clientId, [
      {
        seq: 1,
        name: 'abgebenAnBehoerde',
        args: { vorgangId: v.id, empfaenger: EMPFAENGER, begruendung: 'Wohnsitz liegt in Nachbarstadt' },
      },
    ]);
    expect(res.results[0]).toMatchObject({ status: 'applied' });
    const [abgabe] = await db.query<{ prozess_id: string; state: string }>(
      'SELECT prozess_id, state FROM abgaben WHERE vorgang_id = $1',
      [v.id],
    );
    if (!abgabe) throw new Error('no Abgabe recorded');
    return { v, dokument, prozessId: abgabe.prozess_id, state: abgabe.state, clientId, cursor: before.cursor };
  }

  it(
    'makes the Vorgang read-only at once, delivers an XSD-valid 0401 and then deletes the Vorgang here',
    SLOW,
    async () => {
      const { v, dokument, prozessId, state, clientId, cursor } = await handedOver();
      expect(state).toBe('vorbereitet');
      expect((await db.query<{ status: string }>('SELECT status FROM vorgaenge WHERE id = $1', [v.id]))[0]).toEqual({
        status: 'abgegeben',
      });
      // Read-only from now on: the clerk's edit is refused, with the reason.
      const edit = await pushAs(app, clerk, randomUUID(), [
        { seq: 1, name: 'addNote', args: { vorgangId: v.id, noteId: randomUUID(), text: 'noch etwas' } },
      ]);
      expect(edit.results[0]).toMatchObject({ status: 'rejected', error: { code: 'out_of_scope' } });

      expect(await jobWorkerOf(app).drain()).toBeGreaterThanOrEqual(1);
      const file = `${prozessId}_Abgabe.Abgabe.0401.zip`;
      expect(await ausgang()).toEqual([file]);
      const message = unpackXdomeaMessage(new Uint8Array(await readFile(join(dir, 'ausgang', file))));
      expect(await validateXdomea(message.xml)).toEqual({ ok: true });
      expect(message).toMatchObject({ prozessId, nachrichtentyp: 'Abgabe.Abgabe.0401' });
      expect(message.xml).toContain(v.aktenzeichen);
      expect(message.xml).toContain('99124000');
      expect(message.files.map((f) => message.read(f).length)).toEqual([PDF.length]);

      // Gone here, down to the journal and the bytes; the deletion record names no person.
      for (const table of ['vorgaenge WHERE id = $1', 'akten WHERE vorgang_id = $1', 'notes WHERE vorgang_id = $1']) {
        expect(await count(table, v.id), table).toBe(0);
      }
      expect(await count('dokumente WHERE vorgang_id = $1', v.id)).toBe(0);
      expect(await count('journal_events WHERE vorgang_id = $1', v.id)).toBe(0);
      const [record] = await db.query<Record<string, unknown>>('SELECT * FROM loeschungen WHERE vorgang_id = $1', [
        v.id,
      ]);
      expect(record).toMatchObject({
        aktenzeichen: v.aktenzeichen,
        anlass: 'abgabe',
        prozess_id: prozessId,
        dokumente: 1,
      });
      expect(JSON.stringify(record)).not.toMatch(/Mustermann|Erika|Hauptstr|Lageplan/);
      expect((await db.query('SELECT state FROM abgaben WHERE prozess_id = $1', [prozessId]))[0]).toEqual({
        state: 'uebermittelt',
      });
      // The document's own bytes go (the hand-over copy stays until the recipient confirms).
      await jobWorkerOf(app).drain();
      expect(await blobs.has(dokument.sha256)).toBe(false);
      expect(await count('blobs WHERE sha256 = $1', dokument.sha256)).toBe(0);

      // The lead's client, and the clerk's, drop it with everything on it.
      const after = await pullAs(app, lead, { clientId, cursor });
      const exits = after.exits.map((e) => `${e.entity}:${e.id}`);
      expect(exits).toEqual(expect.arrayContaining([`vorgang:${v.id}`, `akte:${v.id}`, `dokument:${dokument.id}`]));
      expect(exits.some((e) => e.startsWith('note:'))).toBe(true);
      expect(after.changes.some((c) => 'id' in c.value && c.value.id === v.id)).toBe(false);
      // A fresh client never sees it; an offline edit arriving later is rejected, not lost.
      const fresh = await pullAs(app, clerk, { clientId: randomUUID() });
      expect(fresh.changes.some((c) => c.entity === 'vorgang' && c.value.id === v.id)).toBe(false);
      const late = await pushAs(app, clerk, randomUUID(), [
        { seq: 1, name: 'addNote', args: { vorgangId: v.id, noteId: randomUUID(), text: 'offline geschrieben' } },
      ]);
      expect(late.results[0]).toMatchObject({ status: 'rejected', error: { code: 'out_of_scope' } });
    },
  );

  it('delivers the very same file again when the server died between delivery and record', SLOW, async () => {
    const { v, prozessId } = await handedOver();
    const d = await deps();
    let failures = 1;
    const flaky: AbgabeDeps = {
      ...d,
      connector: {
        ...d.connector,
        async deliver(name, bytes) {
          await d.connector.deliver(name, bytes);
          if (failures-- > 0) throw new Error('crash after delivery');
        },
      },
    };
    const handler = abgabeJobHandler(flaky);
    const signal = new AbortController().signal;
    await expect(handler.run({ db, clock, jobId: 1, attempt: 1, signal }, { prozessId })).rejects.toThrow('crash');
    const file = join(dir, 'ausgang', `${prozessId}_Abgabe.Abgabe.0401.zip`);
    const first = await readFile(file);
    expect(await count('vorgaenge WHERE id = $1', v.id)).toBe(1);
    await handler.run({ db, clock, jobId: 1, attempt: 2, signal }, { prozessId });
    expect(await ausgang()).toEqual([`${prozessId}_Abgabe.Abgabe.0401.zip`]);
    expect((await readFile(file)).equals(first)).toBe(true);
    expect(await count('vorgaenge WHERE id = $1', v.id)).toBe(0);
    // Done: a third run changes nothing.
    await handler.run({ db, clock, jobId: 1, attempt: 3, signal }, { prozessId });
    expect(await count('loeschungen WHERE vorgang_id = $1', v.id)).toBe(1);
  });

  it('reads the recipient’s receipt and import confirmation and sets aside answers that do not fit', SLOW, async () => {
    const { prozessId } = await handedOver();
    await jobWorkerOf(app).drain();
    const [row] = await db.query<{ sent: SentXdomeaMessage; zip_sha256: string }>(
      'SELECT sent, zip_sha256 FROM abgaben WHERE prozess_id = $1',
      [prozessId],
    );
    if (!row) throw new Error('no Abgabe');
    expect(await blobs.has(row.zip_sha256)).toBe(true);
    const eingang = join(dir, 'eingang');
    const d = await deps();
    const state = async () =>
      (await db.query<{ state: string }>('SELECT state FROM abgaben WHERE prozess_id = $1', [prozessId]))[0]?.state;

    const receipt = replyTo('Abgabe.EmpfangBestaetigen.0403', row.sent, [], { absender: RECIPIENT });
    expect(await validateXdomea(receipt)).toEqual({ ok: true });
    await writeFile(join(eingang, `${prozessId}_Abgabe.EmpfangBestaetigen.0403.xml`), receipt);
    // Changing nothing: an unknown Prozess, malformed XML, an answer from someone else.
    await writeFile(join(eingang, `${randomUUID()}_Abgabe.ImportBestaetigen.0402.xml`), receipt);
    await writeFile(join(eingang, `${prozessId}_Abgabe.ImportBestaetigen.0402.xml`), '<kaputt');
    expect(await readAbgabeAnswers(d)).toBe(1);
    expect(await state()).toBe('empfangen');
    expect((await readdir(join(eingang, 'fehler'))).filter((n) => n.endsWith('.grund.txt'))).toHaveLength(2);

    const vorgangId = row.sent.objekte.find((o) => o.typ === 'Vorgang')?.id ?? '';
    const foreign = replyTo(
      'Abgabe.ImportBestaetigen.0402',
      row.sent,
      [x('AbgegebenesObjekt', x('IDSGO', vorgangId), x('Erfolgreich', '1'))],
      { absender: { kennung: { praefix: 'ags:', behoerdenschluessel: '11111111', name: 'Fremd' } } },
    );
    await writeFile(join(eingang, `${prozessId}_Abgabe.ImportBestaetigen.0402.xml`), foreign);
    expect(await readAbgabeAnswers(d)).toBe(0);
    expect(await state()).toBe('empfangen');

    const imported = replyTo(
      'Abgabe.ImportBestaetigen.0402',
      row.sent,
      [x('AbgegebenesObjekt', x('IDSGO', vorgangId), x('Erfolgreich', '1'))],
      { absender: RECIPIENT },
    );
    expect(await validateXdomea(imported)).toEqual({ ok: true });
    await writeFile(join(eingang, `${prozessId}_Abgabe.ImportBestaetigen.0402.xml`), imported);
    expect(await readAbgabeAnswers(d)).toBe(1);
    expect(await state()).toBe('importiert');
    // The recipient holds the record now: the hand-over copy is released.
    await jobWorkerOf(app).drain();
    expect(await blobs.has(row.zip_sha256)).toBe(false);
    // The same answer again changes nothing.
    await writeFile(join(eingang, `${prozessId}_Abgabe.ImportBestaetigen.0402.xml`), imported);
    expect(await readAbgabeAnswers(d)).toBe(0);
  });

  it('refuses the Abgabe to a clerk, and where no connector for Abgaben is configured', SLOW, async () => {
    const v = await addVorgang(db, { status: 'in_bearbeitung', assigneeId: CLERK });
    const args = { vorgangId: v.id, empfaenger: EMPFAENGER, begruendung: 'nicht zuständig' };
    const byClerk = await pushAs(app, clerk, randomUUID(), [{ seq: 1, name: 'abgebenAnBehoerde', args }]);
    expect(byClerk.results[0]).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    const bare = await testApp(db, clock, { blobs, authority: DEMO_AUTHORITY, jobs: false });
    try {
      const token = await login(bare, 'teamleitung1');
      const res = await pushAs(bare, token, randomUUID(), [{ seq: 1, name: 'abgebenAnBehoerde', args }]);
      expect(res.results[0]).toMatchObject({ status: 'rejected', error: { code: 'validation_failed' } });
    } finally {
      await bare.close();
    }
    expect((await db.query('SELECT status FROM vorgaenge WHERE id = $1', [v.id]))[0]).toEqual({
      status: 'in_bearbeitung',
    });
    expect(await count('abgaben WHERE vorgang_id = $1', v.id)).toBe(0);
  });

  it('refuses to delete a Vorgang, its documents or its journal without a deletion record', SLOW, async () => {
    const { v } = await handedOver();
    for (const sql of [
      'DELETE FROM journal_events WHERE vorgang_id = $1',
      'DELETE FROM dokumente WHERE vorgang_id = $1',
      'DELETE FROM notes WHERE vorgang_id = $1',
      'DELETE FROM akten WHERE vorgang_id = $1',
    ]) {
      await expect(db.query(sql, [v.id]), sql).rejects.toThrow();
    }
    await expect(db.query(`UPDATE vorgaenge SET status = 'in_bearbeitung' WHERE id = $1`, [v.id])).rejects.toThrow(
      'read-only',
    );
    expect(await count('journal_events WHERE vorgang_id = $1', v.id)).toBeGreaterThan(0);
  });
});
