// `npm run xdomea:sample -- OUTDIR [--today YYYY-MM-DD] [--count N]`: one example of every
// xdomea message Amtsplatz sends (0605, 0401, 0501, 0503) and of the archive's 0502 it reads,
// built from a fresh demo database the way the server would hold it, so that DMS and archive
// integrators can look at real output and feed it to their importers (docs/xdomea.md, "Samples").
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_AUTHORITY } from '../shared/bescheid/authority.ts';
import { aktenplanLeaf, type Aktenplan } from '../shared/domain/aktenplan.ts';
import { berlinDate } from '../shared/domain/clock.ts';
import { isoDate } from '../shared/domain/ids.ts';
import { OPEN_STATUSES } from '../shared/domain/status.ts';
import type { VerfahrenDef } from '../shared/domain/verfahren.ts';
import { vorgang as vorgangSchema, type Vorgang } from '../shared/domain/vorgang.ts';
import { verfuegeZda } from '../shared/mutators/akte.ts';
import type { Database } from '../server/src/db/database.ts';
import { migrate } from '../server/src/db/migrate.ts';
import { openPglite } from '../server/src/db/pglite.ts';
import { writeTransaction } from '../server/src/db/write.ts';
import { seedDemo } from '../server/src/demo/seed.ts';
import { enqueueFileAntraege, fileAntragJobHandler } from '../server/src/modules/akte/antrag-job.ts';
import { assertVerfahrenFiled, loadAktenplan } from '../server/src/modules/akte/aktenplan.ts';
import { settleRetention } from '../server/src/modules/akte/store.ts';
import {
  akteRecord,
  aktenplanOf,
  dokumenteOf,
  recordParts,
  xdomeaAkteId,
} from '../server/src/modules/akte/xdomea-records.ts';

export { xdomeaAkteId };
import { getUserById } from '../server/src/modules/auth/users.ts';
import { loadLetterAssets } from '../server/src/modules/bescheid/seal-service.ts';
import { BlobStore } from '../server/src/modules/blobs/store.ts';
import { JobRegistry } from '../server/src/modules/jobs/registry.ts';
import { listJobs } from '../server/src/modules/jobs/store.ts';
import { createJobWorker } from '../server/src/modules/jobs/worker.ts';
import { applyCommand } from '../server/src/modules/sync/commands.ts';
import { localChangeFeed, type ChangeFeed } from '../server/src/modules/sync/events.ts';
import { loadVerfahren } from '../server/src/modules/verfahren/load.ts';
import {
  buildAbgabe,
  buildAnbieteverzeichnis,
  buildAussonderung,
  buildSgoAblegen,
  parseBewertungsverzeichnis,
  validateXdomea,
  writeZip,
  type AkteRecord,
  type XdomeaParty,
} from '../server/src/modules/xdomea/index.ts';

/**
 * The day of the Aussonderung when --today is not given: 1 January after the longest
 * Aufbewahrungsfrist among the Verfahren's Einheiten has run from this year, so the retention of
 * every demo Akte closed now has ended (2037-01-01 for a run in 2026 with the shipped files).
 */
export function defaultToday(now: Date, aktenplan: Aktenplan, verfahren: readonly VerfahrenDef[]): string {
  const fristen = verfahren.map((v) => {
    const leaf = aktenplanLeaf(aktenplan, v.aktenplanKennzeichen);
    return leaf.ok ? leaf.value.aufbewahrungsfristJahre : 0;
  });
  return `${Number(berlinDate(now).slice(0, 4)) + Math.max(0, ...fristen) + 1}-01-01`;
}

/** Enough demo Vorgänge for each Verfahren to have dispatched and open ones; few enough to be quick. */
export const DEFAULT_COUNT = 60;

