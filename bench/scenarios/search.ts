// Full-text search over the E-Akte on the server's own query function (server/src/modules/search):
// an embedded PGlite seeded with `count` demo Vorgänge (their Antragsdaten indexed by the
// database's trigger, as at intake) and one filed document text per Vorgang (the Antrag as a PDF
// would read: header, applicant, Aktenzeichen and German administrative prose), inserted in bulk
// SQL. Timed: searchAkten for a surname, an Aktenzeichen fragment, a word from the documents and
// a two-word query, as the clerk of the largest org unit; baseline: the bare GIN match of the
// same queries in the same run. Then the real extraction (pdfinfo, pdftotext, the database
// writes) over a handful of real PDFs against pdftotext alone on the same files, and OCR per
// scanned page where Tesseract is installed.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { User } from '../../shared/domain/user.ts';
import type { Database } from '../../server/src/db/database.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { openPglite } from '../../server/src/db/pglite.ts';
import { writeTransaction } from '../../server/src/db/write.ts';
import { seedDemo } from '../../server/src/demo/seed.ts';
import { saveBlob } from '../../server/src/modules/blobs/blobs.ts';
import { BlobStore } from '../../server/src/modules/blobs/store.ts';
import { insertDokumente } from '../../server/src/modules/dokumente/store.ts';
import { DEMO_USERS } from '../../server/src/modules/intake/demo-accounts.ts';
import { loadVerfahren } from '../../server/src/modules/verfahren/load.ts';
import { detectTools } from '../../server/src/modules/search/extract.ts';
import { searchAkten } from '../../server/src/modules/search/search.ts';
import { antragPdf, scannedPdf } from '../../server/src/modules/search/test-fixture.ts';
import { searchText } from '../../server/src/modules/search/text.ts';
import { createVolltextWorker } from '../../server/src/modules/search/worker.ts';
import { summarize, type Summary } from '../lib/stats.ts';

const run = promisify(execFile);

export interface VolltextBench {
  vorgaenge: number;
  dokumente: number;
  seedMs: number;
  /** searchAkten, all queries: every sample. */
  search: Summary;
  /** The bare match (count over the GIN indexes) of the same queries: the baseline. */
  match: Summary;
  /** p95 per kind of query. */
  perQuery: { label: string; p95: number; hits: number }[];
  /** A word in about half of all documents: not a typical query, given for the record. */
  broad: { label: string; p95: number; median: number };
  /** Real extraction (queue → tools → database) per document, and pdftotext alone. */
  indexMsPerDoc: number;
  rawMsPerDoc: number;
  indexedDocs: number;
  indexedPages: number;
  /** OCR of one scanned page (render + Tesseract + database), or null without Tesseract. */
  ocrMsPerPage: number | null;
}

/** A few hundred characters of the prose of an administrative document, picked by the row. */
const SENTENCES = [
  'Hiermit beantrage ich die Erteilung eines Bewohnerparkausweises für mein Fahrzeug.',
  'Die Meldebescheinigung und die Zulassungsbescheinigung Teil I liegen diesem Antrag bei.',
  'Ich bin mit Hauptwohnsitz unter der oben genannten Anschrift gemeldet.',
  'Die Gewerbeanmeldung erfolgt für eine Tätigkeit im Reisegewerbe ab dem kommenden Monat.',
  'Für die Förderung der Balkon-Solaranlage lege ich die Rechnung des Fachbetriebs vor.',
  'Die Zustimmung des Vermieters zur Anbringung am Balkongeländer wurde schriftlich erteilt.',
  'Bitte teilen Sie mir mit, welche Unterlagen für die Bearbeitung noch fehlen.',
  'Die Gebühr in Höhe von 30 Euro habe ich per Überweisung beglichen.',
  'Ich versichere, dass meine Angaben vollständig und richtig sind.',
  'Das Fahrzeug wird überwiegend von mir selbst genutzt und ist auf mich zugelassen.',
  'Der Wechselrichter hat eine Leistung von 800 Watt und ist beim Netzbetreiber angemeldet.',
  'Eine Kopie des Personalausweises ist als Anlage beigefügt.',
  'Die Betriebsstätte befindet sich in gemieteten Räumen im Erdgeschoss.',
  'Ich bitte um Zusendung des Bescheids an die angegebene Postanschrift.',
  'Gegen den Bescheid vom letzten Jahr wurde kein Widerspruch eingelegt.',
  'Die Nachweise über die Sachkunde werden innerhalb der gesetzten Frist nachgereicht.',
];

/**
 * What is enclosed, named by German compounds (120 of them): each document names three, so a
 * word like "Stellplatznachweis" is in about 2.5 % of the documents, as a specific term is;
 * the prose above makes the common words ("Meldebescheinigung": about half of them).
 */
