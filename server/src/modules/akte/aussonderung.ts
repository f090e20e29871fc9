import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Authority } from '../../../../shared/bescheid/authority.ts';
import type {
  AussonderungState,
  AussonderungSummary,
  FaelligeAkte,
} from '../../../../shared/contracts/http/aussonderung.ts';
import type { Aussonderungsart } from '../../../../shared/domain/aktenplan.ts';
import { berlinDate } from '../../../../shared/domain/clock.ts';
import { DomainError } from '../../../../shared/domain/errors.ts';
import type { Clock } from '../../context.ts';
import type { Database, Queryable } from '../../db/database.ts';
import { writeTransaction } from '../../db/write.ts';
import type { BlobStore } from '../blobs/store.ts';
import { defineJobHandler, type JobHandler } from '../jobs/registry.ts';
import { enqueueJob } from '../jobs/store.ts';
import type { ChangeFeed } from '../sync/events.ts';
import {
  buildAnbieteverzeichnis,
  buildAussonderung,
  parseAussonderungImportBestaetigen,
  parseBewertungsverzeichnis,
  parseEmpfangBestaetigen,
  sentXdomeaMessageSchema,
  type SentXdomeaMessage,
  type XdomeaParty,
} from '../xdomea/index.ts';
import { answerName, settleAnswers, type AnswerOutcome, type DmsConnector } from './dms.ts';
import { deleteVorgang } from './loeschung.ts';
import { akteRecord, xdomeaAkteId, type RecordSources } from './xdomea-records.ts';

/**
 * The Aussonderung (docs/e-akte.md, "Aussonderung"): the records manager offers every Akte
 * whose retention has ended to the archive; the archive decides per Akte (0502: A archivieren,
 * V vernichten); the Akten decided A go to the archive with all their files (0503); once the
 * archive confirms their import (0506), every Akte of the Aussonderung — handed over or to be
 * destroyed — is deleted here, leaving deletion records. Each step is a durable job; the
 * archive's answers come through the connector's inbox and are checked before anything changes.
 */

export interface AussonderungDeps extends RecordSources {
  blobs: BlobStore;
  clock: Clock;
  changes: ChangeFeed;
  authority: Authority;
  connector: DmsConnector;
}

export const ANBIETEN_JOB_KIND = 'aussonderung-anbieten';
export const UEBERGEBEN_JOB_KIND = 'aussonderung-uebergeben';
export const LOESCHEN_JOB_KIND = 'aussonderung-loeschen';
const payload = z.object({ prozessId: z.uuid() }).strict();

/** How many Akten one Aussonderung offers at most; the next one takes the rest. */
export const MAX_AKTEN = 1000;

const RUNNING: readonly AussonderungState[] = ['angelegt', 'angeboten', 'bewertet', 'uebergeben', 'importiert'];

/** The Akten z.d.A. whose retention ended before `today` and that no running Aussonderung holds. */
export async function faelligeAkten(q: Queryable, today: string, limit = MAX_AKTEN): Promise<FaelligeAkte[]> {
  const rows = await q.query<{
    id: string;
    aktenzeichen: string;
    kennzeichen: string;
    org_unit_id: string;
    zda: string;
    bis: string;
    art: Aussonderungsart;
  }>(
    `SELECT a.id, a.doc->>'aktenzeichen' AS aktenzeichen, a.kennzeichen, a.org_unit_id,
            a.doc->'abschluss'->>'am' AS zda, to_char(a.aufbewahrung_bis, 'YYYY-MM-DD') AS bis,
            a.doc->>'aussonderungsart' AS art
       FROM akten a
      WHERE a.status = 'zda' AND a.aufbewahrung_bis < $1::date AND a.doc->>'aussonderungsart' IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM aussonderung_akten x JOIN aussonderungen s USING (prozess_id)
                         WHERE x.akte_id = a.id AND s.state = ANY($2::text[]))
      ORDER BY a.aufbewahrung_bis, a.doc->>'aktenzeichen'
      LIMIT $3`,
    [today, RUNNING, limit],
  );
  return rows.map((r) => ({
    akteId: r.id,
    aktenzeichen: r.aktenzeichen,
    kennzeichen: r.kennzeichen,
    orgUnitId: r.org_unit_id,
    zdaAm: r.zda,
    aufbewahrungBis: r.bis,
    aussonderungsart: r.art,
  }));
}