/** The authority as DEMO_AUTHORITY names it in xdomea (its Behördenkennung and name). */
function authorityParty(): XdomeaParty {
  const kennung = DEMO_AUTHORITY.behoerdenkennung;
  if (!kennung) throw new SampleError('DEMO_AUTHORITY has no Behördenkennung');
  return {
    kennung: { praefix: kennung.praefix, behoerdenschluessel: kennung.kennung, name: DEMO_AUTHORITY.behoerde.name },
    organisationseinheit: DEMO_AUTHORITY.behoerde.einheit,
  };
}

// The other parties are made up like the demo authority: no Land has the key 99.
const DMS: XdomeaParty = {
  kennung: { praefix: 'ags:', behoerdenschluessel: '99123000', name: 'Stadt Musterstadt – Dokumentenmanagement' },
};
const OTHER_AUTHORITY: XdomeaParty = {
  kennung: { praefix: 'ags:', behoerdenschluessel: '99456000', name: 'Gemeinde Beispielfelde' },
  organisationseinheit: 'Bürgeramt',
};
const ARCHIVE: XdomeaParty = {
  kennung: { praefix: 'psw:', behoerdenschluessel: 'STADTARCHIV-99', name: 'Stadtarchiv Musterstadt' },
};

/** A failure of the sample run itself, reported as it is. */
export class SampleError extends Error {
  override name = 'SampleError';
}

export interface SampleOptions {
  outDir: string;
  /** The German calendar day of the Aussonderung (0501 to 0503); default `defaultToday`. */
  today?: string;
  /** The demo world's clock: seeding, z.d.A., 0605 and 0401. Default: the current time. */
  now?: Date;
  count?: number;
}

export interface WrittenSample {
  fileName: string;
  nachrichtentyp: string;
  prozessId: string;
  path: string;
  size: number;
}

interface World {
  db: Database;
  blobs: BlobStore;
  changes: ChangeFeed;
  verfahren: readonly VerfahrenDef[];
  aktenplan: Aktenplan;
}

/**
 * Writes the five messages into `outDir` and returns them in the order written. Everything
 * else (database, blobs) lives in a temp directory that is removed afterwards.
 */
export async function writeXdomeaSamples(options: SampleOptions): Promise<WrittenSample[]> {
  const now = options.now ?? new Date();
  const verfahren = await loadVerfahren();
  const aktenplan = await loadAktenplan();
  assertVerfahrenFiled(verfahren, aktenplan);
  const today = options.today ?? defaultToday(now, aktenplan, verfahren);
  if (!isoDate.safeParse(today).success) throw new SampleError(`--today ${today} is not a date YYYY-MM-DD`);
  if (today < berlinDate(now)) {
    throw new SampleError(`--today ${today} lies before the demo's today ${berlinDate(now)}`);
  }

  const work = await mkdtemp(join(tmpdir(), 'amtsplatz-xdomea-sample-'));
  const changes = localChangeFeed();
  let db: Database | undefined;
  let messages: SampleMessage[];
  try {
    await mkdir(join(work, 'db'), { mode: 0o700 });
    db = await openPglite({ dataDir: join(work, 'db') });
    await migrate(db);
    const blobs = await BlobStore.open(join(work, 'blobs'), now);
    const world: World = { db, blobs, changes, verfahren, aktenplan };
    await seed(world, now, options.count ?? DEFAULT_COUNT);
    messages = await buildMessages(world, { now, today });
  } finally {
    await changes.close();
    await db?.close();
    await rm(work, { recursive: true, force: true });
  }
  // All valid or none written: a failed run leaves OUTDIR as it was.
  for (const m of messages) await assertValid(m.nachrichtentyp, m.xml);
  await mkdir(options.outDir, { recursive: true });
  const written: WrittenSample[] = [];
  for (const m of messages) {
    const path = join(options.outDir, m.fileName);
    await writeFile(path, m.zip);
    written.push({
      fileName: m.fileName,
      nachrichtentyp: m.nachrichtentyp,
      prozessId: m.prozessId,
      path,
      size: m.zip.length,
    });
  }
  return written;
}

