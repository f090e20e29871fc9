import { DomainError, type User } from '../../../shared/domain/index.ts';
import { runMutation } from '../../../shared/mutators/index.ts';
import { toVorgangRow, type AmtsplatzDb } from '../db/index.ts';
import { createLocalMutatorTx } from './local-tx.ts';

/**
 * Drops the outbox entries the server has processed and re-applies the rest on top of the
 * server state. Must run inside a transaction over mutatorTables(db) + outbox.
 *
 * Every row a pending mutation touched has a shadow holding the server's latest version; the
 * rows are reset to their shadows first, so each remaining mutation is applied exactly once,
 * whether or not the pull brought the row again.
 */
export async function rebase(db: AmtsplatzDb, actor: User, lastMutationSeq: number): Promise<void> {
  await db.outbox.where('seq').belowOrEqual(lastMutationSeq).delete();
  const shadows = await db.shadows.toArray();
  for (const s of shadows) {
    const id = s.key.slice(s.entity.length + 1);
    if (s.entity === 'vorgang') {
      if (s.value) await db.vorgaenge.put(toVorgangRow(s.value));
      else await db.vorgaenge.delete(id);
    } else if (s.value) {
      await db.notes.put(s.value);
    } else {
      await db.notes.delete(id);
    }
  }
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