const PREFIXES = [
  'Stellplatz',
  'Wohnsitz',
  'Gewerbe',
  'Miet',
  'Eigentums',
  'Zulassungs',
  'Versicherungs',
  'Steuer',
  'Bau',
  'Lage',
  'Einkommens',
  'Sachkunde',
];
const SUFFIXES = [
  'nachweis',
  'bescheinigung',
  'vertrag',
  'erklärung',
  'auskunft',
  'genehmigung',
  'plan',
  'unterlagen',
  'bestätigung',
  'zeugnis',
];
const ENCLOSURES = PREFIXES.flatMap((p) => SUFFIXES.map((s) => `${p}${s}`));

/** Bulk SQL: one document per Vorgang — blob row, extraction record, one page, Dokument row. */
async function seedDokumente(db: Database): Promise<number> {
  await db.exec(`CREATE TEMP TABLE bench_saetze (i int PRIMARY KEY, satz text);
                 CREATE TEMP TABLE bench_anlagen (i int PRIMARY KEY, wort text);`);
  await db.query('INSERT INTO bench_saetze SELECT i - 1, s FROM unnest($1::text[]) WITH ORDINALITY AS u(s, i)', [
    SENTENCES,
  ]);
  await db.query('INSERT INTO bench_anlagen SELECT i - 1, w FROM unnest($1::text[]) WITH ORDINALITY AS u(w, i)', [
    ENCLOSURES,
  ]);
  await db.exec(`
    CREATE TEMP TABLE bench_texte AS
    SELECT v.id AS vorgang_id, v.org_unit_id, v.aktenzeichen,
           encode(sha256(convert_to('bench:' || v.id::text, 'UTF8')), 'hex') AS sha256,
           volltext_normalize(concat_ws(' ',
             'Stadt Musterstadt · Antrag · Aktenzeichen', v.aktenzeichen,
             'Antragsteller*in', v.doc#>>'{applicant,givenName}', v.doc#>>'{applicant,familyName}',
             v.doc#>>'{applicant,street}', v.doc#>>'{applicant,postalCode}', v.doc#>>'{applicant,city}',
             (SELECT string_agg(s.satz, ' ' ORDER BY k)
                FROM generate_series(0, 5) AS k
                JOIN bench_saetze s ON s.i = abs(hashtext(v.id::text || k::text)) % ${SENTENCES.length}),
             'Anlagen:',
             (SELECT string_agg(a.wort, ', ' ORDER BY k)
                FROM generate_series(0, 2) AS k
                JOIN bench_anlagen a ON a.i = abs(hashtext(v.id::text || 'anlage' || k::text)) % ${ENCLOSURES.length}),
             'Seite 1 von 1')) AS text
      FROM vorgaenge v
     -- Concluded Vorgänge take no new documents (the database refuses them).
     WHERE v.status <> 'abgeschlossen';
    -- One page, so the file's vector is the page's. The GIN index is built once after the bulk
    -- insert (as CREATE INDEX does it), not row by row: the same index, seeded faster.
    DROP INDEX volltext_dateien_tsv;
    CREATE TEMP TABLE bench_vektoren AS SELECT sha256, to_tsvector('german', text) AS tsv FROM bench_texte;
    INSERT INTO blobs (sha256, size, stored_at) SELECT sha256, 2000, now() FROM bench_texte;
    INSERT INTO volltext_dateien (sha256, state, media_type, pages, pages_read, ocr_pages, ocr_missing, chars,
                                  truncated, reason, tsv, extracted_at)
    SELECT t.sha256, 'indexed', 'application/pdf', 1, 1, 0, 0, length(t.text), false, NULL, v.tsv, now()
      FROM bench_texte t JOIN bench_vektoren v USING (sha256);
    INSERT INTO volltext_seiten (sha256, seite, method, text, tsv)
    SELECT t.sha256, 1, 'text_layer', t.text, v.tsv FROM bench_texte t JOIN bench_vektoren v USING (sha256);
    CREATE INDEX volltext_dateien_tsv ON volltext_dateien USING gin (tsv);`);
  await writeTransaction(db, (tx) =>
    tx.exec(`
      INSERT INTO dokumente (id, vorgang_id, org_unit_id, sha256, doc, change_seq)
      SELECT t.id, t.vorgang_id, t.org_unit_id, t.sha256,
             jsonb_build_object('id', t.id, 'vorgangId', t.vorgang_id,
               'name', 'Antrag-' || replace(t.aktenzeichen, '/', '_') || '.pdf',
               'mediaType', 'application/pdf', 'size', 2000, 'sha256', t.sha256, 'source', 'antrag',
               'uploadedBy', NULL, 'createdAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
             nextval('change_seq_seq')
        FROM (SELECT gen_random_uuid() AS id, b.* FROM bench_texte b OFFSET 0) AS t;
      ANALYZE;`),
  );
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM dokumente');
  return row?.n ?? 0;
}

