import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Authority } from '../../../../shared/bescheid/authority.ts';
import { DomainError } from '../../../../shared/domain/errors.ts';
import { abgabeEmpfaenger, type AbgabeEmpfaenger } from '../../../../shared/mutators/index.ts';
import type { Clock } from '../../context.ts';
import type { Queryable } from '../../db/database.ts';
import { writeTransaction } from '../../db/write.ts';
import { saveBlob } from '../blobs/blobs.ts';
import type { BlobStore } from '../blobs/store.ts';
import { defineJobHandler, type JobHandler } from '../jobs/registry.ts';
import { enqueueJob } from '../jobs/store.ts';
import type { CommandOrigin } from '../sync/commands.ts';
import type { ChangeFeed } from '../sync/events.ts';
import {
  buildAbgabe,
  parseAbgabeImportBestaetigen,
  parseEmpfangBestaetigen,
  sentXdomeaMessageSchema,
  type XdomeaParty,
} from '../xdomea/index.ts';
import { messageFileName } from '../xdomea/message.ts';
import { answerName, settleAnswers, type AnswerOutcome, type DmsConnector } from './dms.ts';
import { deleteVorgang, releaseBlobs } from './loeschung.ts';
import { aktenplanOf, recordParts, type RecordSources } from './xdomea-records.ts';

/**
 * Abgabe an eine andere Behörde (docs/e-akte.md, "Abgabe"): the lead's `abgebenAnBehoerde`
 * writes the Abgabe and its delivery job in the command's transaction; the job builds the
 * xdomea Abgabe.Abgabe.0401 with every document, keeps it as the hand-over copy, delivers it
 * through the connector and then deletes the Vorgang here (it leaves every client's scope).
 * The recipient's receipt (0403) and import confirmation (0402) are read back; a confirmed
 * import releases the hand-over copy.
 */

export interface AbgabeDeps extends RecordSources {
  blobs: BlobStore;
  clock: Clock;
  changes: ChangeFeed;
  authority: Authority;
  connector: DmsConnector;
}

export const ABGABE_JOB_KIND = 'xdomea-abgabe';
const payload = z.object({ prozessId: z.uuid() }).strict();

/** The hand-over copy may be large (every document of the Vorgang), not unbounded. */
const MAX_MESSAGE_BYTES = 1024 * 1024 * 1024;

export type AbgabeState = 'vorbereitet' | 'uebermittelt' | 'empfangen' | 'importiert' | 'fehler';

