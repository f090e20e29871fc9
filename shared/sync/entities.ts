import type { z } from 'zod';
import { absence } from '../domain/absence.ts';
import { akte } from '../domain/akte.ts';
import { bescheid } from '../domain/bescheid.ts';
import { dokument } from '../domain/dokument.ts';
import { orgUnit, user } from '../domain/user.ts';
import { umlauf } from '../domain/umlauf.ts';
import { note, vorgang } from '../domain/vorgang.ts';

/**
 * Whose clients see a row. `owner`: the org unit the row names (`orgUnitId`) holds the grant.
 * `vorgang`: the row follows the scope of the Vorgang it names (`vorgangId`): it enters and
 * leaves a client's scope together with that Vorgang, including the Vorgang's extra grants
 * (server/src/modules/sync/scopes.ts). `public`: every signed-in user sees it (catalogues such as
 * the org units a Vorgang can be handed to).
 */
export type ScopeRule = { readonly kind: 'owner' } | { readonly kind: 'vorgang' } | { readonly kind: 'public' };

/** How the server writes a row: `upsert`, or `insert` for rows the database keeps immutable. */
export type ServerWrite = 'upsert' | 'insert';

/**
 * One synced entity, declared once: its schema and key, who may see it, where the client
 * stores it (Dexie table and the indexes of the current schema version) and where the server
 * keeps it (table, indexed columns besides id/org_unit_id/doc/change_seq, write mode). The
 * client sync, the mutator storage on both sides, the pull stream and the change union are
 * loops over this registry.
 */
export interface EntityDef<S extends z.ZodType<{ id: string }>, W extends boolean = boolean> {
  readonly schema: S;
  readonly scope: ScopeRule;
  /** Whether commands (mutators) may write it; read-only entities come from the server only. */
  readonly writable: W;
  readonly client: { readonly table: string; readonly indexes: string };
  readonly server: {
    readonly table: string;
    /** Indexed columns and how they derive from the entity (values must be JSON scalars). */
    readonly columns: Readonly<Record<string, (row: z.infer<S>) => string | number | null>>;
    /** Columns an upsert must find unchanged (a Bescheid never moves to another Vorgang). */
    readonly fixed?: readonly string[];
    readonly write: ServerWrite;
    /** SQL building the pulled document from the table alias `t`, when it is not `t.doc`. */
    readonly pullDoc?: string;
  };
}

function defineEntity<S extends z.ZodType<{ id: string }>, W extends boolean>(def: EntityDef<S, W>): EntityDef<S, W> {
  return def;
}