/** In about half of the seeded documents (the prose's attachments sentence). */
const BROAD_QUERY = 'Meldebescheinigung';

/** Typical queries, taken from the seeded data so that each has hits. */
async function typicalQueries(db: Database, orgUnitId: string): Promise<{ label: string; q: string }[]> {
  const [common] = await db.query<{ name: string }>(
    `SELECT doc#>>'{applicant,familyName}' AS name FROM vorgaenge WHERE org_unit_id = $1
      GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    [orgUnitId],
  );
  const [one] = await db.query<{ az: string; given: string; family: string; city: string }>(
    `SELECT aktenzeichen AS az, doc#>>'{applicant,givenName}' AS given, doc#>>'{applicant,familyName}' AS family,
            doc#>>'{applicant,city}' AS city
       FROM vorgaenge WHERE org_unit_id = $1 ORDER BY id LIMIT 1 OFFSET 4242`,
    [orgUnitId],
  );
  if (!common || !one) throw new Error('volltext bench: the seeded data has no Vorgänge');
  const number = one.az.split('/').at(-1) ?? one.az;
  return [
    { label: 'surname', q: common.name },
    { label: 'Aktenzeichen fragment', q: number },
    { label: 'Aktenzeichen year/number', q: one.az.split('-').at(-1) ?? one.az },
    { label: 'word from documents', q: 'Stellplatznachweis' },
    { label: 'word form (stemmed)', q: 'Mietverträge' },
    { label: 'two words', q: `${one.given} ${one.family}` },
    { label: 'two words, name and place', q: `${common.name} ${one.city}` },
  ];
}

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await f();
  return [value, performance.now() - t0];
}

/** The bare match of a query: how many rows each GIN index finds, nothing ranked or shown. */
async function matchOnly(db: Database, q: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM volltext_antraege WHERE tsv @@ websearch_to_tsquery('german', $1))
          + (SELECT count(*) FROM volltext_dateien WHERE tsv @@ websearch_to_tsquery('german', $1)) AS n`,
    [searchText(q)],
  );
  return row?.n ?? 0;
}

async function multiPagePdf(pages: number, seed: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage([595.28, 841.89]);
    for (let line = 0; line < 40; line++) {
      const text = SENTENCES[(seed + p * 7 + line) % SENTENCES.length] ?? '';
      page.drawText(text.replace(/[^\x20-\x7e\u00a0-\u00ff]/g, ' '), { x: 50, y: 790 - line * 18, size: 10, font });
    }
  }
  return doc.save();
}

