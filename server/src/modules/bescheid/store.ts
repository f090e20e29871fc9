import { bescheid as bescheidSchema, type Bescheid } from '../../../../shared/domain/bescheid.ts';
import type { Queryable } from '../../db/database.ts';

export async function getBescheid(q: Queryable, id: string): Promise<Bescheid | undefined> {
  const [row] = await q.query<{ doc: unknown }>('SELECT doc FROM bescheide WHERE id = $1', [id]);
  return row ? bescheidSchema.parse(row.doc) : undefined;
}

/**
 * Upsert of one Bescheid with the given change seq, validated against the shared schema first:
 * a row clients would reject on pull never reaches the table. The Vorgang and org unit of an
 * existing row cannot change (a Bescheid belongs to its Vorgang for good); the database refuses
 * any change of a sealed one.
 */
export async function writeBescheid(q: Queryable, b: Bescheid, changeSeq: number): Promise<void> {
  const valid = bescheidSchema.parse(b);
  const rows = await q.query(
    `INSERT INTO bescheide (id, vorgang_id, org_unit_id, state, doc, change_seq) VALUES ($1, $2, $3, $4, $5::jsonb, $6)
     ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, doc = EXCLUDED.doc, change_seq = EXCLUDED.change_seq
       WHERE bescheide.vorgang_id = EXCLUDED.vorgang_id AND bescheide.org_unit_id = EXCLUDED.org_unit_id
     RETURNING id`,
    [valid.id, valid.vorgangId, valid.orgUnitId, valid.state, JSON.stringify(valid), changeSeq],
  );
  if (rows.length === 0) throw new Error(`writeBescheid: Bescheid ${valid.id} belongs to another Vorgang`);
}

/**
 * A new change seq for the stored row, unchanged otherwise: after a rejected push the client
 * pulls the authoritative Bescheid over its optimistic one (allowed for sealed rows too).
 */
export async function touchBescheid(q: Queryable, id: string, changeSeq: number): Promise<boolean> {
  const rows = await q.query('UPDATE bescheide SET change_seq = $2 WHERE id = $1 RETURNING id', [id, changeSeq]);
  return rows.length > 0;
}

/** The Vorgang a Bescheid belongs to: the journal target of the Bescheid mutators, which name only the Bescheid. */
export async function vorgangIdOfBescheid(q: Queryable, id: string): Promise<string | undefined> {
  const [row] = await q.query<{ vorgang_id: string }>('SELECT vorgang_id FROM bescheide WHERE id = $1', [id]);
  return row?.vorgang_id;
}
