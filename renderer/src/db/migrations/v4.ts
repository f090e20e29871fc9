import type { Dexie } from 'dexie';
import { OPEN_STATUSES, type VorgangStatus } from '../../../../shared/domain/index.ts';

const OPEN: ReadonlySet<VorgangStatus> = new Set(OPEN_STATUSES);

/**
 * Version 4: the inbox indexes lead with an open flag ([assigneeKey+open+frist],
 * [orgUnitId+open+frist]). The inbox shows open work sorted by Frist; without the flag a page
 * of 50 walked past every closed Vorgang with an earlier Frist — most of them, in a real office.
 */
export function v4(db: Dexie): void {
  db.version(4)
    .stores({ vorgaenge: 'id, [assigneeKey+open+frist], [orgUnitId+open+frist], frist, updatedAt' })
    .upgrade(async (tx) => {
      await tx
        .table<{ status: VorgangStatus; open?: 0 | 1 }, string>('vorgaenge')
        .toCollection()
        .modify((row) => {
          row.open = OPEN.has(row.status) ? 1 : 0;
        });
    });
}
