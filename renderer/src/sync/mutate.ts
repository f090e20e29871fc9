import { DomainError, type Result, type User } from '../../../shared/domain/index.ts';
import { runMutation, type MutationArgs, type MutationName } from '../../../shared/mutators/index.ts';
import { getMeta, setMeta, type AmtsplatzDb } from '../db/index.ts';
import { createLocalMutatorTx, mutatorTables } from './local-tx.ts';

/** Tables queueMutation reads and writes; a caller's transaction must include them. */
export function mutationTables(db: AmtsplatzDb) {
  return [...mutatorTables(db), db.outbox, db.meta];
}

/**
 * Applies a mutator's optimistic effect and adds its outbox entry. Must run inside a Dexie
 * transaction over mutationTables(db); throws DomainError when the mutator refuses, which
 * aborts that transaction, so the caller's other writes vanish with it.
 */
export async function queueMutation<N extends MutationName>(
  db: AmtsplatzDb,
  actor: User,
  name: N,
  args: MutationArgs<N>,
  clientTime: string,
): Promise<void> {
  const tx = createLocalMutatorTx(db);
  await runMutation(tx, { actor, now: clientTime, authoritative: false }, name, args);
  await tx.commit();
  const seq = ((await getMeta(db, 'lastSeq')) ?? 0) + 1;
  await setMeta(db, 'lastSeq', seq);
  await db.outbox.add({ seq, name, args, clientTime, state: 'pending' });
}

/**
 * Runs a mutator optimistically and queues it for the server, in ONE Dexie transaction: either
 * the effect and its outbox entry are both stored, or (on a DomainError) neither is.
 */
export async function mutate<N extends MutationName>(
  db: AmtsplatzDb,
  actor: User,
  name: N,
  args: MutationArgs<N>,
  now: Date = new Date(),
): Promise<Result<void>> {
  const clientTime = now.toISOString();
  try {
    // An async scope function: Dexie tracks native awaits only inside those.
    await db.transaction('rw', mutationTables(db), async () => {
      await queueMutation(db, actor, name, args, clientTime);
    });
    return { ok: true, value: undefined };
  } catch (e) {
    if (e instanceof DomainError) return { ok: false, error: e.toJSON() };
    throw e;
  }
}