/** Whether the Akte is in a running Aussonderung (then it must not be reopened). */
export async function inRunningAussonderung(q: Queryable, akteId: string): Promise<boolean> {
  const rows = await q.query(
    `SELECT 1 FROM aussonderung_akten x JOIN aussonderungen s USING (prozess_id)
      WHERE x.akte_id = $1 AND s.state = ANY($2::text[]) LIMIT 1`,
    [akteId, RUNNING],
  );
  return rows.length > 0;
}

interface SummaryRow {
  prozess_id: string;
  state: AussonderungState;
  veranlasst_von: string;
  grund: string | null;
  created_at: string | Date;
  updated_at: string | Date;
  akten: number;
  archivieren: number;
  vernichten: number;
  geloescht: number;
}

const iso = (t: string | Date) => (t instanceof Date ? t : new Date(t)).toISOString();

const SUMMARY_SQL = `SELECT s.prozess_id, s.state, s.veranlasst_von, s.grund, s.created_at, s.updated_at,
    count(x.akte_id)::int AS akten,
    count(*) FILTER (WHERE x.entscheidung = 'A')::int AS archivieren,
    count(*) FILTER (WHERE x.entscheidung = 'V')::int AS vernichten,
    count(*) FILTER (WHERE x.geloescht)::int AS geloescht
  FROM aussonderungen s LEFT JOIN aussonderung_akten x USING (prozess_id)`;

