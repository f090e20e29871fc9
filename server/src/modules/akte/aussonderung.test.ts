/*
 * The Aussonderung end to end, on both databases: Akten whose retention ended are offered
 * (0501, XSD-valid, no files), the archive's Bewertung (0502) is checked and recorded, the
 * Akten decided A go over with their files (0503), and after the archive's import
 * confirmation (0506) every Akte of the Prozess is deleted here — rows, journal, bytes — with
 * a deletion record each. Malformed, foreign and replayed answers change nothing; an Akte on
 * offer cannot be reopened.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DEMO_AUTHORITY } from '../../../../shared/bescheid/authority.ts';
import type { AussonderungOverview, AussonderungSummary } from '../../../../shared/contracts/http/aussonderung.ts';
import { describeBackends } from '../../../test/backends.ts';
import {
  addVorgang,
  bearer,
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
import { AUSSONDERUNGSART_LIST } from '../xdomea/codes.ts';
import { unpackXdomeaMessage, type SentXdomeaMessage, type XdomeaParty } from '../xdomea/index.ts';
import { codeElement } from '../xdomea/kopf.ts';
import { replyTo } from '../xdomea/test-fixture.ts';
import { validateXdomea } from '../xdomea/validate.ts';
import { x } from '../xdomea/xml.ts';
import { loadAktenplan } from './aktenplan.ts';
import { readArchivAnswers, type AussonderungDeps } from './aussonderung.ts';
import { dropDirConnector } from './dms.ts';
import { xdomeaAkteId } from './xdomea-records.ts';

const CLERK = 'u-sachbearbeiter1';
const SLOW = { timeout: 90_000 };
const YEAR_MS = 365.25 * 24 * 3600 * 1000;
const ARCHIV: XdomeaParty = {
  kennung: { praefix: 'psw:', behoerdenschluessel: 'L-ARCHIV-99', name: 'Landesarchiv Musterland' },
};
const bewertet = (id: string, art: 'A' | 'V') =>
  x(
    'BewertetesObjekt',
    x('ID', id),
    x('Aussonderungsart', codeElement('Aussonderungsart', art, AUSSONDERUNGSART_LIST)),
  );

describeBackends('Aussonderung', (backend) => {
  const getDb = useSeededDb(backend);
  let db: Database;
  let dir: string;
  let blobs: BlobStore;
  let removeBlobs: () => Promise<void>;
  let app: FastifyInstance;
  let clock: TestClock;

  beforeEach(async () => {
    db = getDb();
    clock = new TestClock();
    dir = await mkdtemp(join(tmpdir(), 'amtsplatz-archiv-'));
    ({ store: blobs, remove: removeBlobs } = await tempBlobStore());
    app = await testApp(db, clock, {
      blobs,
      authority: DEMO_AUTHORITY,
      archiv: dropDirConnector(dir),
      jobs: { autoStart: false },
    });
  });
  afterEach(async () => {
    await app.close();
    await removeBlobs();
    await rm(dir, { recursive: true, force: true });
  });

  const deps = async (): Promise<AussonderungDeps> => ({
    db,
    blobs,
    clock,
    changes: localChangeFeed(),
    verfahren: [],
    aktenplan: await loadAktenplan(),
    authority: DEMO_AUTHORITY,
    connector: dropDirConnector(dir),
  });
  const count = async (sql: string, id: string) =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, [id]))[0]?.n;
  const ausgang = async () => (await readdir(join(dir, 'ausgang'))).sort();
  const overview = async (token: string): Promise<AussonderungOverview> => {
    const res = await app.inject({ method: 'GET', url: '/api/aussonderung', headers: bearer(token) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  /** A dispatched Vorgang with one document of its own, concluded by the clerk. */
  async function closed(text: string) {
    const v = await addVorgang(db, {
      status: 'versandt',
      assigneeId: CLERK,
      versand: { channel: 'post', date: '2026-11-20', recordedAt: '2026-11-20T10:00:00.000Z', recordedBy: CLERK },
    });
    const bytes = new TextEncoder().encode(`%PDF-1.7\n% ${text}\ntrailer <<>>\n%%EOF\n`);
    const blob = await saveBlob(db, blobs, bytes, { maxBytes: 1_000_000 }, clock.now());
    const dokument = {
      id: randomUUID(),
      vorgangId: v.id,
      name: `${text}.pdf`,
      mediaType: 'application/pdf',
      size: blob.size,
      sha256: blob.sha256,
      source: 'antrag' as const,
      uploadedBy: null,
      createdAt: '2026-11-20T08:00:00.000Z',
    };
    await writeTransaction(db, (tx) => insertDokumente(tx, [{ dokument, orgUnitId: v.orgUnitId }]));
    const clerk = await login(app, 'sachbearbeiter1');
    const res = await pushAs(app, clerk, randomUUID(), [
      { seq: 1, name: 'verfuegeZda', args: { vorgangId: v.id, grund: 'bescheid_versandt', begruendung: null } },
    ]);
    expect(res.results[0]).toMatchObject({ status: 'applied' });
    return { v, dokument };
  }

  /** Two closed Akten, the clock past their retention, and an Aussonderung started and offered. */
  async function offered() {
    const keep = await closed('Archivgut');
    const drop = await closed('Kassandum');
    clock.advance(40 * YEAR_MS);
    const admin = await login(app, 'admin');
    const before = await overview(admin);
    expect(before.faellig.map((f) => f.akteId).sort()).toEqual([keep.v.id, drop.v.id].sort());
    const res = await app.inject({ method: 'POST', url: '/api/aussonderung', headers: bearer(admin), payload: {} });
    expect(res.statusCode, res.body).toBe(200);
    const started: AussonderungSummary = res.json();
    expect(started).toMatchObject({ state: 'angelegt', akten: 2 });
    expect(await jobWorkerOf(app).drain()).toBe(1);
    const [row] = await db.query<{ sent_0501: SentXdomeaMessage; state: string }>(
      'SELECT sent_0501, state FROM aussonderungen WHERE prozess_id = $1',
      [started.prozessId],
    );
    if (!row) throw new Error('no Aussonderung');
    return { keep, drop, admin, prozessId: started.prozessId, sent0501: row.sent_0501, state: row.state };
  }

  it(
    'offers the Akten whose retention ended in an XSD-valid 0501 without files, to the records role only',
    SLOW,
    async () => {
      const { keep, drop, admin, prozessId, state } = await offered();
      expect(state).toBe('angeboten');
      const file = `${prozessId}_Aussonderung.Anbieteverzeichnis.0501.zip`;
      expect(await ausgang()).toEqual([file]);
      const message = unpackXdomeaMessage(new Uint8Array(await readFile(join(dir, 'ausgang', file))));
      expect(await validateXdomea(message.xml)).toEqual({ ok: true });
      expect(message.files).toEqual([]);
      expect(message.xml).toContain(keep.v.aktenzeichen);
      expect(message.xml).toContain(drop.v.aktenzeichen);
      // Offered once: no longer due, and a second start finds nothing.
      expect((await overview(admin)).faellig).toEqual([]);
      const again = await app.inject({ method: 'POST', url: '/api/aussonderung', headers: bearer(admin), payload: {} });
      expect(again.statusCode).toBe(400);
      // Clerks do not run it; a lead cannot reopen an Akte on offer.
      const clerk = await login(app, 'sachbearbeiter1');
      const forbidden = await app.inject({ method: 'GET', url: '/api/aussonderung', headers: bearer(clerk) });
      expect(forbidden.statusCode).toBe(403);
      const lead = await login(app, 'teamleitung1');
      const reopen = await pushAs(app, lead, randomUUID(), [
        { seq: 1, name: 'wiederaufnehmen', args: { vorgangId: keep.v.id, begruendung: 'Widerspruch' } },
      ]);
      expect(reopen.results[0]).toMatchObject({ status: 'rejected', error: { code: 'conflict' } });
    },
  );

  it(
    'hands over the Akten decided A and, after the archive’s 0506, deletes every Akte of the Prozess',
    SLOW,
    async () => {
      const { keep, drop, prozessId, sent0501 } = await offered();
      const lead = await login(app, 'teamleitung1');
      const clientId = randomUUID();
      const held = await pullAs(app, lead, { clientId });
      const d = await deps();
      const eingang = join(dir, 'eingang');
      const state = async () =>
        (await db.query<{ state: string }>('SELECT state FROM aussonderungen WHERE prozess_id = $1', [prozessId]))[0]
          ?.state;

      // Changing nothing: a Bewertung that leaves an Akte undecided, one from someone else.
      const partial = replyTo(
        'Aussonderung.Bewertungsverzeichnis.0502',
        sent0501,
        [bewertet(xdomeaAkteId(keep.v.id), 'A')],
        {
          absender: ARCHIV,
        },
      );
      await writeFile(join(eingang, `${prozessId}_Aussonderung.Bewertungsverzeichnis.0502.xml`), partial);
      expect(await readArchivAnswers(d)).toBe(0);
      const decisions = [bewertet(xdomeaAkteId(keep.v.id), 'A'), bewertet(xdomeaAkteId(drop.v.id), 'V')];
      const foreign = replyTo('Aussonderung.Bewertungsverzeichnis.0502', sent0501, decisions, {
        absender: { kennung: { praefix: 'psw:', behoerdenschluessel: 'ANDERES', name: 'Anderes Archiv' } },
      });
      await writeFile(join(eingang, `${prozessId}_Aussonderung.Bewertungsverzeichnis.0502.xml`), foreign);
      expect(await readArchivAnswers(d)).toBe(0);
      expect(await state()).toBe('angeboten');
      // Set aside under its name, with the reason beside it (the second replaced the first).
      const grund = await readFile(
        join(eingang, 'fehler', `${prozessId}_Aussonderung.Bewertungsverzeichnis.0502.xml.grund.txt`),
        'utf8',
      );
      expect(grund).toContain('Absender');

      const bewertung = replyTo('Aussonderung.Bewertungsverzeichnis.0502', sent0501, decisions, { absender: ARCHIV });
      expect(await validateXdomea(bewertung)).toEqual({ ok: true });
      await writeFile(join(eingang, `${prozessId}_Aussonderung.Bewertungsverzeichnis.0502.xml`), bewertung);
      expect(await readArchivAnswers(d)).toBe(1);
      expect(await state()).toBe('bewertet');
      // The same Bewertung again: nothing new.
      await writeFile(join(eingang, `${prozessId}_Aussonderung.Bewertungsverzeichnis.0502.xml`), bewertung);
      expect(await readArchivAnswers(d)).toBe(0);

      expect(await jobWorkerOf(app).drain()).toBe(1);
      expect(await state()).toBe('uebergeben');
      const file = `${prozessId}_Aussonderung.Aussonderung.0503.zip`;
      expect(await ausgang()).toContain(file);
      const message = unpackXdomeaMessage(new Uint8Array(await readFile(join(dir, 'ausgang', file))));
      expect(await validateXdomea(message.xml)).toEqual({ ok: true });
      expect(message.xml).toContain(keep.v.aktenzeichen);
      expect(message.xml).not.toContain(drop.v.aktenzeichen);
      expect(message.files.map((f) => message.read(f).length)).toEqual([keep.dokument.size]);
      // Nothing is deleted before the archive confirms.
      expect(await count('vorgaenge WHERE id = $1', keep.v.id)).toBe(1);
      expect(await count('vorgaenge WHERE id = $1', drop.v.id)).toBe(1);

      const [row] = await db.query<{ sent_0503: SentXdomeaMessage }>(
        'SELECT sent_0503 FROM aussonderungen WHERE prozess_id = $1',
        [prozessId],
      );
      if (!row) throw new Error('no 0503 recorded');
      const imported = replyTo(
        'Aussonderung.AussonderungImportBestaetigen.0506',
        row.sent_0503,
        [
          x(
            'AusgesondertesSGO',
            x('IDSGO', xdomeaAkteId(keep.v.id)),
            x('Erfolgreich', '1'),
            x('Archivkennung', 'LA-MU 32/0815'),
          ),
        ],
        { absender: ARCHIV },
      );
      expect(await validateXdomea(imported)).toEqual({ ok: true });
      await writeFile(join(eingang, `${prozessId}_Aussonderung.AussonderungImportBestaetigen.0506.xml`), imported);
      expect(await readArchivAnswers(d)).toBe(1);
      expect(await state()).toBe('importiert');
      await jobWorkerOf(app).drain();
      expect(await state()).toBe('abgeschlossen');

      for (const { v, dokument } of [keep, drop]) {
        expect(await count('vorgaenge WHERE id = $1', v.id)).toBe(0);
        expect(await count('akten WHERE id = $1', v.id)).toBe(0);
        expect(await count('journal_events WHERE vorgang_id = $1', v.id)).toBe(0);
        expect(await count('dokumente WHERE vorgang_id = $1', v.id)).toBe(0);
        expect(await blobs.has(dokument.sha256)).toBe(false);
      }
      const records = await db.query<Record<string, unknown>>(
        'SELECT vorgang_id, anlass, prozess_id, aktenzeichen FROM loeschungen WHERE prozess_id = $1 ORDER BY anlass',
        [prozessId],
      );
      expect(records).toEqual([
        { vorgang_id: keep.v.id, anlass: 'archiviert', prozess_id: prozessId, aktenzeichen: keep.v.aktenzeichen },
        { vorgang_id: drop.v.id, anlass: 'vernichtet', prozess_id: prozessId, aktenzeichen: drop.v.aktenzeichen },
      ]);
      const after = await pullAs(app, lead, { clientId, cursor: held.cursor });
      expect(after.exits.map((e) => `${e.entity}:${e.id}`)).toEqual(
        expect.arrayContaining([`vorgang:${keep.v.id}`, `akte:${drop.v.id}`, `dokument:${keep.dokument.id}`]),
      );
      const admin = await login(app, 'admin');
      expect((await overview(admin)).aussonderungen).toMatchObject([
        { prozessId, state: 'abgeschlossen', akten: 2, archivieren: 1, vernichten: 1, geloescht: 2 },
      ]);
    },
  );

  it('deletes nothing when the archive reports a failed import', SLOW, async () => {
    const { keep, drop, prozessId, sent0501 } = await offered();
    const d = await deps();
    const eingang = join(dir, 'eingang');
    const decisions = [bewertet(xdomeaAkteId(keep.v.id), 'A'), bewertet(xdomeaAkteId(drop.v.id), 'V')];
    await writeFile(
      join(eingang, `${prozessId}_Aussonderung.Bewertungsverzeichnis.0502.xml`),
      replyTo('Aussonderung.Bewertungsverzeichnis.0502', sent0501, decisions, { absender: ARCHIV }),
    );
    expect(await readArchivAnswers(d)).toBe(1);
    await jobWorkerOf(app).drain();
    const [row] = await db.query<{ sent_0503: SentXdomeaMessage }>(
      'SELECT sent_0503 FROM aussonderungen WHERE prozess_id = $1',
      [prozessId],
    );
    if (!row) throw new Error('no 0503 recorded');
    const failed = replyTo(
      'Aussonderung.AussonderungImportBestaetigen.0506',
      row.sent_0503,
      [
        x(
          'AusgesondertesSGO',
          x('IDSGO', xdomeaAkteId(keep.v.id)),
          x('Erfolgreich', '0'),
          x('Fehlermeldung', 'Prüfsumme falsch'),
        ),
      ],
      { absender: ARCHIV },
    );
    await writeFile(join(eingang, `${prozessId}_Aussonderung.AussonderungImportBestaetigen.0506.xml`), failed);
    expect(await readArchivAnswers(d)).toBe(1);
    await jobWorkerOf(app).drain();
    const [s] = await db.query<{ state: string; grund: string }>(
      'SELECT state, grund FROM aussonderungen WHERE prozess_id = $1',
      [prozessId],
    );
    expect(s).toEqual({ state: 'fehler', grund: 'Prüfsumme falsch' });
    expect(await count('vorgaenge WHERE id = $1', keep.v.id)).toBe(1);
    expect(await count('vorgaenge WHERE id = $1', drop.v.id)).toBe(1);
    // Its Akten are free again for the next Aussonderung.
    const admin = await login(app, 'admin');
    expect((await overview(admin)).faellig).toHaveLength(2);
  });
});
