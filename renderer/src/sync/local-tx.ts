import type { AktenplanEinheit } from '../../../shared/domain/aktenplan.ts';
import type { Absence, User, VerfahrenDef } from '../../../shared/domain/index.ts';
import { getMeta } from '../db/meta.ts';
import type { MutatorTx } from '../../../shared/mutators/index.ts';
import { WRITABLE_ENTITIES, type EntityValue, type WritableEntity } from '../../../shared/sync/entities.ts';
import { shadowKey, type AmtsplatzDb } from '../db/index.ts';
import { getStored, putStored, tableOf } from '../db/entity-tables.ts';

/** Tables a local mutator run reads and writes; callers include them in their Dexie transaction. */
export function mutatorTables(db: AmtsplatzDb) {
  return [...WRITABLE_ENTITIES.map((e) => tableOf(db, e)), db.users, db.verfahren, db.meta, db.blobs, db.shadows];
}

export interface LocalMutatorTx extends MutatorTx {
  /** Writes the buffered effects, first saving the server state of each row touched for the first time. */
  commit(): Promise<void>;
}

type Buffers = { [E in WritableEntity]: Map<string, EntityValue<E>> };

/**
 * A MutatorTx over Dexie that buffers writes until commit(), so a mutator that throws leaves
 * no trace even if it had written before throwing. Must run inside a Dexie transaction that
 * includes mutatorTables(db).
 */
export function createLocalMutatorTx(db: AmtsplatzDb): LocalMutatorTx {
  const buffers = Object.fromEntries(WRITABLE_ENTITIES.map((e) => [e, new Map()])) as Buffers;
  const bufferOf = <E extends WritableEntity>(entity: E): Map<string, EntityValue<E>> => buffers[entity];

  async function saveShadow(entity: WritableEntity, id: string): Promise<void> {
    const key = shadowKey(entity, id);
    if ((await db.shadows.get(key)) !== undefined) return;
    // No shadow yet means the stored row is still exactly what the server sent.
    const value = (await getStored(db, entity, id)) ?? null;
    await db.shadows.put({ key, entity, value });
  }

  return {
    async get(entity, id) {
      return bufferOf(entity).get(id) ?? (await getStored(db, entity, id));
    },
    async put(entity, value) {
      bufferOf(entity).set(value.id, value);
    },
    async getUser(id: string): Promise<User | undefined> {
      return db.users.get(id);
    },
    async getVerfahren(id: string): Promise<VerfahrenDef | undefined> {
      return db.verfahren.get(id);
    },
    async getAktenplanEinheit(kennzeichen: string): Promise<AktenplanEinheit | undefined> {
      const plan = await getMeta(db, 'aktenplan');
      return plan?.einheiten.find((e) => e.kennzeichen === kennzeichen);
    },
    async blobUsable(sha256: string) {
      // Pinned (waiting for upload) or cached: either way the upload queue or the server has it.
      // The bytes are not read here: a Blob read would end the Dexie transaction, and the file
      // was checked when it was picked; the server reads them.
      return (await db.blobs.where('sha256').equals(sha256).count()) > 0 ? 'ok' : 'missing';
    },
    async absencesOf(userId: string): Promise<Absence[]> {
      const stored = await db.absences.where('userId').equals(userId).toArray();
      const byId = new Map(stored.map((a) => [a.id, a]));
      for (const a of bufferOf('absence').values()) if (a.userId === userId) byId.set(a.id, a);
      return [...byId.values()];
    },
    // The client knows only its own org unit's colleagues; the server checks the target.
    orgUnitExists: async () => false,
    async commit(): Promise<void> {
      for (const entity of WRITABLE_ENTITIES) {
        const buffer = bufferOf(entity);
        for (const id of buffer.keys()) await saveShadow(entity, id);
        await putStored(db, entity, [...buffer.values()]);
        buffer.clear();
      }
    },
  };
}