function toSummary(r: SummaryRow): AussonderungSummary {
  return {
    prozessId: r.prozess_id,
    state: r.state,
    veranlasstVon: r.veranlasst_von,
    akten: r.akten,
    archivieren: r.archivieren,
    vernichten: r.vernichten,
    geloescht: r.geloescht,
    grund: r.grund,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export async function listAussonderungen(q: Queryable): Promise<AussonderungSummary[]> {
  const rows = await q.query<SummaryRow>(
    `${SUMMARY_SQL} GROUP BY s.prozess_id ORDER BY s.created_at DESC, s.prozess_id LIMIT 100`,
  );
  return rows.map(toSummary);
}

export async function aussonderungSummary(q: Queryable, prozessId: string): Promise<AussonderungSummary> {
  const [row] = await q.query<SummaryRow>(`${SUMMARY_SQL} WHERE s.prozess_id = $1 GROUP BY s.prozess_id`, [prozessId]);
  if (!row) throw new DomainError('not_found', `Aussonderung ${prozessId} not found`);
  return toSummary(row);
}

/**
 * Starts an Aussonderung of every Akte due today (at most MAX_AKTEN): the Prozess, its Akten
 * and the job that offers them, in one transaction. Refused when nothing is due.
 */
export async function startAussonderung(db: Database, clock: Clock, actorId: string): Promise<AussonderungSummary> {
  return writeTransaction(db, async (tx) => {
    const due = await faelligeAkten(tx, berlinDate(clock.now()));
    if (due.length === 0) throw new DomainError('validation_failed', 'No Akte’s retention has ended');
    const prozessId = randomUUID();
    const now = clock.now().toISOString();
    await tx.query(
      `INSERT INTO aussonderungen (prozess_id, state, veranlasst_von, created_at, updated_at)
       VALUES ($1, 'angelegt', $2, $3, $3)`,
      [prozessId, actorId, now],
    );
    await tx.query(
      `INSERT INTO aussonderung_akten (prozess_id, akte_id, xdomea_id)
       SELECT $1, a.id, a.x FROM unnest($2::uuid[], $3::uuid[]) AS a(id, x)`,
      [prozessId, due.map((d) => d.akteId), due.map((d) => xdomeaAkteId(d.akteId))],
    );
    await enqueueJob(tx, { kind: ANBIETEN_JOB_KIND, idempotencyKey: prozessId, payload: { prozessId } });
    return aussonderungSummary(tx, prozessId);
  });
}

/** Our side and the archive's, as the authority configures them. */
export function archivParties(authority: Authority): { absender: XdomeaParty; empfaenger: XdomeaParty } {
  const own = authority.behoerdenkennung;
  const archiv = authority.archiv;
  if (!own || !archiv) {
    throw new DomainError('validation_failed', 'The authority names no Behördenkennung or no archive (--behoerde)');
  }
  return {
    absender: {
      kennung: { praefix: own.praefix, behoerdenschluessel: own.kennung, name: authority.behoerde.name },
      organisationseinheit: 'Schriftgutverwaltung',
    },
    empfaenger: { kennung: { praefix: archiv.praefix, behoerdenschluessel: archiv.kennung, name: archiv.name } },
  };
}

interface AkteRow {
  akte_id: string;
  xdomea_id: string;
  entscheidung: 'A' | 'V' | null;
  geloescht: boolean;
}

async function aktenOf(q: Queryable, prozessId: string): Promise<AkteRow[]> {
  return q.query<AkteRow>(
    'SELECT akte_id, xdomea_id, entscheidung, geloescht FROM aussonderung_akten WHERE prozess_id = $1 ORDER BY akte_id',
    [prozessId],
  );
}

interface ProzessRow {
  state: AussonderungState;
  veranlasst_von: string;
  sent_0501: unknown;
  sent_0503: unknown;
}

async function prozess(q: Queryable, prozessId: string): Promise<ProzessRow> {
  const [row] = await q.query<ProzessRow>(
    'SELECT state, veranlasst_von, sent_0501, sent_0503 FROM aussonderungen WHERE prozess_id = $1',
    [prozessId],
  );
  if (!row) throw new DomainError('not_found', `Aussonderung ${prozessId} not found`);
  return row;
}

async function setState(q: Queryable, prozessId: string, state: AussonderungState, now: Date, grund?: string) {
  await q.query('UPDATE aussonderungen SET state = $2, grund = $3, updated_at = $4 WHERE prozess_id = $1', [
    prozessId,
    state,
    grund ?? null,
    now.toISOString(),
  ]);
}

/**
 * The messages are built on every run and delivered under the same name: a run repeated after
 * a crash replaces the file whole (same ProzessID), and the Akten do not change meanwhile
 * (z.d.A., and no Wiederaufnahme while offered). Its record is kept before delivery, so an
 * answer can never arrive for a message we forgot.
 */
const JOB_SETTINGS = {
  payload,
  maxAttempts: 12,
  backoff: { baseMs: 10_000, maxMs: 30 * 60_000 },
  permanent: ['not_found', 'validation_failed', 'blob_missing', 'invalid_transition'] as const,
};

/** Builds and delivers the Anbieteverzeichnis 0501 (metadata only). */
export function anbietenJobHandler(deps: AussonderungDeps): JobHandler {
  return defineJobHandler({
    kind: ANBIETEN_JOB_KIND,
    ...JOB_SETTINGS,
    async run(_ctx, { prozessId }) {
      const p = await prozess(deps.db, prozessId);
      if (p.state !== 'angelegt') return;
      const akten = await Promise.all(
        (await aktenOf(deps.db, prozessId)).map((a) => akteRecord(deps, a.akte_id, { withBytes: false })),
      );
      const message = buildAnbieteverzeichnis({
        akten,
        ...archivParties(deps.authority),
        erstellungszeitpunkt: deps.clock.now(),
        prozessId,
      });
      await deps.db.query('UPDATE aussonderungen SET sent_0501 = $2::jsonb WHERE prozess_id = $1', [
        prozessId,
        JSON.stringify(message.sent),
      ]);
      await deps.connector.deliver(message.fileName, message.zip);
      await setState(deps.db, prozessId, 'angeboten', deps.clock.now());
    },
  });
}

/** Builds and delivers the Aussonderung 0503: the Akten decided A with all their files. */
export function uebergebenJobHandler(deps: AussonderungDeps): JobHandler {
  return defineJobHandler({
    kind: UEBERGEBEN_JOB_KIND,
    ...JOB_SETTINGS,
    async run(_ctx, { prozessId }) {
      const p = await prozess(deps.db, prozessId);
      if (p.state !== 'bewertet') return;
      const akten = await aktenOf(deps.db, prozessId);
      const archivieren = akten.filter((a) => a.entscheidung === 'A');
      const message = buildAussonderung({
        anbietung: sentXdomeaMessageSchema.parse(p.sent_0501),
        bewertung: { prozessId, archivieren: archivieren.map((a) => a.xdomea_id) },
        akten: await Promise.all(archivieren.map((a) => akteRecord(deps, a.akte_id, { withBytes: true }))),
        ...archivParties(deps.authority),
        erstellungszeitpunkt: deps.clock.now(),
      });
      await deps.db.query('UPDATE aussonderungen SET sent_0503 = $2::jsonb WHERE prozess_id = $1', [
        prozessId,
        JSON.stringify(message.sent),
      ]);
      await deps.connector.deliver(message.fileName, message.zip);
      await setState(deps.db, prozessId, 'uebergeben', deps.clock.now());
    },
  });
}

/**
 * Deletes every Akte of the Aussonderung after the archive's import confirmation (or, when the
 * archive took none, after its Bewertung): one transaction per Akte, so a run cut short goes
 * on where it stopped.
 */
export function loeschenJobHandler(deps: AussonderungDeps): JobHandler {
  return defineJobHandler({
    kind: LOESCHEN_JOB_KIND,
    ...JOB_SETTINGS,
    async run(ctx, { prozessId }) {
      const p = await prozess(deps.db, prozessId);
      if (p.state !== 'importiert') return;
      for (const a of await aktenOf(deps.db, prozessId)) {
        if (a.geloescht || a.entscheidung === null) continue;
        if (ctx.signal.aborted) throw new Error('stopped; the next run goes on');
        const entscheidung = a.entscheidung;
        const deletion = await writeTransaction(deps.db, async (tx) => {
          const result = await deleteVorgang(tx, deps.changes, {
            vorgangId: a.akte_id,
            anlass: entscheidung === 'A' ? 'archiviert' : 'vernichtet',
            prozessId,
            veranlasstVon: p.veranlasst_von,
            now: deps.clock.now().toISOString(),
          });
          await tx.query('UPDATE aussonderung_akten SET geloescht = true WHERE prozess_id = $1 AND akte_id = $2', [
            prozessId,
            a.akte_id,
          ]);
          return result;
        });
        if (deletion.event) deps.changes.committed(deletion.event);
      }
      await setState(deps.db, prozessId, 'abgeschlossen', deps.clock.now());
    },
  });
}

/**
 * Reads the archive's answers waiting in the connector's inbox: receipts (0504, 0507), the
 * Bewertungsverzeichnis (0502) and the import confirmation (0506). Each is checked against the
 * message it answers, and must fit the Prozess's state, before anything changes; one that does
 * not is set aside with its reason. Resolves to how many answers moved an Aussonderung on.
 */
export async function readArchivAnswers(deps: AussonderungDeps): Promise<number> {
  return settleAnswers(deps.connector, (name) => readAnswer(deps, name));
}

function sentOrRefuse(value: unknown, name: string, what: string): SentXdomeaMessage {
  if (value === null) throw new DomainError('conflict', `${name}: we have sent no ${what} in this Prozess`);
  return sentXdomeaMessageSchema.parse(value);
}

async function readAnswer(deps: AussonderungDeps, name: string): Promise<AnswerOutcome> {
  const parsed = answerName(name);
  if (!parsed) return { ok: false, reason: `${name}: not named {ProzessID}_{Nachrichtentyp}.zip or .xml` };
  const { prozessId } = parsed;
  const [row] = await deps.db.query<ProzessRow>(
    'SELECT state, veranlasst_von, sent_0501, sent_0503 FROM aussonderungen WHERE prozess_id = $1',
    [prozessId],
  );
  if (!row) return { ok: false, reason: `${name}: no Aussonderung of ours has ProzessID ${prozessId}` };
  const bytes = await deps.connector.read(name);
  const input = parsed.ext === 'xml' ? new TextDecoder('utf-8', { fatal: true }).decode(bytes) : bytes;
  const now = deps.clock.now();

  if (name.includes('Aussonderung.AnbietungEmpfangBestaetigen.0504')) {
    await parseEmpfangBestaetigen(input, sentOrRefuse(row.sent_0501, name, '0501'));
    return { ok: true, changed: false };
  }
  if (name.includes('Aussonderung.AussonderungEmpfangBestaetigen.0507')) {
    await parseEmpfangBestaetigen(input, sentOrRefuse(row.sent_0503, name, '0503'));
    return { ok: true, changed: false };
  }
  if (name.includes('Aussonderung.Bewertungsverzeichnis.0502')) {
    const bewertung = await parseBewertungsverzeichnis(input, sentOrRefuse(row.sent_0501, name, '0501'));
    if (row.state !== 'angeboten') {
      return row.state === 'angelegt'
        ? { ok: false, reason: `${name}: the Anbieteverzeichnis is not delivered yet` }
        : { ok: true, changed: false };
    }
    const archivieren = new Set(bewertung.archivieren.map((id) => id.toLowerCase()));
    await writeTransaction(deps.db, async (tx) => {
      for (const a of await aktenOf(tx, prozessId)) {
        await tx.query('UPDATE aussonderung_akten SET entscheidung = $3 WHERE prozess_id = $1 AND akte_id = $2', [
          prozessId,
          a.akte_id,
          archivieren.has(a.xdomea_id.toLowerCase()) ? 'A' : 'V',
        ]);
      }
      if (archivieren.size === 0) {
        // Nothing to hand over: no 0503, no 0506; the Akten to destroy go now.
        await setState(tx, prozessId, 'importiert', now);
        await enqueueJob(tx, { kind: LOESCHEN_JOB_KIND, idempotencyKey: prozessId, payload: { prozessId } });
      } else {
        await setState(tx, prozessId, 'bewertet', now);
        await enqueueJob(tx, { kind: UEBERGEBEN_JOB_KIND, idempotencyKey: prozessId, payload: { prozessId } });
      }
    });
    return { ok: true, changed: true };
  }
  if (name.includes('Aussonderung.AussonderungImportBestaetigen.0506')) {
    const answer = await parseAussonderungImportBestaetigen(input, sentOrRefuse(row.sent_0503, name, '0503'));
    if (row.state !== 'uebergeben') return { ok: true, changed: false };
    await writeTransaction(deps.db, async (tx) => {
      if (answer.erfolgreich) {
        await setState(tx, prozessId, 'importiert', now);
        await enqueueJob(tx, { kind: LOESCHEN_JOB_KIND, idempotencyKey: prozessId, payload: { prozessId } });
      } else {
        const grund =
          answer.objekte.flatMap((o) => o.fehlermeldungen).join('; ') || 'the archive reported a failed import';
        await setState(tx, prozessId, 'fehler', now, grund);
      }
    });
    return { ok: true, changed: true };
  }
  return { ok: false, reason: `${name}: not an answer in an Aussonderung` };
}
