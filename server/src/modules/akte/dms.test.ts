/*
 * Filing closed Akten into the DMS through the drop-directory connector, on both databases:
 * the z.d.A. writes the delivery job, the job delivers one XSD-valid FVDaten.SGOAblegen.0605
 * with every document, a crash between delivery and record sends nothing twice, and the DMS's
 * answers (0629, 0630) are checked before they change the Akte's state.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DEMO_AUTHORITY } from '../../../../shared/bescheid/authority.ts';
import type { Akte } from '../../../../shared/domain/akte.ts';
import type { JournalEvent } from '../../../../shared/domain/journal.ts';
import { describeBackends } from '../../../test/backends.ts';
import { addVorgang, login, pushAs, tempBlobStore, TestClock, testApp, useSeededDb } from '../../../test/harness.ts';
import type { Database } from '../../db/database.ts';
import { writeTransaction } from '../../db/write.ts';
import { saveBlob } from '../blobs/blobs.ts';
import type { BlobStore } from '../blobs/store.ts';
import { insertDokumente } from '../dokumente/store.ts';
import { jobWorkerOf } from '../jobs/index.ts';
import { listJobs } from '../jobs/store.ts';
import { journalEvents } from '../journal/store.ts';
import { erfolg, replyTo, rueckgabe } from '../xdomea/test-fixture.ts';
import { unpackXdomeaMessage, type SentXdomeaMessage } from '../xdomea/index.ts';
import { localChangeFeed } from '../sync/events.ts';
import { validateXdomea } from '../xdomea/validate.ts';
import { x } from '../xdomea/xml.ts';
import {
  dmsAblageJobHandler,
  dmsParties,
  dmsProzessId,
  dropDirConnector,
  readDmsAnswers,
  type DmsDeps,
} from './dms.ts';
import { loadAktenplan } from './aktenplan.ts';

const CLERK = 'u-sachbearbeiter1';
const SLOW = { timeout: 60_000 };
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describeBackends('DMS filing through the drop directory', (backend) => {
  const getDb = useSeededDb(backend);
  let db: Database;
  let dir: string;
  let blobs: BlobStore;
  let removeBlobs: () => Promise<void>;
  let app: FastifyInstance;
  let clerk: string;
  const clock = new TestClock();

  beforeEach(async () => {
    db = getDb();
    dir = await mkdtemp(join(tmpdir(), 'amtsplatz-dms-'));
    ({ store: blobs, remove: removeBlobs } = await tempBlobStore());
    app = await testApp(db, clock, {
      blobs,
      authority: DEMO_AUTHORITY,
      dms: dropDirConnector(dir),
      jobs: { autoStart: false },
    });
    clerk = await login(app, 'sachbearbeiter1');
  });
  afterEach(async () => {
    await app.close();
    await removeBlobs();
    await rm(dir, { recursive: true, force: true });
  });

  const deps = async (): Promise<DmsDeps> => ({
    db,
    blobs,
    clock,
    changes: localChangeFeed(),
    verfahren: [],
    aktenplan: await loadAktenplan(),
    authority: DEMO_AUTHORITY,
    connector: dropDirConnector(dir),
  });
  const akte = async (id: string): Promise<Akte> => {
    const [row] = await db.query<{ doc: Akte }>('SELECT doc FROM akten WHERE id = $1', [id]);
    if (!row) throw new Error(`no Akte ${id}`);
    return row.doc;
  };
  const ausgang = async () => (await readdir(join(dir, 'ausgang'))).sort();

  /** A dispatched Vorgang with one document, concluded by the clerk through push. */
  async function concluded() {
    const v = await addVorgang(db, {
      status: 'versandt',
      assigneeId: CLERK,
      versand: { channel: 'post', date: '2026-11-20', recordedAt: '2026-11-20T10:00:00.000Z', recordedBy: CLERK },
    });
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
    const res = await pushAs(app, clerk, randomUUID(), [
      { seq: 1, name: 'verfuegeZda', args: { vorgangId: v.id, grund: 'bescheid_versandt', begruendung: null } },
    ]);
    expect(res.results[0]).toMatchObject({ status: 'applied' });
    return { v, dokument };
  }

  it('delivers one XSD-valid 0605 with every document after z.d.A. and records it as ausstehend', SLOW, async () => {
    const { v, dokument } = await concluded();
    const closed = await akte(v.id);
    expect(await listJobs(db, { limit: 10 })).toMatchObject([
      { kind: 'dms-ablage', idempotencyKey: `${v.id}:${closed.version}`, state: 'pending' },
    ]);
    expect(await jobWorkerOf(app).drain()).toBe(1);

    const prozessId = dmsProzessId(v.id, closed.version);
    expect(await ausgang()).toEqual([`${prozessId}_FVDaten.SGOAblegen.0605.zip`]);
    const zip = new Uint8Array(await readFile(join(dir, 'ausgang', `${prozessId}_FVDaten.SGOAblegen.0605.zip`)));
    const message = unpackXdomeaMessage(zip);
    expect(await validateXdomea(message.xml)).toEqual({ ok: true });
    expect(message).toMatchObject({ prozessId, nachrichtentyp: 'FVDaten.SGOAblegen.0605' });
    expect(message.files).toHaveLength(1);
    expect(message.xml).toContain(v.aktenzeichen);
    expect(message.xml).toContain(DEMO_AUTHORITY.behoerdenkennung?.kennung ?? 'no Behördenkennung');
    expect(message.xml).toContain(dokument.id);

    expect((await akte(v.id)).dms).toMatchObject({ state: 'ausstehend', prozessId, dmsId: null });
    const events = await journalEvents(db, v.id);
    expect(events.filter((e: JournalEvent) => e.action === 'recordDmsAblage').map((e) => e.summary)).toEqual([
      { prozessId, dmsState: 'ausstehend', dmsId: null, reason: null },
    ]);
  });

  it('sends nothing twice when the server dies between delivery and record', SLOW, async () => {
    const { v } = await concluded();
    const d = await deps();
    const handler = dmsAblageJobHandler(d);
    const version = (await akte(v.id)).version;
    const prozessId = dmsProzessId(v.id, version);
    // A run that delivered but died before its record: the file is there, the Akte says nothing.
    await d.connector.deliver(`${prozessId}_FVDaten.SGOAblegen.0605.zip`, new Uint8Array([1, 2, 3]));
    const signal = new AbortController().signal;
    await handler.run({ db, clock, jobId: 1, attempt: 2, signal }, { akteId: v.id, version });
    // The retry replaced it whole under the same name (the same Prozess for the DMS).
    expect(await ausgang()).toEqual([`${prozessId}_FVDaten.SGOAblegen.0605.zip`]);
    const zip = new Uint8Array(await readFile(join(dir, 'ausgang', `${prozessId}_FVDaten.SGOAblegen.0605.zip`)));
    expect(unpackXdomeaMessage(zip).prozessId).toBe(prozessId);
    // Once recorded, another run delivers nothing.
    await rm(join(dir, 'ausgang', `${prozessId}_FVDaten.SGOAblegen.0605.zip`));
    await handler.run({ db, clock, jobId: 1, attempt: 3, signal }, { akteId: v.id, version });
    expect(await ausgang()).toEqual([]);
    expect((await journalEvents(db, v.id)).filter((e) => e.action === 'recordDmsAblage')).toHaveLength(1);
  });

  it('reads the DMS’s receipt and import confirmation, and sets aside answers that do not fit', SLOW, async () => {
    const { v } = await concluded();
    await jobWorkerOf(app).drain();
    const prozessId = (await akte(v.id)).dms?.prozessId ?? '';
    const [row] = await db.query<{ sent: SentXdomeaMessage }>('SELECT sent FROM dms_ablagen WHERE prozess_id = $1', [
      prozessId,
    ]);
    if (!row) throw new Error('no delivery recorded');
    const { empfaenger: dms } = dmsParties(DEMO_AUTHORITY);
    const eingang = join(dir, 'eingang');
    const d = await deps();

    const receipt = replyTo('FVDaten.EmpfangBestaetigen.0629', row.sent, [], { absender: dms });
    await writeFile(join(eingang, `${prozessId}_FVDaten.EmpfangBestaetigen.0629.xml`), receipt);
    // Answers that must change nothing: unknown Prozess, malformed XML.
    await writeFile(join(eingang, `${randomUUID()}_FVDaten.ImportBestaetigen.0630.xml`), receipt);
    await writeFile(join(eingang, `${prozessId}_FVDaten.ImportBestaetigen.0630.xml`), '<nicht-xdomea/>');
    expect(await readDmsAnswers(d)).toBe(1);
    expect((await akte(v.id)).dms).toMatchObject({ state: 'empfangen', prozessId });
    expect((await readdir(join(eingang, 'fehler'))).filter((n) => n.endsWith('.grund.txt'))).toHaveLength(2);
    expect(await readdir(join(eingang, 'verarbeitet'))).toEqual([`${prozessId}_FVDaten.EmpfangBestaetigen.0629.xml`]);

    const imported = replyTo(
      'FVDaten.ImportBestaetigen.0630',
      row.sent,
      [x('ErfolgOderMisserfolg', erfolg(), rueckgabe({ nummer: 1, dmsId: 'd0d0d0d0-1111-4222-8333-444455556666' }))],
      { absender: dms },
    );
    const check = await validateXdomea(imported);
    expect(check).toEqual({ ok: true });
    await writeFile(join(eingang, `${prozessId}_FVDaten.ImportBestaetigen.0630.xml`), imported);
    expect(await readDmsAnswers(d)).toBe(1);
    expect((await akte(v.id)).dms).toMatchObject({
      state: 'abgelegt',
      prozessId,
      dmsId: 'd0d0d0d0-1111-4222-8333-444455556666',
      grund: null,
    });
    expect(await db.query('SELECT state FROM dms_ablagen WHERE prozess_id = $1', [prozessId])).toEqual([
      { state: 'abgelegt' },
    ]);

    // The same answer again (a DMS that resends): nothing new.
    await writeFile(join(eingang, `${prozessId}_FVDaten.ImportBestaetigen.0630.xml`), imported);
    expect(await readDmsAnswers(d)).toBe(0);
    expect((await journalEvents(db, v.id)).filter((e) => e.action === 'recordDmsAblage')).toHaveLength(3);
  });
});
