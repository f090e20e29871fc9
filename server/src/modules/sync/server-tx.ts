import type { User } from '../../../../shared/domain/user.ts';
import type { Aktenplan } from '../../../../shared/domain/aktenplan.ts';
import type { VerfahrenDef } from '../../../../shared/domain/verfahren.ts';
import type { MutatorTx } from '../../../../shared/mutators/types.ts';
import { entities, entityDef, type EntityValue, type WritableEntity } from '../../../../shared/sync/entities.ts';
import type { Queryable } from '../../db/database.ts';
import { nextChangeSeq } from '../../db/write.ts';
import { absencesOf } from '../absences/store.ts';
import { getUserById } from '../auth/users.ts';
import { mayUseBlob } from '../blobs/blobs.ts';
import type { BlobStore } from '../blobs/store.ts';
import { SNIFF_BYTES, sniffMediaType } from '../../../../shared/domain/media-sniff.ts';
import { getEntity, writeEntity } from './entity-store.ts';
import { moveVorgangScope } from './scopes.ts';

/** What a transaction changed, for the poke after commit. */
export interface WrittenChanges {
  orgUnitIds: Set<string>;
  userIds: Set<string>;
  maxSeq: number;
}

export interface SqlMutatorTx extends MutatorTx {
  readonly written: WrittenChanges;
}

/**
 * The server's MutatorTx over one SQL write transaction (see writeTransaction). Everything a
 * command writes is validated against the shared schema first: a bug must not put a row into
 * the database that clients would reject on pull. A row is stored under the org unit its
 * scope rule names (its own `orgUnitId`, or its Vorgang's); a Vorgang that moves to another
 * org unit takes its rows along and leaves scope exits behind (scopes.ts). Verfahren come
 * from the definitions the server loaded at start (resources/verfahren), Aktenplaneinheiten
 * from its Aktenplan.
 */
/** What the server loaded at start that commands read: the Verfahren and the Aktenplan. */
export interface Catalog {
  verfahren: readonly VerfahrenDef[];
  aktenplan?: Aktenplan | undefined;
}

export function sqlMutatorTx(tx: Queryable, catalog: Catalog, blobs?: BlobStore): SqlMutatorTx {
  const written: WrittenChanges = { orgUnitIds: new Set(), userIds: new Set(), maxSeq: 0 };
  const allocate = async (orgUnitId: string): Promise<number> => {
    const seq = await nextChangeSeq(tx);
    written.orgUnitIds.add(orgUnitId);
    written.maxSeq = Math.max(written.maxSeq, seq);
    return seq;
  };
  const orgUnitOf = async <E extends WritableEntity>(entity: E, value: EntityValue<E>): Promise<string> => {
    if ('orgUnitId' in value && entities[entity].scope.kind === 'owner') return value.orgUnitId;
    if (!('vorgangId' in value)) throw new Error(`${entity}: no scope to store it under`);
    const [owner] = await tx.query<{ org_unit_id: string }>('SELECT org_unit_id FROM vorgaenge WHERE id = $1', [
      value.vorgangId,
    ]);
    if (!owner) throw new Error(`${entity} ${value.id}: Vorgang ${value.vorgangId} does not exist`);
    return owner.org_unit_id;
  };
  return {
    written,
    get: (entity, id) => getEntity(tx, entity, id),
    async put(entity, value) {
      const valid = entityDef(entity).schema.parse(value);
      const orgUnitId = await orgUnitOf(entity, valid);
      const previous = await writeEntity(tx, entity, valid, orgUnitId, await allocate(orgUnitId));
      if (entity === 'vorgang' && previous !== undefined && previous !== orgUnitId) {
        const moved = await moveVorgangScope(tx, valid.id, previous, orgUnitId);
        written.orgUnitIds.add(previous);
        written.maxSeq = Math.max(written.maxSeq, moved);
      }
    },
    getUser: (id): Promise<User | undefined> => getUserById(tx, id),
    getVerfahren: async (id) => catalog.verfahren.find((v) => v.id === id),
    getAktenplanEinheit: async (kennzeichen) => catalog.aktenplan?.einheiten.find((e) => e.kennzeichen === kennzeichen),
    async blobUsable(sha256, mediaType, actor) {
      if (!blobs || !(await mayUseBlob(tx, sha256, actor))) return 'missing';
      const head = await blobs.head(sha256, SNIFF_BYTES);
      if (!head) return 'missing';
      // The type comes from the bytes, not from the claim.
      return sniffMediaType(head.bytes, head.complete) === mediaType ? 'ok' : 'wrong_type';
    },
    absencesOf: (userId) => absencesOf(tx, userId),
    async orgUnitExists(id) {
      return (await tx.query('SELECT 1 FROM org_units WHERE id = $1', [id])).length > 0;
    },
  };
}
