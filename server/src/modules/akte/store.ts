import { isLeaf, type Aktenplan } from '../../../../shared/domain/aktenplan.ts';
import type { Queryable } from '../../db/database.ts';

/**
 * Fixes the retention of Akten stored closed without one — Vorgänge concluded before the
 * E-Akte existed, and demo data seeded concluded — from the Aktenplan as it is now: 31
 * December of the z.d.A. year plus the Einheit's Aufbewahrungsfrist (shared/domain/aktenplan.ts
 * `aufbewahrungBis`), with its Aussonderungsart. Idempotent: an Akte with a retention keeps it
 * (the database refuses to change it). Resolves to the number of Akten settled.
 */
export async function settleRetention(tx: Queryable, plan: Aktenplan): Promise<number> {
  let settled = 0;
  for (const e of plan.einheiten) {
    if (!isLeaf(e)) continue;
    const rows = await tx.query(
      `WITH due AS (
         SELECT id, make_date(extract(year FROM (doc->'abschluss'->>'am')::date)::int + $2, 12, 31) AS bis
           FROM akten
          WHERE kennzeichen = $1 AND status = 'zda' AND aufbewahrung_bis IS NULL
            AND jsonb_typeof(doc->'abschluss') = 'object'
       )
       UPDATE akten a
          SET aufbewahrung_bis = due.bis,
              doc = a.doc || jsonb_build_object('aufbewahrungBis', to_char(due.bis, 'YYYY-MM-DD'), 'aussonderungsart', $3::text),
              change_seq = nextval('change_seq_seq')
         FROM due
        WHERE a.id = due.id
       RETURNING a.id`,
      [e.kennzeichen, e.aufbewahrungsfristJahre, e.aussonderungsart],
    );
    settled += rows.length;
  }
  return settled;
}
