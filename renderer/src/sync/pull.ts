import type { User } from '../../../shared/domain/index.ts';
import type { PullResponse } from '../../../shared/contracts/http/index.ts';
import { getMeta, setMeta, shadowKey, toVorgangRow, type AmtsplatzDb, type ShadowRow } from '../db/index.ts';
import { mutatorTables } from './local-tx.ts';
import { rebase } from './rebase.ts';

/** Tables one pulled page writes. */
function pageTables(db: AmtsplatzDb) {
  return [...mutatorTables(db), db.outbox, db.rejections, db.meta];
}

/**
 * Stores one pulled page in one transaction. A row that pending mutations have changed keeps
 * its optimistic version; the server's version goes into its shadow and shows after the
 * rebase. The last page (hasMore=false) rebases the outbox in the same transaction.
 */
export async function applyPage(db: AmtsplatzDb, actor: User, page: PullResponse): Promise<void> {
  await db.transaction('rw', pageTables(db), async () => {
    const shadowed = new Set((await db.shadows.count()) > 0 ? await db.shadows.toCollection().primaryKeys() : []);
    const vorgaenge = [];
    const notes = [];
    const users = [];
    const shadows: ShadowRow[] = [];
    for (const c of page.changes) {
      if (c.entity === 'user') {
        users.push(c.value);
        continue;
      }
      const key = shadowKey(c.entity, c.value.id);
      if (shadowed.has(key)) {
        shadows.push(
          c.entity === 'vorgang' ? { key, entity: 'vorgang', value: c.value } : { key, entity: 'note', value: c.value },
        );
      } else if (c.entity === 'vorgang') {
        vorgaenge.push(toVorgangRow(c.value));
      } else {
        notes.push(c.value);
      }
    }
    if (vorgaenge.length > 0) await db.vorgaenge.bulkPut(vorgaenge);
    if (notes.length > 0) await db.notes.bulkPut(notes);
    if (users.length > 0) await db.users.bulkPut(users);
    if (shadows.length > 0) await db.shadows.bulkPut(shadows);
    if (page.rejections.length > 0) await db.rejections.bulkPut(page.rejections);
    await setMeta(db, 'cursor', page.cursor);
    if (page.hasMore) return;

    // A restored database must never hand out seqs the server already counts as processed.
    const lastSeq = (await getMeta(db, 'lastSeq')) ?? 0;
    if (page.lastMutationSeq > lastSeq) await setMeta(db, 'lastSeq', page.lastMutationSeq);
    await rebase(db, actor, page.lastMutationSeq);
  });
}