/** The demo data as a server started with --demo holds it, retention settled. */
async function seed(world: World, now: Date, count: number): Promise<void> {
  const result = await seedDemo(world.db, { count, now, verfahren: world.verfahren, blobs: world.blobs });
  if (!result.seeded) throw new SampleError('the fresh database was not empty');
  await writeTransaction(world.db, (tx) => settleRetention(tx, world.aktenplan));
}

/** What the builders return and the archive's 0502 is written as. */
interface SampleMessage {
  fileName: string;
  nachrichtentyp: string;
  prozessId: string;
  xml: string;
  zip: Uint8Array;
}

/** The five messages, built in the order of their Prozesse; nothing is written yet. */
async function buildMessages(world: World, run: { now: Date; today: string }): Promise<SampleMessage[]> {
  const stadt = authorityParty();
  const closing = await dispatchedVorgaenge(world);
  const open = await openVorgang(world);
  // The Antrag PDF as intake files it (the durable job), so the Akten carry their Antrag.
  await fileAntraege(world, run.now, [...closing.map((c) => c.vorgang.id), open.id]);
  for (const c of closing) await verfuegeZdaAs(world, c.vorgang, c.actorId, run.now);

  const messages: SampleMessage[] = [];
  const add = (m: SampleMessage) => messages.push(m);

  // 0605: an Akte just verfügt z.d.A., with its files, to the authority's DMS.
  const [first] = closing;
  if (!first) throw new SampleError('no Akte was closed');
  const filed = await akteRecord(world, first.vorgang.id, { withBytes: true });
  add(
    buildSgoAblegen({
      akte: filed,
      absender: stadt,
      empfaenger: DMS,
      erstellerkennung: first.actorId,
      erstellungszeitpunkt: run.now,
    }),
  );

  // 0401: an open Vorgang handed to another authority.
  const abgegeben = await recordParts(world, open.id, { withBytes: true });
  add(
    buildAbgabe({
      vorgang: abgegeben.vorgang,
      akte: { titel: abgegeben.titel, aktenplan: aktenplanOf(abgegeben.einheit) },
      absender: stadt,
      empfaenger: OTHER_AUTHORITY,
      erstellungszeitpunkt: run.now,
    }),
  );

  // 0501 on `today`: every closed Akte whose retention has ended, metadata only.
  const offeredAt = new Date(`${run.today}T09:00:00Z`);
  const ended = await endedRetention(world, run.today);
  const offered = await Promise.all(ended.map((id) => akteRecord(world, id, { withBytes: false })));
  const anbietung = buildAnbieteverzeichnis({
    akten: offered,
    absender: stadt,
    empfaenger: ARCHIVE,
    erstellungszeitpunkt: offeredAt,
  });
  add(anbietung);

  // 0502: the archive's answer, as the archive writes it; read back as Amtsplatz reads it.
  const decisions = offered.map((a) => ({ akteId: a.id, art: archiveDecision(a) }));
  if (!decisions.some((d) => d.art === 'A') || !decisions.some((d) => d.art === 'V')) {
    throw new SampleError(
      `the archive decided all ${offered.length} offered Akten alike (${decisions[0]?.art}): a later --today offers ` +
        'the Akten kept longer, a larger --count more of them',
    );
  }
  const bewertetAt = new Date(`${run.today}T10:00:00Z`);
  const bewertung = bewertungsverzeichnis({
    prozessId: anbietung.prozessId,
    from: ARCHIVE,
    to: stadt,
    at: bewertetAt,
    decisions,
  });
  await assertValid(bewertung.nachrichtentyp, bewertung.xml);
  const parsed = await parseBewertungsverzeichnis(bewertung.zip, anbietung.sent);
  add(bewertung);

  // 0503: the Akten decided A, with all their files, under the 0501's ProzessID.
  const byXdomeaId = new Map(ended.map((id) => [xdomeaAkteId(id), id]));
  const archivieren = await Promise.all(
    parsed.archivieren.map((id) => {
      const akteId = byXdomeaId.get(id.toLowerCase());
      if (akteId === undefined) throw new SampleError(`the 0502 decided A for ${id}, which was not offered`);
      return akteRecord(world, akteId, { withBytes: true });
    }),
  );
  add(
    buildAussonderung({
      anbietung: anbietung.sent,
      bewertung: parsed,
      akten: archivieren,
      absender: stadt,
      empfaenger: ARCHIVE,
      erstellungszeitpunkt: new Date(`${run.today}T11:00:00Z`),
    }),
  );
  return messages;
}

