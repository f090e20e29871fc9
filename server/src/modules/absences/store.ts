import { absence as absenceSchema, type Absence } from '../../../../shared/domain/absence.ts';
import type { Queryable } from '../../db/database.ts';

/** All absences (cancelled and past ones too) in which the user is the absent one. */
export async function absencesOf(q: Queryable, userId: string): Promise<Absence[]> {
  const rows = await q.query<{ doc: unknown }>('SELECT doc FROM absences WHERE user_id = $1 ORDER BY id', [userId]);
  return rows.map((r) => absenceSchema.parse(r.doc));
}
