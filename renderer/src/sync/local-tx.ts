import type { Absence, Bescheid, Dokument, Note, User, VerfahrenDef, Vorgang } from '../../../shared/domain/index.ts';
import type { MutatorTx } from '../../../shared/mutators/index.ts';
import { fromVorgangRow, shadowKey, toVorgangRow, type AmtsplatzDb, type ShadowRow } from '../db/index.ts';

/** Tables a local mutator run reads and writes; callers include them in their Dexie transaction. */
export function mutatorTables(db: AmtsplatzDb) {
  return [
    db.vorgaenge,
    db.notes,
    db.dokumente,
    db.absences,
    db.bescheide,
    db.users,
    db.verfahren,
    db.blobs,
    db.shadows,
  ];
}

export interface LocalMutatorTx extends MutatorTx {
  /** Writes the buffered effects, first saving the server state of each row touched for the first time. */
  commit(): Promise<void>;
}

/** The stored row as its shadow keeps it: unchanged since the server sent it (null: not on the server). */
async function shadowOfStored(db: AmtsplatzDb, entity: ShadowRow['entity'], id: string): Promise<ShadowRow> {
  const key = shadowKey(entity, id);
  switch (entity) {
    case 'vorgang': {
      const row = await db.vorgaenge.get(id);
      return { key, entity, value: row ? fromVorgangRow(row) : null };
    }
    case 'note':
      return { key, entity, value: (await db.notes.get(id)) ?? null };
    case 'dokument':
      return { key, entity, value: (await db.dokumente.get(id)) ?? null };
    case 'absence':
      return { key, entity, value: (await db.absences.get(id)) ?? null };
    case 'bescheid':
      return { key, entity, value: (await db.bescheide.get(id)) ?? null };
  }
}

/**
 * A MutatorTx over Dexie that buffers writes until commit(), so a mutator that throws leaves
 * no trace even if it had written before throwing. Must run inside a Dexie transaction that
 * includes mutatorTables(db).
 */
export function createLocalMutatorTx(db: AmtsplatzDb): LocalMutatorTx {
  const vorgaenge = new Map<string, Vorgang>();
  const notes = new Map<string, Note>();
  const dokumente = new Map<string, Dokument>();
  const absences = new Map<string, Absence>();
  const bescheide = new Map<string, Bescheid>();

  async function saveShadow(entity: ShadowRow['entity'], id: string): Promise<void> {
    if ((await db.shadows.get(shadowKey(entity, id))) !== undefined) return;
    // No shadow yet means the stored row is still exactly what the server sent.
    await db.shadows.put(await shadowOfStored(db, entity, id));
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
    async getVerfahren(id: string): Promise<VerfahrenDef | undefined> {
      return db.verfahren.get(id);
    },
    async getDokument(id: string): Promise<Dokument | undefined> {
      return dokumente.get(id) ?? (await db.dokumente.get(id));
    },
    async putDokument(d: Dokument): Promise<void> {
      dokumente.set(d.id, d);
    },
    async hasBlob(sha256: string): Promise<boolean> {
      // Pinned (waiting for upload) or cached: either way the upload queue or the server has it.
      return (await db.blobs.where('sha256').equals(sha256).count()) > 0;
    },
    async getAbsence(id: string): Promise<Absence | undefined> {
      return absences.get(id) ?? (await db.absences.get(id));
    },
    async putAbsence(a: Absence): Promise<void> {
      absences.set(a.id, a);
    },
    async absencesOf(userId: string): Promise<Absence[]> {
      const stored = await db.absences.where('userId').equals(userId).toArray();
      const byId = new Map(stored.map((a) => [a.id, a]));
      for (const a of absences.values()) if (a.userId === userId) byId.set(a.id, a);
      return [...byId.values()];
    },
    async getBescheid(id: string): Promise<Bescheid | undefined> {
      return bescheide.get(id) ?? (await db.bescheide.get(id));
    },
    async putBescheid(b: Bescheid): Promise<void> {
      bescheide.set(b.id, b);
    },
    async commit(): Promise<void> {
      for (const id of vorgaenge.keys()) await saveShadow('vorgang', id);
      for (const id of notes.keys()) await saveShadow('note', id);
      for (const id of dokumente.keys()) await saveShadow('dokument', id);
      for (const id of absences.keys()) await saveShadow('absence', id);
      for (const id of bescheide.keys()) await saveShadow('bescheid', id);
      if (vorgaenge.size > 0) await db.vorgaenge.bulkPut([...vorgaenge.values()].map(toVorgangRow));
      if (notes.size > 0) await db.notes.bulkPut([...notes.values()]);
      if (dokumente.size > 0) await db.dokumente.bulkPut([...dokumente.values()]);
      if (absences.size > 0) await db.absences.bulkPut([...absences.values()]);
      if (bescheide.size > 0) await db.bescheide.bulkPut([...bescheide.values()]);
      vorgaenge.clear();
      notes.clear();
      dokumente.clear();
      absences.clear();
      bescheide.clear();
    },
  };
}