/** One Abgabe as the lead and the records manager see it (no personal data). */
export interface AbgabeRow {
  prozessId: string;
  vorgangId: string;
  aktenzeichen: string;
  orgUnitId: string;
  empfaenger: AbgabeEmpfaenger;
  veranlasstVon: string;
  state: AbgabeState;
  grund: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * The effect of `abgebenAnBehoerde`: the Abgabe with a fresh ProzessID and its delivery job,
 * in the command's transaction. Refused where the server has no connector for Abgaben.
 */
export async function enqueueAbgabe(
  tx: Queryable,
  configured: boolean,
  args: { vorgangId: string; empfaenger: AbgabeEmpfaenger },
  origin: CommandOrigin,
): Promise<string> {
  if (!configured) {
    throw new DomainError('validation_failed', 'This server has no connection for Abgaben to other authorities');
  }
  const [v] = await tx.query<{ aktenzeichen: string; org_unit_id: string }>(
    'SELECT aktenzeichen, org_unit_id FROM vorgaenge WHERE id = $1',
    [args.vorgangId],
  );
  if (!v) throw new DomainError('not_found', `Vorgang ${args.vorgangId} not found`);
  const prozessId = randomUUID();
  await tx.query(
    `INSERT INTO abgaben (prozess_id, vorgang_id, aktenzeichen, org_unit_id, empfaenger, veranlasst_von, state,
        created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, 'vorbereitet', $7, $7)`,
    [
      prozessId,
      args.vorgangId,
      v.aktenzeichen,
      v.org_unit_id,
      JSON.stringify(abgabeEmpfaenger.parse(args.empfaenger)),
      origin.actorId,
      origin.serverTime,
    ],
  );
  await enqueueJob(tx, { kind: ABGABE_JOB_KIND, idempotencyKey: prozessId, payload: { prozessId } });
  return prozessId;
}

interface AbgabeDbRow {
  prozess_id: string;
  vorgang_id: string;
  aktenzeichen: string;
  org_unit_id: string;
  empfaenger: unknown;
  veranlasst_von: string;
  state: AbgabeState;
  grund: string | null;
  sent: unknown;
  zip_sha256: string | null;
  created_at: string | Date;
  updated_at: string | Date;
}

const iso = (t: string | Date) => (t instanceof Date ? t : new Date(t)).toISOString();

function toRow(r: AbgabeDbRow): AbgabeRow {
  return {
    prozessId: r.prozess_id,
    vorgangId: r.vorgang_id,
    aktenzeichen: r.aktenzeichen,
    orgUnitId: r.org_unit_id,
    empfaenger: abgabeEmpfaenger.parse(r.empfaenger),
    veranlasstVon: r.veranlasst_von,
    state: r.state,
    grund: r.grund,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

async function abgabeRow(q: Queryable, prozessId: string): Promise<AbgabeDbRow | undefined> {
  const [row] = await q.query<AbgabeDbRow>('SELECT * FROM abgaben WHERE prozess_id = $1', [prozessId]);
  return row;
}

/** The Abgaben of an org unit (a lead's view), or all of them (records manager), newest first. */
export async function listAbgaben(q: Queryable, orgUnitId: string | null): Promise<AbgabeRow[]> {
  const rows = await q.query<AbgabeDbRow>(
    `SELECT * FROM abgaben WHERE $1::text IS NULL OR org_unit_id = $1 ORDER BY created_at DESC, prozess_id LIMIT 500`,
    [orgUnitId],
  );
  return rows.map(toRow);
}

async function parties(
  deps: AbgabeDeps,
  orgUnitId: string,
  to: AbgabeEmpfaenger,
): Promise<{ absender: XdomeaParty; empfaenger: XdomeaParty }> {
  const own = deps.authority.behoerdenkennung;
  if (!own) throw new DomainError('validation_failed', 'The authority has no Behördenkennung for xdomea messages');
  const [unit] = await deps.db.query<{ name: string }>('SELECT name FROM org_units WHERE id = $1', [orgUnitId]);
  return {
    absender: {
      kennung: { praefix: own.praefix, behoerdenschluessel: own.kennung, name: deps.authority.behoerde.name },
      ...(unit ? { organisationseinheit: unit.name } : {}),
    },
    empfaenger: { kennung: { praefix: to.praefix, behoerdenschluessel: to.kennung, name: to.name } },
  };
}

/**
 * Delivers one Abgabe. The message is built once and kept (its ProzessID, file name and bytes
 * are then fixed), so a run repeated after a crash delivers the very same file again, which
 * the recipient takes as the same Prozess; the Vorgang is deleted in the transaction that
 * records the delivery.
 */
export function abgabeJobHandler(deps: AbgabeDeps): JobHandler {
  return defineJobHandler({
    kind: ABGABE_JOB_KIND,
    payload,
    maxAttempts: 12,
    backoff: { baseMs: 10_000, maxMs: 30 * 60_000 },
    permanent: ['not_found', 'validation_failed', 'blob_missing'],
    async run(_ctx, { prozessId }) {
      let row = await abgabeRow(deps.db, prozessId);
      if (!row) throw new DomainError('not_found', `Abgabe ${prozessId} not found`);
      if (row.state !== 'vorbereitet') return;
      const empfaenger = abgabeEmpfaenger.parse(row.empfaenger);
      if (row.zip_sha256 === null) {
        const parts = await recordParts(deps, row.vorgang_id, { withBytes: true });
        const message = buildAbgabe({
          vorgang: parts.vorgang,
          akte: { titel: parts.titel, aktenplan: aktenplanOf(parts.einheit) },
          ...(await parties(deps, row.org_unit_id, empfaenger)),
          erstellungszeitpunkt: deps.clock.now(),
          prozessId,
        });
        const saved = await saveBlob(
          deps.db,
          deps.blobs,
          message.zip,
          { maxBytes: MAX_MESSAGE_BYTES },
          deps.clock.now(),
        );
        await deps.db.query(
          `UPDATE abgaben SET sent = $2::jsonb, zip_sha256 = $3, updated_at = $4 WHERE prozess_id = $1 AND zip_sha256 IS NULL`,
          [prozessId, JSON.stringify(message.sent), saved.sha256, deps.clock.now().toISOString()],
        );
        row = await abgabeRow(deps.db, prozessId);
        if (row?.zip_sha256 == null) throw new DomainError('conflict', `Abgabe ${prozessId} changed meanwhile`);
      }
      const zip = await deps.blobs.readAll(row.zip_sha256);
      if (!zip) throw new DomainError('blob_missing', 'the hand-over copy of the Abgabe is not in the blob store');
      await deps.connector.deliver(messageFileName(prozessId, 'Abgabe.Abgabe.0401', 'zip'), zip);
      const vorgangId = row.vorgang_id;
      const veranlasstVon = row.veranlasst_von;
      const deletion = await writeTransaction(deps.db, async (tx) => {
        const now = deps.clock.now().toISOString();
        await tx.query(`UPDATE abgaben SET state = 'uebermittelt', updated_at = $2 WHERE prozess_id = $1`, [
          prozessId,
          now,
        ]);
        return deleteVorgang(tx, deps.changes, { vorgangId, anlass: 'abgabe', prozessId, veranlasstVon, now });
      });
      if (deletion.event) deps.changes.committed(deletion.event);
    },
  });
}

/**
 * Reads the recipients' answers waiting in the connector's inbox (0403 received, 0402 imported
 * or not). Each is checked against the message it answers before anything changes; one that
 * fails, or answers no Abgabe of ours, is set aside with its reason. Resolves to how many
 * answers changed an Abgabe.
 */
export async function readAbgabeAnswers(deps: AbgabeDeps): Promise<number> {
  return settleAnswers(deps.connector, (name) => readAnswer(deps, name));
}

async function readAnswer(deps: AbgabeDeps, name: string): Promise<AnswerOutcome> {
  const parsed = answerName(name);
  if (!parsed) return { ok: false, reason: `${name}: not named {ProzessID}_{Nachrichtentyp}.zip or .xml` };
  const row = await abgabeRow(deps.db, parsed.prozessId);
  if (row?.sent == null) return { ok: false, reason: `${name}: no Abgabe of ours has ProzessID ${parsed.prozessId}` };
  const sent = sentXdomeaMessageSchema.parse(row.sent);
  const bytes = await deps.connector.read(name);
  const input = parsed.ext === 'xml' ? new TextDecoder('utf-8', { fatal: true }).decode(bytes) : bytes;
  const now = deps.clock.now().toISOString();
  if (name.includes('Abgabe.ImportBestaetigen.0402')) {
    const answer = await parseAbgabeImportBestaetigen(input, sent);
    if (row.state === 'importiert') return { ok: true, changed: false };
    const grund = answer.erfolgreich
      ? null
      : answer.objekte.flatMap((o) => o.fehlermeldungen).join('; ') || 'the recipient reported a failed import';
    await writeTransaction(deps.db, async (tx) => {
      await tx.query(`UPDATE abgaben SET state = $2, grund = $3, updated_at = $4 WHERE prozess_id = $1`, [
        parsed.prozessId,
        answer.erfolgreich ? 'importiert' : 'fehler',
        grund,
        now,
      ]);
      // The recipient holds the record now: the hand-over copy goes. After a failed import it
      // stays, for IT to deliver again once the recipient has mended its import.
      if (answer.erfolgreich && row.zip_sha256 !== null) {
        await tx.query('UPDATE abgaben SET zip_sha256 = NULL WHERE prozess_id = $1', [parsed.prozessId]);
        await releaseBlobs(tx, [row.zip_sha256]);
      }
    });
    return { ok: true, changed: true };
  }
  if (name.includes('Abgabe.EmpfangBestaetigen.0403')) {
    await parseEmpfangBestaetigen(input, sent);
    if (row.state !== 'uebermittelt') return { ok: true, changed: false };
    await deps.db.query(`UPDATE abgaben SET state = 'empfangen', updated_at = $2 WHERE prozess_id = $1`, [
      parsed.prozessId,
      now,
    ]);
    return { ok: true, changed: true };
  }
  return { ok: false, reason: `${name}: not an answer to Abgabe.Abgabe.0401` };
}
