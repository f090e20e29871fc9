import { dokument as dokumentSchema, type Dokument } from '../../../../shared/domain/dokument.ts';
import type { Queryable } from '../../db/database.ts';

export async function getDokument(q: Queryable, id: string): Promise<Dokument | undefined> {
  const [row] = await q.query<{ doc: unknown }>('SELECT doc FROM dokumente WHERE id = $1', [id]);
  return row ? dokumentSchema.parse(row.doc) : undefined;
}

/** A Dokument with the org unit of its Vorgang (a copy the pull and the download check index). */
export interface DokumentRow {
  dokument: Dokument;
  orgUnitId: string;
}

/**
 * Inserts many documents in one statement (one parameter: the JSON array), each with its own
 * change seq. Only inside writeTransaction (it allocates change seqs).
 */
export async function insertDokumente(tx: Queryable, batch: readonly DokumentRow[]): Promise<void> {
  if (batch.length === 0) return;
  await tx.query(
    `INSERT INTO dokumente (id, vorgang_id, org_unit_id, sha256, doc, change_seq)
     SELECT (e->'d'->>'id')::uuid, (e->'d'->>'vorgangId')::uuid, e->>'o', e->'d'->>'sha256', e->'d',
            nextval('change_seq_seq')
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, i)
      ORDER BY i`,
    [JSON.stringify(batch.map((r) => ({ o: r.orgUnitId, d: r.dokument })))],
  );
}

/** Whether a document of the org unit references the bytes: the download permission. */
export async function orgUnitReferencesBlob(q: Queryable, orgUnitId: string, sha256: string): Promise<boolean> {
  const rows = await q.query('SELECT 1 FROM dokumente WHERE org_unit_id = $1 AND sha256 = $2 LIMIT 1', [
    orgUnitId,
    sha256,
  ]);
  return rows.length > 0;
}
