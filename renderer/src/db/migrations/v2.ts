import type { Dexie } from 'dexie';
import { searchTokensOf, type VorgangRow } from '../rows.ts';

/**
 * Version 2: multi-entry index over search tokens, so searching 100,000 Vorgänge by
 * Aktenzeichen or applicant name is an index range instead of a table scan (seconds in
 * IndexedDB). Existing rows get their tokens derived during the upgrade.
 */
export function v2(db: Dexie): void {
  db.version(2)
    .stores({ vorgaenge: 'id, [assigneeKey+frist], [orgUnitId+frist], frist, updatedAt, *searchTokens' })
    .upgrade(async (tx) => {
      await tx
        .table<VorgangRow, string>('vorgaenge')
        .toCollection()
        .modify((row) => {
          row.searchTokens = searchTokensOf(row);
        });
    });
}