/** Real PDFs through the full-text worker against pdftotext alone over the same files. */
async function benchIndexing(
  db: Database,
  orgUnitId: string,
): Promise<Pick<VolltextBench, 'indexMsPerDoc' | 'rawMsPerDoc' | 'indexedDocs' | 'indexedPages' | 'ocrMsPerPage'>> {
  const dir = await mkdtemp(join(tmpdir(), 'amtsplatz-bench-volltext-'));
  try {
    const blobs = await BlobStore.open(join(dir, 'blobs'));
    const tools = await detectTools();
    const names = ['Schäfer', 'Öztürk', 'Weißmüller', 'Brüggemann', 'Köhler', 'Lange', 'Wagner', 'Yılmaz'];
    const files: Uint8Array[] = [];
    for (let i = 0; i < 20; i++) {
      files.push(
        await antragPdf({
          aktenzeichen: `32.10.05-2026/9${String(i).padStart(4, '0')}`,
          antragsteller: {
            givenName: 'Alex',
            familyName: names[i % names.length] ?? 'Muster',
            street: `Bahnhofstraße ${i + 1}`,
            postalCode: '97070',
            city: 'Würzburg',
          },
          antragsdaten: { bewohnerparkzone: 'B', kennzeichen: `WÜ-AB ${1000 + i}`, hauptwohnsitz: true },
        }),
      );
    }
    files.push(await multiPagePdf(30, 1), await multiPagePdf(30, 2));
    const [vorgang] = await db.query<{ id: string }>(
      `SELECT id FROM vorgaenge WHERE org_unit_id = $1 AND status <> 'abgeschlossen' LIMIT 1`,
      [orgUnitId],
    );
    if (!vorgang) throw new Error('volltext bench: no open Vorgang to file documents in');
    const file = async (bytes: Uint8Array, name: string) => {
      const blob = await saveBlob(db, blobs, bytes, { maxBytes: bytes.length }, new Date());
      await writeTransaction(db, (tx) =>
        insertDokumente(tx, [
          {
            orgUnitId,
            dokument: {
              id: randomUUID(),
              vorgangId: vorgang.id,
              name,
              mediaType: 'application/pdf',
              size: blob.size,
              sha256: blob.sha256,
              source: 'upload',
              uploadedBy: 'u-sachbearbeiter1',
              createdAt: new Date().toISOString(),
            },
          },
        ]),
      );
      return blob.sha256;
    };
    const hashes: string[] = [];
    for (const [i, bytes] of files.entries()) hashes.push(await file(bytes, `Dokument-${i}.pdf`));
    const worker = createVolltextWorker({ db, blobs, tools: async () => tools });
    const [indexed, indexMs] = await timed(() => worker.drain());
    if (indexed !== files.length) throw new Error(`volltext bench: indexed ${indexed} of ${files.length} files`);
    const [pages] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM volltext_seiten WHERE sha256 = ANY($1::text[])',
      [hashes],
    );
    const [, rawMs] = await timed(async () => {
      for (const h of hashes)
        await run(tools.pdftotext, ['-q', '-enc', 'UTF-8', blobs.pathOf(h), '-'], { maxBuffer: 64 * 1024 * 1024 });
    });

    let ocrMsPerPage: number | null = null;
    if (tools.tesseract !== null) {
      const scans = [await scannedPdf(files[0] ?? new Uint8Array()), await scannedPdf(files[1] ?? new Uint8Array())];
      for (const [i, s] of scans.entries()) await file(s, `Scan-${i}.pdf`);
      const [ocred, ocrMs] = await timed(() => worker.drain());
      ocrMsPerPage = ocrMs / Math.max(1, ocred);
    }
    return {
      indexMsPerDoc: indexMs / files.length,
      rawMsPerDoc: rawMs / files.length,
      indexedDocs: files.length,
      indexedPages: pages?.n ?? 0,
      ocrMsPerPage,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function benchVolltext(count: number, samples = 15): Promise<VolltextBench> {
  const db = await openPglite();
  try {
    await migrate(db);
    const seedStart = performance.now();
    // The demo intake indexes every Vorgang's Antragsdaten by the trigger, as in production;
    // only the GIN index is built once afterwards instead of row by row.
    await db.exec('DROP INDEX volltext_antraege_tsv');
    const seeded = await seedDemo(db, {
      count,
      now: new Date('2026-03-23T10:00:00Z'),
      verfahren: await loadVerfahren(),
      hashPassword: async () => 'bench-no-login',
      batchSize: 5000,
    });
    if (!seeded.seeded) throw new Error('volltext bench: the database was not empty');
    await db.exec('CREATE INDEX volltext_antraege_tsv ON volltext_antraege USING gin (tsv)');
    const dokumente = await seedDokumente(db);
    const seedMs = performance.now() - seedStart;

    const clerk: User | undefined = DEMO_USERS.find((u) => u.username === 'sachbearbeiter1');
    if (!clerk) throw new Error('volltext bench: no demo clerk');
    const queries = await typicalQueries(db, clerk.orgUnitId);
    const all: number[] = [];
    const bare: number[] = [];
    const perQuery: VolltextBench['perQuery'] = [];
    for (const { label, q } of queries) {
      // Warm-up: the first run of a query plans it and reads its index pages.
      const first = await searchAkten(db, clerk, { q, limit: 20, offset: 0 });
      await matchOnly(db, q);
      const times: number[] = [];
      for (let i = 0; i < samples; i++) {
        const [, ms] = await timed(() => searchAkten(db, clerk, { q, limit: 20, offset: 0 }));
        times.push(ms);
        const [, matchMs] = await timed(() => matchOnly(db, q));
        bare.push(matchMs);
      }
      all.push(...times);
      perQuery.push({ label, p95: summarize(times).p95, hits: first.hits.length });
    }
    const broadTimes: number[] = [];
    await searchAkten(db, clerk, { q: BROAD_QUERY, limit: 20, offset: 0 });
    for (let i = 0; i < Math.min(samples, 5); i++) {
      broadTimes.push((await timed(() => searchAkten(db, clerk, { q: BROAD_QUERY, limit: 20, offset: 0 })))[1]);
    }
    const broad = summarize(broadTimes);
    const indexing = await benchIndexing(db, clerk.orgUnitId);
    return {
      vorgaenge: seeded.vorgaenge,
      dokumente,
      seedMs,
      search: summarize(all),
      match: summarize(bare),
      perQuery,
      broad: { label: BROAD_QUERY, p95: broad.p95, median: broad.median },
      ...indexing,
    };
  } finally {
    await db.close();
  }
}
