import type { Table } from 'dexie';
import { entities, type EntityName, type EntityValue } from '../../../shared/sync/entities.ts';
import type { AmtsplatzDb } from './index.ts';
import { fromVorgangRow, toVorgangRow } from './rows.ts';

/**
 * Where the client keeps each entity of the registry (shared/sync/entities.ts) and how a stored
 * row differs from the entity: only a Vorgang carries derived index fields. Everything that
 * stores pulled or optimistic rows goes through these functions, so an entity without a row
 * transform needs nothing here but its registry entry.
 */
type RowTransform<E extends EntityName> = {
  toRow(value: EntityValue<E>): unknown;
  fromRow(row: never): EntityValue<E>;
};

const transforms: { readonly [E in EntityName]?: RowTransform<E> } = {
  vorgang: { toRow: toVorgangRow, fromRow: fromVorgangRow },
};

/** The Dexie table of an entity, with rows as stored. */
export function tableOf(db: AmtsplatzDb, entity: EntityName): Table<unknown, string> {
  return db.table(entities[entity].client.table);
}

export function toStored<E extends EntityName>(entity: E, value: EntityValue<E>): unknown {
  const t: RowTransform<E> | undefined = transforms[entity];
  return t ? t.toRow(value) : value;
}

export function fromStored<E extends EntityName>(entity: E, row: unknown): EntityValue<E> {
  const t: RowTransform<E> | undefined = transforms[entity];
  // Rows were validated on pull (or written by a mutator) before they were stored.
  return t ? t.fromRow(row as never) : (row as EntityValue<E>);
}

export async function getStored<E extends EntityName>(
  db: AmtsplatzDb,
  entity: E,
  id: string,
): Promise<EntityValue<E> | undefined> {
  const row = await tableOf(db, entity).get(id);
  return row === undefined ? undefined : fromStored(entity, row);
}

/** Stores many rows of one entity in one bulkPut. */
export async function putStored<E extends EntityName>(
  db: AmtsplatzDb,
  entity: E,
  values: readonly EntityValue<E>[],
): Promise<void> {
  if (values.length > 0) await tableOf(db, entity).bulkPut(values.map((v) => toStored(entity, v)));
}