export const entities = {
  vorgang: defineEntity({
    schema: vorgang,
    scope: { kind: 'owner' },
    writable: true,
    client: {
      table: 'vorgaenge',
      indexes: 'id, [assigneeKey+open+frist], [orgUnitId+open+frist], frist, updatedAt',
    },
    server: {
      table: 'vorgaenge',
      columns: {
        aktenzeichen: (v) => v.aktenzeichen,
        verfahren_id: (v) => v.verfahrenId,
        assignee_id: (v) => v.assigneeId,
        status: (v) => v.status,
        frist: (v) => v.frist,
        version: (v) => v.version,
      },
      write: 'upsert',
    },
  }),
  note: defineEntity({
    schema: note,
    scope: { kind: 'vorgang' },
    writable: true,
    client: { table: 'notes', indexes: 'id, [vorgangId+createdAt]' },
    server: { table: 'notes', columns: { vorgang_id: (n) => n.vorgangId }, write: 'upsert' },
  }),
  dokument: defineEntity({
    schema: dokument,
    scope: { kind: 'vorgang' },
    writable: true,
    client: { table: 'dokumente', indexes: 'id, vorgangId' },
    server: {
      table: 'dokumente',
      columns: { vorgang_id: (d) => d.vorgangId, sha256: (d) => d.sha256 },
      write: 'insert',
    },
  }),
  absence: defineEntity({
    schema: absence,
    scope: { kind: 'owner' },
    writable: true,
    client: { table: 'absences', indexes: 'id, userId, deputyId' },
    server: { table: 'absences', columns: { user_id: (a) => a.userId }, write: 'upsert' },
  }),
  bescheid: defineEntity({
    schema: bescheid,
    scope: { kind: 'vorgang' },
    writable: true,
    client: { table: 'bescheide', indexes: 'id, vorgangId, [orgUnitId+state]' },
    server: {
      table: 'bescheide',
      columns: { vorgang_id: (b) => b.vorgangId, state: (b) => b.state },
      fixed: ['vorgang_id', 'org_unit_id'],
      write: 'upsert',
    },
  }),
  akte: defineEntity({
    schema: akte,
    // A Fallakte follows its Vorgang: it enters and leaves a client's scope with it.
    scope: { kind: 'vorgang' },
    writable: true,
    client: { table: 'akten', indexes: 'id, vorgangId, kennzeichen' },
    server: {
      table: 'akten',
      columns: {
        vorgang_id: (a) => a.vorgangId,
        kennzeichen: (a) => a.kennzeichen,
        status: (a) => a.status,
        aufbewahrung_bis: (a) => a.aufbewahrungBis,
      },
      fixed: ['vorgang_id'],
      write: 'upsert',
    },
  }),
  umlauf: defineEntity({
    schema: umlauf,
    // Shared with the Umlauf's participants through grants (server/src/modules/sync/scopes.ts).
    scope: { kind: 'vorgang' },
    writable: true,
    client: { table: 'umlaeufe', indexes: 'id, vorgangId, state' },
    server: {
      table: 'umlaeufe',
      columns: { vorgang_id: (u) => u.vorgangId, state: (u) => u.state },
      fixed: ['vorgang_id', 'org_unit_id'],
      write: 'upsert',
    },
  }),
  user: defineEntity({
    schema: user,
    scope: { kind: 'owner' },
    writable: false,
    client: { table: 'users', indexes: 'id, orgUnitId' },
    server: {
      table: 'users',
      columns: {},
      write: 'upsert',
      pullDoc: `jsonb_build_object('id', t.id, 'username', t.username, 'displayName', t.display_name,
        'roles', t.roles, 'orgUnitId', t.org_unit_id)`,
    },
  }),
  orgUnit: defineEntity({
    schema: orgUnit,
    scope: { kind: 'public' },
    writable: false,
    client: { table: 'orgUnits', indexes: 'id' },
    server: {
      table: 'org_units',
      columns: {},
      write: 'upsert',
      pullDoc: `jsonb_build_object('id', t.id, 'name', t.name)`,
    },
  }),
} as const;

export type Entities = typeof entities;
export type EntityName = keyof Entities;
export type EntityValue<E extends EntityName> = z.infer<Entities[E]['schema']>;
/** Entities commands write (everything but the read-only ones). */
export type WritableEntity = { [E in EntityName]: Entities[E]['writable'] extends true ? E : never }[EntityName];

/**
 * The declaration of one entity, typed by its name. TypeScript cannot correlate an index into
 * the registry with a generic name on its own; the registry's shape guarantees it.
 */
export function entityDef<E extends EntityName>(entity: E): EntityDef<z.ZodType<EntityValue<E>>> {
  return entities[entity] as unknown as EntityDef<z.ZodType<EntityValue<E>>>;
}

export const ENTITY_NAMES = Object.keys(entities) as EntityName[];
export const WRITABLE_ENTITIES = ENTITY_NAMES.filter(isWritable);

export function isWritable(entity: EntityName): entity is WritableEntity {
  return entities[entity].writable;
}

export function isEntityName(name: string): name is EntityName {
  return Object.hasOwn(entities, name);
}

/** A pulled row of one entity. */
export type EntityChange<E extends EntityName = EntityName> = {
  [K in E]: { entity: K; value: EntityValue<K> };
}[E];

/** A row that left the client's scope: the client deletes it (and what hangs on it). */
export interface ScopeExit {
  entity: EntityName;
  id: string;
}
