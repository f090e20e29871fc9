import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DomainError } from '../../../../shared/domain/errors.ts';
import { entities } from '../../../../shared/sync/entities.ts';
import type { Queryable } from '../../db/database.ts';
import type { BlobStore } from '../blobs/store.ts';
import { defineJobHandler, type JobHandler } from '../jobs/registry.ts';
import { enqueueJob } from '../jobs/store.ts';
import type { ChangeEvent, ChangeFeed } from '../sync/events.ts';
import { exitEveryScope, VORGANG_SCOPED } from '../sync/scopes.ts';

/**
 * Deleting a Vorgang that leaves the authority (docs/e-akte.md, "Löschung"): after its Abgabe
 * to another authority, or after the Aussonderung (the archive took it over, or it was to be
 * destroyed). Everything goes — the Vorgang, its Akte, documents, notes, Bescheide, journal,
 * grants, the bytes no other record holds — and a deletion record stays that names the
 * matter and the act, never the person. Every client drops the rows through scope exits.
 */

export type LoeschAnlass = 'abgabe' | 'archiviert' | 'vernichtet';

export interface LoeschAuftrag {
  vorgangId: string;
  anlass: LoeschAnlass;
  /** The message the deletion follows: the 0401, or the Aussonderung's ProzessID. */
  prozessId: string;
  /** Whose act it follows: the lead of the Abgabe, the records manager of the Aussonderung. */
  veranlasstVon: string;
  now: string;
}

export interface Loeschung {
  /** False when the Vorgang was deleted already (a repeated run). */
  deleted: boolean;
  /** The change to announce after commit (the scope exits); undefined when nothing changed. */
  event: ChangeEvent | undefined;
  dokumente: number;
  /** Bytes no record holds any more, removed from the blob store by a job after commit. */
  blobs: string[];
}

export const BLOB_REMOVAL_JOB_KIND = 'blobs-entfernen';
const removalPayload = z
  .object({
    sha256: z
      .array(z.string().regex(/^[0-9a-f]{64}$/))
      .min(1)
      .max(10_000),
  })
  .strict();

/** Tables of a Vorgang's rows in deletion order (children first; the Vorgang row last). */
function rowTables(): string[] {
  const tables = VORGANG_SCOPED.map((e) => entities[e].server.table).filter((t) => t !== 'akten');
  return [...tables, 'akten'];
}

/**
 * Deletes the Vorgang inside the caller's write transaction, after writing its deletion
 * record (the database refuses the deletes otherwise, migration 0013). Idempotent: a Vorgang
 * deleted already (its record exists) is left alone. The caller announces `event` with the
 * change feed after commit.
 */
