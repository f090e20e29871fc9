import type { Dexie } from 'dexie';

/**
 * Version 3: drops v2's multi-entry search-token index. Every Vorgang wrote 20–40 index
 * entries, which made the initial sync of 100,000 rows several times slower than a plain
 * bulkPut and slowed every local write; the inbox searches its in-memory index instead
 * (renderer/src/features/inbox/inbox-index.ts), over each row's `search` text.
 */
export function v3(db: Dexie): void {
  db.version(3)
    .stores({ vorgaenge: 'id, [assigneeKey+frist], [orgUnitId+frist], frist, updatedAt' })
    .upgrade(async (tx) => {
      await tx
        .table<{ searchTokens?: string[] }, string>('vorgaenge')
        .toCollection()
        .modify((row) => {
          delete row.searchTokens;
        });
    });
}
