import type { User } from '../../../shared/domain/index.ts';
import type { PullResponse, ScopeExit, SyncChange } from '../../../shared/contracts/http/index.ts';
import { ENTITY_NAMES, isWritable, type EntityName, type EntityValue } from '../../../shared/sync/entities.ts';
import { getMeta, setMeta, shadowKey, type AmtsplatzDb, type ShadowRow } from '../db/index.ts';
import { putStored, tableOf } from '../db/entity-tables.ts';
import { mutationTables } from './mutate.ts';
import { rebase } from './rebase.ts';

/** Tables one pulled page writes: every entity's, and what the rebase and scope exits touch. */
function pageTables(db: AmtsplatzDb) {
  const tables = new Set([...mutationTables(db), ...ENTITY_NAMES.map((e) => tableOf(db, e))]);
  return [...tables, db.rejections, db.journal, db.table('bescheidDrafts')];
}

/**
 * Drops rows that left the user's scope, with what hangs on them on this device only: the
 * server states kept for rebase, the cached journal and the Bescheid drafts. Cached document
 * bytes no longer referenced go too (pinned ones still wait for their upload). Outbox entries
 * stay: the server answers them, with `out_of_scope`.
 */
async function dropExits(db: AmtsplatzDb, exits: readonly ScopeExit[]): Promise<void> {
  const byEntity = new Map<EntityName, string[]>();
  for (const e of exits) byEntity.set(e.entity, [...(byEntity.get(e.entity) ?? []), e.id]);
  const goneHashes = new Set<string>();
  for (const d of await db.dokumente.bulkGet(byEntity.get('dokument') ?? [])) if (d) goneHashes.add(d.sha256);
  for (const [entity, ids] of byEntity) {
    await tableOf(db, entity).bulkDelete(ids);
    if (isWritable(entity)) await db.shadows.bulkDelete(ids.map((id) => shadowKey(entity, id)));
  }
  for (const vorgangId of byEntity.get('vorgang') ?? []) {
    await db.journal.where('vorgangId').equals(vorgangId).delete();
  }
  const bescheidIds = byEntity.get('bescheid') ?? [];
  if (bescheidIds.length > 0) await db.table('bescheidDrafts').bulkDelete(bescheidIds);
  if (goneHashes.size === 0) return;
  // Exits are rare (a Vorgang handed over): one scan beats an index every write would pay for.
  await db.dokumente.each((d) => void goneHashes.delete(d.sha256));
  const unpinned = (await db.blobs.bulkGet([...goneHashes])).filter((b) => b !== undefined && b.pinned === 0);
  await db.blobs.bulkDelete(unpinned.flatMap((b) => (b ? [b.sha256] : [])));
}

/**
 * Stores one pulled page in one transaction. A row that pending mutations have changed keeps
 * its optimistic version; the server's version goes into its shadow and shows after the
 * rebase. Rows that left the user's scope are dropped. The last page (hasMore=false) rebases
 * the outbox in the same transaction.
 */
export async function applyPage(db: AmtsplatzDb, actor: User, page: PullResponse): Promise<void> {
  await db.transaction('rw', pageTables(db), async () => {
    const shadowed = new Set((await db.shadows.count()) > 0 ? await db.shadows.toCollection().primaryKeys() : []);
    const rows = new Map<EntityName, SyncChange['value'][]>();
    const shadows: ShadowRow[] = [];
    for (const c of page.changes) {
      if (isWritable(c.entity)) {
        const key = shadowKey(c.entity, c.value.id);
        if (shadowed.has(key)) {
          shadows.push({ key, entity: c.entity, value: c.value } as ShadowRow);
          continue;
        }
      }
      rows.set(c.entity, [...(rows.get(c.entity) ?? []), c.value]);
    }
    for (const [entity, values] of rows) await putStored(db, entity, values as EntityValue<typeof entity>[]);
    if (shadows.length > 0) await db.shadows.bulkPut(shadows);
    if (page.exits.length > 0) await dropExits(db, page.exits);
    if (page.rejections.length > 0) await db.rejections.bulkPut(page.rejections);
    await setMeta(db, 'cursor', page.cursor);
    if (page.hasMore) return;

    // A restored database must never hand out seqs the server already counts as processed.
    const lastSeq = (await getMeta(db, 'lastSeq')) ?? 0;
    if (page.lastMutationSeq > lastSeq) await setMeta(db, 'lastSeq', page.lastMutationSeq);
    await rebase(db, actor, page.lastMutationSeq);
  });
}
