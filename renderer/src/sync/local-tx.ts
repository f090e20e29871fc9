import type { Note, User, Vorgang } from '../../../shared/domain/index.ts';
import type { MutatorTx } from '../../../shared/mutators/index.ts';
import { fromVorgangRow, shadowKey, toVorgangRow, type AmtsplatzDb, type ShadowRow } from '../db/index.ts';

/** Tables a local mutator run reads and writes; callers include them in their Dexie transaction. */
export function mutatorTables(db: AmtsplatzDb) {
  return [db.vorgaenge, db.notes, db.users, db.shadows];
}

export interface LocalMutatorTx extends MutatorTx {
  /** Writes the buffered effects, first saving the server state of each row touched for the first time. */
  commit(): Promise<void>;
}

/**
 * A MutatorTx over Dexie that buffers writes until commit(), so a mutator that throws leaves
 * no trace even if it had written before throwing. Must run inside a Dexie transaction that
 * includes mutatorTables(db).
 */
export function createLocalMutatorTx(db: AmtsplatzDb): LocalMutatorTx {
  const vorgaenge = new Map<string, Vorgang>();
  const notes = new Map<string, Note>();

  async function saveShadow(entity: ShadowRow['entity'], id: string): Promise<void> {
    const key = shadowKey(entity, id);
    if ((await db.shadows.get(key)) !== undefined) return;
    // No shadow yet means the stored row is still exactly what the server sent.
    if (entity === 'vorgang') {
      const row = await db.vorgaenge.get(id);
      await db.shadows.put({ key, entity, value: row ? fromVorgangRow(row) : null });
    } else {
      const row = await db.notes.get(id);
      await db.shadows.put({ key, entity, value: row ?? null });
    }
  }

  return {
    async getVorgang(id: string): Promise<Vorgang | undefined> {
      const buffered = vorgaenge.get(id);
      if (buffered) return buffered;
      const row = await db.vorgaenge.get(id);
      return row ? fromVorgangRow(row) : undefined;
    },
    async putVorgang(v: Vorgang): Promise<void> {
      vorgaenge.set(v.id, v);
    },
    async getNote(id: string): Promise<Note | undefined> {
      return notes.get(id) ?? (await db.notes.get(id));
    },
    async putNote(n: Note): Promise<void> {
      notes.set(n.id, n);
    },
    async getUser(id: string): Promise<User | undefined> {
      return db.users.get(id);
    },
    async commit(): Promise<void> {
      for (const id of vorgaenge.keys()) await saveShadow('vorgang', id);
      for (const id of notes.keys()) await saveShadow('note', id);
      if (vorgaenge.size > 0) await db.vorgaenge.bulkPut([...vorgaenge.values()].map(toVorgangRow));
      if (notes.size > 0) await db.notes.bulkPut([...notes.values()]);
      vorgaenge.clear();
      notes.clear();
    },
  };
}