// --- The demo Vorgänge the samples are about -------------------------------------------------

async function vorgaengeWithStatus(db: Database, statuses: readonly string[]): Promise<Vorgang[]> {
  const rows = await db.query<{ doc: unknown }>(
    'SELECT doc FROM vorgaenge WHERE status = ANY($1::text[]) ORDER BY aktenzeichen',
    [statuses],
  );
  return rows.map((r) => vorgangSchema.parse(r.doc));
}

/**
 * One dispatched Vorgang per Verfahren, each with the clerk it is assigned to: they are
 * walked to z.d.A. as that clerk would (Bescheid versandt, no open Wiedervorlage).
 */
async function dispatchedVorgaenge(world: World): Promise<{ vorgang: Vorgang; actorId: string }[]> {
  const picked = new Map<string, { vorgang: Vorgang; actorId: string }>();
  for (const v of await vorgaengeWithStatus(world.db, ['versandt'])) {
    if (picked.has(v.verfahrenId) || v.wiedervorlage !== null || v.assigneeId === null) continue;
    picked.set(v.verfahrenId, { vorgang: v, actorId: v.assigneeId });
  }
  if (picked.size === 0) throw new SampleError('the demo data has no dispatched Vorgang; try a larger --count');
  return [...picked.values()];
}

/** An open Vorgang with documents from its applicant: the one handed over in the 0401. */
async function openVorgang(world: World): Promise<Vorgang> {
  for (const v of await vorgaengeWithStatus(world.db, OPEN_STATUSES)) {
    if ((await dokumenteOf(world.db, v.id)).length > 0) return v;
  }
  throw new SampleError('the demo data has no open Vorgang with documents; try a larger --count');
}

async function fileAntraege(world: World, now: Date, vorgangIds: readonly string[]): Promise<void> {
  await world.db.transaction((tx) => enqueueFileAntraege(tx, vorgangIds));
  const worker = createJobWorker({
    db: world.db,
    clock: { now: () => now },
    registry: new JobRegistry([
      fileAntragJobHandler({
        db: world.db,
        blobs: world.blobs,
        clock: { now: () => now },
        changes: world.changes,
        verfahren: world.verfahren,
        authority: DEMO_AUTHORITY,
        assets: loadLetterAssets,
      }),
    ]),
    releaseOrphans: false,
  });
  await worker.drain();
  const failed = (await listJobs(world.db, { limit: 1000 })).filter(
    (j) => vorgangIds.includes(j.idempotencyKey) && j.state !== 'done',
  );
  if (failed.length > 0) {
    throw new SampleError(
      `filing the Antrag failed for ${failed.length} Vorgang(e): ${failed[0]?.lastError?.message ?? failed[0]?.state}`,
    );
  }
}

/** z.d.A. through the command pipeline, as the clerk's push would run it on the server. */
async function verfuegeZdaAs(world: World, v: Vorgang, actorId: string, now: Date): Promise<void> {
  const actor = await getUserById(world.db, actorId);
  if (!actor) throw new SampleError(`the assignee of Vorgang ${v.id} is no demo user`);
  const iso = now.toISOString();
  const args = verfuegeZda.args.parse({ vorgangId: v.id, grund: 'bescheid_versandt', begruendung: null });
  const event = await writeTransaction(world.db, (tx) =>
    applyCommand(
      tx,
      world,
      verfuegeZda,
      args,
      { actor, now: iso, authoritative: true },
      { actorId: actor.id, deviceTime: iso, serverTime: iso },
    ),
  );
  if (event) world.changes.committed(event);
}

