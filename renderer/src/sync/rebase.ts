import { DomainError, type User } from '../../../shared/domain/index.ts';
import { runMutation } from '../../../shared/mutators/index.ts';
import { toVorgangRow, type AmtsplatzDb, type ShadowRow } from '../db/index.ts';
import { createLocalMutatorTx } from './local-tx.ts';

/** Puts a shadowed row back to the server's version (or removes it: not on the server). */
async function restore(db: AmtsplatzDb, s: ShadowRow): Promise<void> {
  const id = s.key.slice(s.entity.length + 1);
  switch (s.entity) {
    case 'vorgang':
      return s.value ? void (await db.vorgaenge.put(toVorgangRow(s.value))) : db.vorgaenge.delete(id);
    case 'note':
      return s.value ? void (await db.notes.put(s.value)) : db.notes.delete(id);
    case 'dokument':
      return s.value ? void (await db.dokumente.put(s.value)) : db.dokumente.delete(id);
    case 'absence':
      return s.value ? void (await db.absences.put(s.value)) : db.absences.delete(id);
    case 'bescheid':
      return s.value ? void (await db.bescheide.put(s.value)) : db.bescheide.delete(id);
  }
}

/**
 * Drops the outbox entries the server has processed and re-applies the rest on top of the
 * server state. Must run inside a transaction over mutationTables(db).
 *
 * Every row a pending mutation touched has a shadow holding the server's latest version; the
 * rows are reset to their shadows first, so each remaining mutation is applied exactly once,
 * whether or not the pull brought the row again.
 */
export async function rebase(db: AmtsplatzDb, actor: User, lastMutationSeq: number): Promise<void> {
  await db.outbox.where('seq').belowOrEqual(lastMutationSeq).delete();
  for (const s of await db.shadows.toArray()) await restore(db, s);
  await db.shadows.clear();

  const entries = await db.outbox.orderBy('seq').toArray();
  for (const e of entries) {
    const tx = createLocalMutatorTx(db);
    try {
      await runMutation(tx, { actor, now: e.clientTime, authoritative: false }, e.name, e.args);
    } catch (error) {
      // No longer valid on the new server state: keep the entry, the server will answer it.
      if (error instanceof DomainError) continue;
      throw error;
    }
    await tx.commit();
  }
}
