import { DomainError, type User } from '../../../shared/domain/index.ts';
import { runMutation } from '../../../shared/mutators/index.ts';
import { shadowKey, type AmtsplatzDb, type ShadowRow } from '../db/index.ts';
import { putStored, tableOf } from '../db/entity-tables.ts';
import { createLocalMutatorTx } from './local-tx.ts';

/** Puts a shadowed row back to the server's version (or removes it: not on the server). */
async function restore(db: AmtsplatzDb, s: ShadowRow): Promise<void> {
  if (s.value) await putStored(db, s.entity, [s.value] as never[]);
  else await tableOf(db, s.entity).delete(s.key.slice(shadowKey(s.entity, '').length));
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