/** Closed Akten whose retention ended before `today`, oldest retention first. */
async function endedRetention(world: World, today: string): Promise<string[]> {
  const rows = await world.db.query<{ id: string }>(
    `SELECT id FROM akten WHERE status = 'zda' AND aufbewahrung_bis < $1::date
      ORDER BY aufbewahrung_bis, doc->>'aktenzeichen'`,
    [today],
  );
  if (rows.length === 0) throw new SampleError(`no Akte's retention ended before ${today}; pick a later --today`);
  return rows.map((r) => r.id);
}

/**
 * How the simulated archive decides: it follows the pre-assessment where there is one (A, V)
 * and, where it was asked to assess (B), keeps the Akten that hold records and lets the empty
 * ones go — an Akte without a document has nothing to archive.
 */
function archiveDecision(a: AkteRecord): 'A' | 'V' {
  if (a.aussonderungsart !== 'B') return a.aussonderungsart;
  return a.vorgaenge.some((v) => v.dokumente.length > 0) ? 'A' : 'V';
}

// --- From the rows to the records the builders take -----------------------------------------

// --- The archive's side ----------------------------------------------------------------------

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function kontaktXml(tag: 'Absender' | 'Empfaenger', p: XdomeaParty): string {
  return [
    `    <xdomea:${tag}>`,
    '      <xdomea:Behoerdenkennung>',
    `        <xdomea:Behoerdenschluessel><code>${escapeXml(p.kennung.behoerdenschluessel)}</code></xdomea:Behoerdenschluessel>`,
    `        <xdomea:Praefix><code>${escapeXml(p.kennung.praefix)}</code></xdomea:Praefix>`,
    '      </xdomea:Behoerdenkennung>',
    `      <xdomea:Institution><xdomea:Name>${escapeXml(p.kennung.name)}</xdomea:Name></xdomea:Institution>`,
    ...(p.organisationseinheit === undefined
      ? []
      : [
          `      <xdomea:Organisationseinheit><xdomea:Name>${escapeXml(p.organisationseinheit)}</xdomea:Name></xdomea:Organisationseinheit>`,
        ]),
    `    </xdomea:${tag}>`,
  ].join('\n');
}

/**
 * Aussonderung.Bewertungsverzeichnis.0502 as an archive system would write it: written here
 * by hand, not with Amtsplatz's own XML writer, so that reading it back tests the reader
 * against text it did not produce.
 */
