import { entityDef, type EntityValue, type WritableEntity } from '../../../../shared/sync/entities.ts';
import type { Queryable } from '../../db/database.ts';

/**
 * Generic SQL over the entity registry (shared/sync/entities.ts): every synced table has
 * `id`, `org_unit_id` (the owning org unit's grant), `doc` (the entity as JSON), `change_seq`
 * and the indexed columns its declaration derives. Table and column names come from the
 * registry, never from input.
 */

export async function getEntity<E extends WritableEntity>(
  q: Queryable,
  entity: E,
  id: string,
): Promise<EntityValue<E> | undefined> {
  const def = entityDef(entity);
  const [row] = await q.query<{ doc: unknown }>(`SELECT doc FROM ${def.server.table} WHERE id = $1`, [id]);
  return row ? def.schema.parse(row.doc) : undefined;
}

/** The org unit whose grant the row is under before this write (undefined: a new row). */
export type PreviousOwner = string | undefined;

/**
 * Writes one validated row under the org unit and change seq given. Returns the org unit the
 * row was stored under before, so the caller can record a scope exit when it moved.
 */
export async function writeEntity<E extends WritableEntity>(
  tx: Queryable,
  entity: E,
  value: EntityValue<E>,
  orgUnitId: string,
  changeSeq: number,
): Promise<PreviousOwner> {
  const def = entityDef(entity);
  const { table, columns } = def.server;
  const extra = Object.keys(columns);
  const names = ['id', 'org_unit_id', ...extra, 'doc', 'change_seq'];
  const values: unknown[] = [value.id, orgUnitId, ...extra.map((c) => columns[c]?.(value) ?? null)];
  values.push(JSON.stringify(value), changeSeq);
  const placeholders = names.map((n, i) => (n === 'doc' ? `$${i + 1}::jsonb` : `$${i + 1}`));
  // The sub-select in RETURNING sees the table as it was before this statement.
  const previous = `(SELECT p.org_unit_id FROM ${table} p WHERE p.id = $1) AS previous`;
  let sql = `INSERT INTO ${table} (${names.join(', ')}) VALUES (${placeholders.join(', ')})`;
  if (def.server.write === 'upsert') {
    const updates = names.filter((n) => n !== 'id').map((n) => `${n} = EXCLUDED.${n}`);
    const fixed = (def.server.fixed ?? []).map((c) => `${table}.${c} = EXCLUDED.${c}`);
    sql += ` ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}`;
    if (fixed.length > 0) sql += ` WHERE ${fixed.join(' AND ')}`;
  }
  const rows = await tx.query<{ previous: string | null }>(`${sql} RETURNING ${previous}`, values);
  const [row] = rows;
  if (!row)
    throw new Error(`${entity} ${value.id}: the stored row may not move (${(def.server.fixed ?? []).join(', ')})`);
  return row.previous ?? undefined;
}
