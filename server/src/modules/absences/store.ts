import { absence as absenceSchema, type Absence } from '../../../../shared/domain/absence.ts';
import type { Queryable } from '../../db/database.ts';

export async function getAbsence(q: Queryable, id: string): Promise<Absence | undefined> {
  const [row] = await q.query<{ doc: unknown }>('SELECT doc FROM absences WHERE id = $1', [id]);
  return row ? absenceSchema.parse(row.doc) : undefined;
}

/** All absences (cancelled and past ones too) in which the user is the absent one. */
export async function absencesOf(q: Queryable, userId: string): Promise<Absence[]> {
  const rows = await q.query<{ doc: unknown }>('SELECT doc FROM absences WHERE user_id = $1 ORDER BY id', [userId]);
  return rows.map((r) => absenceSchema.parse(r.doc));
}

/** Upsert (cancelling rewrites the record) with the given change seq. */
export async function writeAbsence(tx: Queryable, a: Absence, changeSeq: number): Promise<void> {
  await tx.query(
    `INSERT INTO absences (id, user_id, org_unit_id, doc, change_seq) VALUES ($1, $2, $3, $4::jsonb, $5)
     ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc, change_seq = EXCLUDED.change_seq`,
    [a.id, a.userId, a.orgUnitId, JSON.stringify(a), changeSeq],
  );
}
