/*
 * The full-text search end to end on both databases: the Antragsdaten indexed as the Vorgang
 * is stored, filed documents read by the full-text worker, German word forms, the scope of
 * the searching user, OCR and its absence, broken files, retries, and deletion.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { SearchResponse } from '../../../../shared/contracts/http/search.ts';
import type { User } from '../../../../shared/domain/user.ts';
import type { Vorgang } from '../../../../shared/domain/vorgang.ts';
import { describeBackends } from '../../../test/backends.ts';
import {
  addVorgang,
  bearer,
  login,
  OE1,
  OE2,
  tempBlobStore,
  TestClock,
  testApp,
  useSeededDb,
} from '../../../test/harness.ts';
import { writeTransaction } from '../../db/write.ts';
import { deleteVorgang } from '../akte/loeschung.ts';
import { saveBlob } from '../blobs/blobs.ts';
import type { BlobStore } from '../blobs/store.ts';
import { insertDokumente } from '../dokumente/store.ts';
import { DEMO_USERS } from '../intake/demo-accounts.ts';
import { localChangeFeed } from '../sync/events.ts';
import { grantVorgang, orgGrantee } from '../sync/scopes.ts';
import type { ExtractionTools } from './extract.ts';
import { searchAkten } from './search.ts';
import { requeueExtractions } from './store.ts';
import { antragPdf, FIXTURE_APPLICANT, machineTools, MALFORMED_PDF, scannedPdf } from './test-fixture.ts';
import { createVolltextWorker, MAX_ATTEMPTS } from './worker.ts';

const tools: ExtractionTools = await machineTools();
const user = (username: string): User => {
  const u = DEMO_USERS.find((x) => x.username === username);
  if (!u) throw new Error(`no demo user ${username}`);
  return u;
};
const clerk = user('sachbearbeiter1');
const otherUnit = user('sachbearbeiter3');

let blobs: BlobStore;
let removeBlobs: () => Promise<void>;
let antrag: Uint8Array;
let scan: Uint8Array;
beforeAll(async () => {
  ({ store: blobs, remove: removeBlobs } = await tempBlobStore());
  antrag = await antragPdf();
  scan = await scannedPdf(antrag);
}, 60_000);
afterAll(async () => {
  await removeBlobs();
});

describeBackends('full-text search', (backend) => {
  const db = useSeededDb(backend);
  let clock: TestClock;
  beforeEach(() => {
    clock = new TestClock();
  });

  const worker = (override: Partial<ExtractionTools> = {}) =>
    createVolltextWorker({ db: db(), blobs, clock, tools: async () => ({ ...tools, ...override }), random: () => 0 });

  const vorgang = (patch: Partial<Vorgang> = {}) =>
    addVorgang(db(), {
      aktenzeichen: `32.10.05-2026/${String(Math.floor(Math.random() * 90_000) + 10_000)}`,
      applicant: FIXTURE_APPLICANT,
      antragsdaten: { bewohnerparkzone: 'B', kennzeichen: 'WÜ-AB 1234', hauptwohnsitz: true },
      ...patch,
    });

  /** Files bytes as a Dokument of the Vorgang, as intake does (the trigger asks for the text). */
  const file = async (v: Vorgang, bytes: Uint8Array, name = 'Anlage.pdf') => {
    const blob = await saveBlob(db(), blobs, bytes, { maxBytes: bytes.length }, clock.now());
    const id = randomUUID();
    await writeTransaction(db(), (tx) =>
      insertDokumente(tx, [
        {
          orgUnitId: v.orgUnitId,
          dokument: {
            id,
            vorgangId: v.id,
            name,
            mediaType: 'application/pdf',
            size: blob.size,
            sha256: blob.sha256,
            source: 'antrag',
            uploadedBy: null,
            createdAt: clock.now().toISOString(),
          },
        },
      ]),
    );
    return { id, sha256: blob.sha256 };
  };

  const search = (actor: User, q: string, page: { limit?: number; offset?: number } = {}): Promise<SearchResponse> =>
    searchAkten(db(), actor, { q, limit: page.limit ?? 20, offset: page.offset ?? 0 });
  const marked = (r: SearchResponse) => r.hits.map((h) => h.snippet.filter((s) => s.mark).map((s) => s.text));
  const state = async (sha256: string) =>
    (
      await db().query<{ state: string; reason: string | null }>(
        'SELECT state, reason FROM volltext_dateien WHERE sha256 = $1',
        [sha256],
      )
    )[0];

  it('finds a Vorgang by its applicant and Aktenzeichen from the moment it is stored', async () => {
    const v = await vorgang({ aktenzeichen: '32.10.05-2026/00042' });
    await vorgang({ applicant: { ...FIXTURE_APPLICANT, familyName: 'Sommer' }, aktenzeichen: '32.10.05-2026/00043' });

    const byName = await search(clerk, 'Weißmüller');
    expect(byName.hits).toMatchObject([
      {
        vorgangId: v.id,
        aktenzeichen: v.aktenzeichen,
        applicant: 'Weißmüller, Jörg',
        source: 'antragsdaten',
        dokument: null,
      },
    ]);
    expect(marked(byName)).toEqual([['Weißmüller']]);
    // A fragment of the Aktenzeichen, and the number with its year, as clerks type them.
    expect((await search(clerk, '00042')).hits.map((h) => h.vorgangId)).toEqual([v.id]);
    expect((await search(clerk, '2026/00042')).hits.map((h) => h.vorgangId)).toEqual([v.id]);
    // Two words: both must occur.
    expect((await search(clerk, 'Jörg Sommer')).hits).toHaveLength(1);
    expect((await search(clerk, 'Jörg Lindenallee')).hits).toHaveLength(2);
    // Only stop words, or only a negation: nothing to look for.
    expect((await search(clerk, 'der die das')).hits).toEqual([]);
    expect((await search(clerk, '-Sommer')).hits).toEqual([]);
  });

  it('reads a filed PDF in the background and finds it by German word forms', async () => {
    const v = await vorgang();
    const d = await file(v, antrag, 'Antrag.pdf');
    // Asked for in the filing transaction; not read yet.
    expect((await search(clerk, 'Bahnhofsviertel')).hits.filter((h) => h.source === 'dokument')).toEqual([]);
    expect((await search(clerk, 'Bahnhofsviertel')).notSearchable).toMatchObject({ pending: 1 });

    expect(await worker().drain()).toBe(1);
    expect(await state(d.sha256)).toEqual({ state: 'indexed', reason: null });
    const found = await search(clerk, 'Bahnhofsviertel');
    expect(found.notSearchable).toEqual({ pending: 0, ocrUnavailable: 0, failed: 0, unsupported: 0 });
    expect(found.hits).toMatchObject([
      {
        vorgangId: v.id,
        source: 'dokument',
        dokument: { id: d.id, name: 'Antrag.pdf', mediaType: 'application/pdf', seite: 1, method: 'text_layer' },
      },
    ]);
    expect(marked(found)).toEqual([['Bahnhofsviertel']]);
    // The german configuration stems: "Anträge" finds "Antrag", "Fahrzeuge" finds "Fahrzeug".
    const antraege = await search(clerk, 'Anträge');
    expect(antraege.hits.map((h) => h.dokument?.id)).toEqual([d.id]);
    expect(marked(antraege)[0]).toContain('Antrag');
    expect((await search(clerk, 'Fahrzeuge')).hits.map((h) => h.dokument?.id)).toEqual([d.id]);
    // Words from the Antragsdaten and from the document: both sources, each its own hit.
    expect((await search(clerk, 'Lindenallee')).hits.map((h) => h.source).sort()).toEqual(['antragsdaten', 'dokument']);
  });

  it('finds only what is in the searching user’s scope, grants included', async () => {
    const v = await vorgang({ orgUnitId: OE1 });
    await file(v, antrag);
    await worker().drain();
    expect((await search(clerk, 'Bahnhofsviertel')).hits).toHaveLength(1);
    expect(await search(otherUnit, 'Bahnhofsviertel')).toMatchObject({ hits: [] });
    expect(await search(otherUnit, 'Weißmüller')).toMatchObject({ hits: [] });

    // A grant that shares the Vorgang header shows its Antragsdaten, not its documents.
    await writeTransaction(db(), (tx) => grantVorgang(tx, v.id, orgGrantee(OE2), ['vorgang'], 'Umlauf'));
    expect((await search(otherUnit, 'Lindenallee')).hits.map((h) => h.source)).toEqual(['antragsdaten']);
    await writeTransaction(db(), (tx) => grantVorgang(tx, v.id, orgGrantee(OE2), ['vorgang', 'dokument'], 'Umlauf'));
    expect((await search(otherUnit, 'Lindenallee')).hits.map((h) => h.source).sort()).toEqual([
      'antragsdaten',
      'dokument',
    ]);
  });

  it('reads the same bytes once, however many Vorgänge file them, and pages through the hits', async () => {
    const [a, b, c] = [await vorgang(), await vorgang(), await vorgang()];
    for (const v of [a, b, c]) await file(v, antrag);
    expect(await worker().drain()).toBe(1);
    const first = await search(clerk, 'Bahnhofsviertel', { limit: 2 });
    expect(first).toMatchObject({ hasMore: true });
    const second = await search(clerk, 'Bahnhofsviertel', { limit: 2, offset: 2 });
    expect(second).toMatchObject({ hasMore: false, notSearchable: null });
    expect([...first.hits, ...second.hits].map((h) => h.vorgangId).sort()).toEqual([a.id, b.id, c.id].sort());
  });

  it.runIf(tools.tesseract !== null)('reads a scanned PDF by OCR', async () => {
    const v = await vorgang({ antragsdaten: {}, applicant: { ...FIXTURE_APPLICANT, street: 'Am Markt 1' } });
    const d = await file(v, scan, 'Scan.pdf');
    expect(await worker().drain()).toBe(1);
    expect(await state(d.sha256)).toEqual({ state: 'indexed', reason: null });
    expect((await search(clerk, 'Lindenallee')).hits).toMatchObject([
      { source: 'dokument', dokument: { id: d.id, seite: 1, method: 'ocr' } },
    ]);
  });

  it('marks a scan "OCR nicht verfügbar" without OCR, and reads it once OCR is there', async () => {
    const v = await vorgang({ applicant: { ...FIXTURE_APPLICANT, street: 'Am Markt 1' } });
    const d = await file(v, scan, 'Scan.pdf');
    expect(await worker({ tesseract: null }).drain()).toBe(1);
    expect(await state(d.sha256)).toEqual({ state: 'ocr_unavailable', reason: null });
    const r = await search(clerk, 'Lindenallee');
    expect(r).toMatchObject({ hits: [], notSearchable: { ocrUnavailable: 1, pending: 0 } });
    // A server with OCR (after tesseract-ocr-deu was installed) queues such scans again at start.
    expect(await requeueExtractions(db(), { ocrAvailable: true })).toBe(1);
    expect((await search(clerk, 'Lindenallee')).notSearchable).toMatchObject({ ocrUnavailable: 0, pending: 1 });
  });

  it('records a malformed PDF as failed, and the worker carries on with the next file', async () => {
    const v = await vorgang();
    const broken = await file(v, MALFORMED_PDF, 'kaputt.pdf');
    const good = await file(v, antrag, 'Antrag.pdf');
    expect(await worker().drain()).toBe(2);
    expect(await state(broken.sha256)).toEqual({ state: 'failed', reason: 'unreadable_pdf' });
    const r = await search(clerk, 'Bahnhofsviertel');
    expect(r.hits.map((h) => h.dokument?.id)).toEqual([good.id]);
    expect(r.notSearchable).toMatchObject({ failed: 1 });
  });

  it('retries a run whose tools fail, with backoff, and records it failed after the last attempt', async () => {
    const v = await vorgang();
    const d = await file(v, antrag);
    const w = worker({ pdfinfo: 'amtsplatz-no-such-pdfinfo' });
    expect(await w.runOnce()).toBe(true);
    const entry = async () =>
      (
        await db().query<{ attempts: number; due: boolean; last_error: string | null }>(
          'SELECT attempts, run_after > $2 AS due, last_error FROM volltext_auftraege WHERE sha256 = $1',
          [d.sha256, clock.now().toISOString()],
        )
      )[0];
    expect(await entry()).toEqual({ attempts: 1, due: true, last_error: 'amtsplatz-no-such-pdfinfo: missing' });
    // Not due before its backoff ended.
    expect(await w.runOnce()).toBe(false);
    for (let i = 2; i <= MAX_ATTEMPTS; i++) {
      clock.advance(60 * 60_000);
      expect(await w.runOnce()).toBe(true);
    }
    expect(await entry()).toBeUndefined();
    expect(await state(d.sha256)).toEqual({ state: 'failed', reason: 'tool_error' });
    // Once the tools are there (a restart), such a file is read again.
    expect(await requeueExtractions(db(), { ocrAvailable: false })).toBe(1);
    expect(await worker().drain()).toBe(1);
    expect(await state(d.sha256)).toEqual({ state: 'indexed', reason: null });
  });

  it('loses the entries with the Vorgang, and the text with the bytes', async () => {
    const v = await vorgang();
    const d = await file(v, antrag);
    await worker().drain();
    expect((await search(clerk, 'Lindenallee')).hits).toHaveLength(2);
    const deleted = await writeTransaction(db(), (tx) =>
      deleteVorgang(tx, localChangeFeed(), {
        vorgangId: v.id,
        anlass: 'vernichtet',
        prozessId: randomUUID(),
        veranlasstVon: 'u-teamleitung1',
        now: clock.now().toISOString(),
      }),
    );
    expect(deleted.blobs).toEqual([d.sha256]);
    expect(await search(clerk, 'Lindenallee')).toMatchObject({ hits: [] });
    const left = await db().query(
      `SELECT 'antrag' FROM volltext_antraege WHERE vorgang_id = $1
       UNION ALL SELECT 'datei' FROM volltext_dateien WHERE sha256 = $2
       UNION ALL SELECT 'seite' FROM volltext_seiten WHERE sha256 = $2`,
      [v.id, d.sha256],
    );
    expect(left).toEqual([]);
  });

  it('answers POST /api/search for case work only, with the contract’s shape', async () => {
    const v = await vorgang();
    const app = await testApp(db(), clock, { jobs: false });
    try {
      const token = await login(app, 'sachbearbeiter1');
      const post = (payload: object, auth: Record<string, string> = bearer(token)) =>
        app.inject({ method: 'POST', url: '/api/search', headers: auth, payload });
      const ok = await post({ q: 'Weißmüller' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json<SearchResponse>().hits.map((h) => h.vorgangId)).toEqual([v.id]);
      expect((await post({ q: 'W' })).statusCode).toBe(400);
      expect((await post({ q: 'Weißmüller', limit: 51 })).statusCode).toBe(400);
      expect((await post({ q: 'Weißmüller' }, {})).statusCode).toBe(401);
      const admin = await login(app, 'admin');
      expect((await post({ q: 'Weißmüller' }, bearer(admin))).statusCode).toBe(403);
    } finally {
      await app.close();
    }
  });
});
