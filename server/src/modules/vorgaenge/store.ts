import type { Vorgang } from '../../../../shared/domain/vorgang.ts';
import type { Queryable } from '../../db/database.ts';

const COLUMNS = 'id, aktenzeichen, verfahren_id, org_unit_id, assignee_id, status, frist, version, doc, change_seq';

/** Upsert of one Vorgang: the full document, its indexed columns and the given change seq. */
export async function writeVorgang(tx: Queryable, v: Vorgang, changeSeq: number): Promise<void> {
  await tx.query(
    `INSERT INTO vorgaenge (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10)
     ON CONFLICT (id) DO UPDATE SET
       aktenzeichen = EXCLUDED.aktenzeichen, verfahren_id = EXCLUDED.verfahren_id, org_unit_id = EXCLUDED.org_unit_id,
       assignee_id = EXCLUDED.assignee_id, status = EXCLUDED.status, frist = EXCLUDED.frist,
       version = EXCLUDED.version, doc = EXCLUDED.doc, change_seq = EXCLUDED.change_seq`,
    [
      v.id,
      v.aktenzeichen,
      v.verfahrenId,
      v.orgUnitId,
      v.assigneeId,
      v.status,
      v.frist,
      v.version,
      JSON.stringify(v),
      changeSeq,
    ],
  );
}

/**
 * Inserts new Vorgänge in one statement (one parameter: the JSON array), each with its own
 * change seq. Only inside writeTransaction (it allocates change seqs).
 */
export async function insertVorgaenge(tx: Queryable, batch: readonly Vorgang[]): Promise<void> {
  if (batch.length === 0) return;
  await tx.query(
    `INSERT INTO vorgaenge (${COLUMNS})
     SELECT (d->>'id')::uuid, d->>'aktenzeichen', d->>'verfahrenId', d->>'orgUnitId', d->>'assigneeId', d->>'status',
            (d->>'frist')::date, (d->>'version')::int, d, nextval('change_seq_seq')
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(d, i)
      ORDER BY i`,
    [JSON.stringify(batch)],
  );
}