function bewertungsverzeichnis(input: {
  prozessId: string;
  from: XdomeaParty;
  to: XdomeaParty;
  at: Date;
  decisions: readonly { akteId: string; art: 'A' | 'V' }[];
}): { fileName: string; nachrichtentyp: string; prozessId: string; xml: string; zip: Uint8Array } {
  const nachrichtentyp = 'Aussonderung.Bewertungsverzeichnis.0502';
  const base = `${input.prozessId}_${nachrichtentyp}`;
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xdomea:${nachrichtentyp} xmlns:xdomea="urn:xoev-de:xdomea:schema:3.0.0">`,
    '  <xdomea:Kopf>',
    `    <xdomea:ProzessID>${input.prozessId}</xdomea:ProzessID>`,
    '    <xdomea:Nachrichtentyp listURI="urn:xoev-de:xdomea:codeliste:nachrichtentyp" listVersionID="2.0"><code>0502</code></xdomea:Nachrichtentyp>',
    `    <xdomea:Erstellungszeitpunkt>${input.at.toISOString()}</xdomea:Erstellungszeitpunkt>`,
    kontaktXml('Absender', input.from),
    kontaktXml('Empfaenger', input.to),
    '    <xdomea:SendendesSystem><xdomea:Produktname>Archivsystem (simuliert)</xdomea:Produktname></xdomea:SendendesSystem>',
    '    <xdomea:Empfangsbestaetigung>0</xdomea:Empfangsbestaetigung>',
    '  </xdomea:Kopf>',
    ...input.decisions.map((d) =>
      [
        '  <xdomea:BewertetesObjekt>',
        `    <xdomea:ID>${d.akteId}</xdomea:ID>`,
        '    <xdomea:Aussonderungsart>',
        `      <xdomea:Aussonderungsart listURI="urn:xoev-de:xdomea:codeliste:aussonderungsart" listVersionID="1.0"><code>${d.art}</code></xdomea:Aussonderungsart>`,
        '    </xdomea:Aussonderungsart>',
        '  </xdomea:BewertetesObjekt>',
      ].join('\n'),
    ),
    `</xdomea:${nachrichtentyp}>`,
    '',
  ].join('\n');
  const zip = writeZip([{ name: `${base}.xml`, data: new TextEncoder().encode(xml) }], { modified: input.at });
  return { fileName: `${base}.zip`, nachrichtentyp, prozessId: input.prozessId, xml, zip };
}

// --- Checks and the command line -------------------------------------------------------------

/**
 * Schema errors quote the offending value; the values of demo records are made-up people, but
 * what this prints is meant to be safe to paste anywhere, so quoted values are left out.
 */
function redact(error: string): string {
  return error.replace(/value '[^']*'/g, "value '…'");
}

async function assertValid(nachrichtentyp: string, xml: string): Promise<void> {
  const result = await validateXdomea(xml);
  if (!result.ok) {
    throw new SampleError(`${nachrichtentyp} is not schema-valid:\n  ${result.errors.map(redact).join('\n  ')}`);
  }
}

const usage = `Usage: npm run xdomea:sample -- OUTDIR [--today YYYY-MM-DD] [--count N]

Seeds a fresh demo database in a temp directory, walks dispatched Vorgänge to z.d.A. and writes
into OUTDIR, each as {ProzessID}_{Nachrichtentyp}.zip and schema-valid:
  FVDaten.SGOAblegen.0605                  an Akte z.d.A. with its files, to the DMS
  Abgabe.Abgabe.0401                       an open Vorgang, to another authority
  Aussonderung.Anbieteverzeichnis.0501     the Akten whose retention ended before --today
  Aussonderung.Bewertungsverzeichnis.0502  the archive's decisions (simulated), read back
  Aussonderung.Aussonderung.0503           the Akten decided A, with their files
--today   the day of the Aussonderung (default: 1 January after the longest retention
          of the Verfahren's Aktenplan-Einheiten has run from this year)
--count   demo Vorgänge to seed (default ${DEFAULT_COUNT})
Needs xmllint (Debian: libxml2-utils).`;

export async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { today: { type: 'string' }, count: { type: 'string' }, help: { type: 'boolean' } },
    });
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${usage}`);
    return 2;
  }
  const { positionals, values } = parsed;
  const outDir = positionals[0];
  const count = values.count === undefined ? DEFAULT_COUNT : Number(values.count);
  if (values.help || outDir === undefined || positionals.length > 1 || !Number.isSafeInteger(count) || count < 1) {
    console.error(usage);
    return values.help ? 0 : 2;
  }
  const started = performance.now();
  try {
    const written = await writeXdomeaSamples({
      outDir: resolve(outDir),
      count,
      ...(values.today === undefined ? {} : { today: values.today }),
    });
    const width = Math.max(...written.map((w) => w.fileName.length));
    for (const w of written) console.log(`${w.fileName.padEnd(width)}  ${w.nachrichtentyp}  ${w.size} bytes`);
    console.log(
      `Wrote ${written.length} messages to ${resolve(outDir)} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    return 0;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    console.error(`xdomea:sample failed: ${redact(message)}`);
    return 1;
  }
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