export async function deleteVorgang(tx: Queryable, changes: ChangeFeed, auftrag: LoeschAuftrag): Promise<Loeschung> {
  const [v] = await tx.query<{ aktenzeichen: string; org_unit_id: string }>(
    'SELECT aktenzeichen, org_unit_id FROM vorgaenge WHERE id = $1 FOR UPDATE',
    [auftrag.vorgangId],
  );
  if (!v) {
    const [done] = await tx.query('SELECT 1 FROM loeschungen WHERE vorgang_id = $1', [auftrag.vorgangId]);
    if (done) return { deleted: false, event: undefined, dokumente: 0, blobs: [] };
    throw new DomainError('not_found', `Vorgang ${auftrag.vorgangId} not found`);
  }
  const [akte] = await tx.query<{ kennzeichen: string; eroeffnet: string; zda: string | null; bis: string | null }>(
    `SELECT kennzeichen, doc->>'eroeffnetAm' AS eroeffnet, doc->'abschluss'->>'am' AS zda,
            to_char(aufbewahrung_bis, 'YYYY-MM-DD') AS bis
       FROM akten WHERE vorgang_id = $1`,
    [auftrag.vorgangId],
  );
  if (!akte) throw new DomainError('not_found', `The Akte of Vorgang ${auftrag.vorgangId} not found`);
  const hashes = await tx.query<{ sha256: string }>('SELECT DISTINCT sha256 FROM dokumente WHERE vorgang_id = $1', [
    auftrag.vorgangId,
  ]);
  const [count] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM dokumente WHERE vorgang_id = $1', [
    auftrag.vorgangId,
  ]);
  await tx.query(
    `INSERT INTO loeschungen (vorgang_id, aktenzeichen, kennzeichen, org_unit_id, eroeffnet_am, zda_am,
        aufbewahrung_bis, anlass, prozess_id, veranlasst_von, geloescht_am, dokumente)
     VALUES ($1, $2, $3, $4, $5::date, $6::date, $7::date, $8, $9, $10, $11, $12)`,
    [
      auftrag.vorgangId,
      v.aktenzeichen,
      akte.kennzeichen,
      v.org_unit_id,
      akte.eroeffnet,
      akte.zda,
      akte.bis,
      auftrag.anlass,
      auftrag.prozessId,
      auftrag.veranlasstVon,
      auftrag.now,
      count?.n ?? 0,
    ],
  );
  const exits = await exitEveryScope(tx, auftrag.vorgangId);
  await tx.query('DELETE FROM scope_grants WHERE vorgang_id = $1', [auftrag.vorgangId]);
  await tx.query('DELETE FROM journal_events WHERE vorgang_id = $1', [auftrag.vorgangId]);
  await tx.query('DELETE FROM dms_ablagen WHERE akte_id = $1', [auftrag.vorgangId]);
  for (const table of rowTables()) await tx.query(`DELETE FROM ${table} WHERE vorgang_id = $1`, [auftrag.vorgangId]);
  await tx.query('DELETE FROM vorgaenge WHERE id = $1', [auftrag.vorgangId]);
  const blobs = await releaseBlobs(
    tx,
    hashes.map((h) => h.sha256),
  );
  const event: ChangeEvent = { cursor: exits.maxSeq, orgUnitIds: exits.orgUnitIds, userIds: exits.userIds };
  if (exits.maxSeq > 0) await changes.announce(tx, event);
  return { deleted: true, event: exits.maxSeq > 0 ? event : undefined, dokumente: count?.n ?? 0, blobs };
}

/**
 * Forgets bytes no record holds any more (no document of another Vorgang, no kept message)
 * and asks for their files to be removed after commit (a job: a crash after commit still
 * removes them). Returns the hashes released.
 */
export async function releaseBlobs(tx: Queryable, candidates: readonly string[]): Promise<string[]> {
  if (candidates.length === 0) return [];
  const free = await tx.query<{ sha256: string }>(
    `SELECT b.sha256 FROM blobs b WHERE b.sha256 = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM dokumente d WHERE d.sha256 = b.sha256)
        AND NOT EXISTS (SELECT 1 FROM abgaben a WHERE a.zip_sha256 = b.sha256)
      ORDER BY b.sha256`,
    [candidates],
  );
  const released = free.map((f) => f.sha256);
  if (released.length === 0) return [];
  await tx.query('DELETE FROM blob_holders WHERE sha256 = ANY($1::text[])', [released]);
  await tx.query('DELETE FROM blobs WHERE sha256 = ANY($1::text[])', [released]);
  // Each release is its own effect: bytes uploaded again and released later need a new run.
  await enqueueJob(tx, { kind: BLOB_REMOVAL_JOB_KIND, idempotencyKey: randomUUID(), payload: { sha256: released } });
  return released;
}

/**
 * Removes the files of released bytes. A file whose bytes came back meanwhile (uploaded again,
 * so a `blobs` row exists) stays.
 */
export function blobRemovalJobHandler(deps: { blobs: BlobStore }): JobHandler {
  return defineJobHandler({
    kind: BLOB_REMOVAL_JOB_KIND,
    payload: removalPayload,
    maxAttempts: 10,
    async run(ctx, { sha256 }) {
      const back = await ctx.db.query<{ sha256: string }>('SELECT sha256 FROM blobs WHERE sha256 = ANY($1::text[])', [
        sha256,
      ]);
      const keep = new Set(back.map((b) => b.sha256));
      for (const h of sha256) if (!keep.has(h)) await deps.blobs.remove(h);
    },
  });
}
