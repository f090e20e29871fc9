import type { Dexie } from 'dexie';

/**
 * Version 1: entity tables as pulled from the server, the outbox with its shadows, rejections
 * and meta. Compound indexes serve the inbox (by assignee or org unit, sorted by Frist); a
 * compound index also answers queries on its first part alone ("virtual index").
 */
export function v1(db: Dexie): void {
  db.version(1).stores({
    vorgaenge: 'id, [assigneeKey+frist], [orgUnitId+frist], frist, updatedAt',
    notes: 'id, [vorgangId+createdAt]',
    users: 'id, orgUnitId',
    verfahren: 'id',
    outbox: 'seq, state',
    shadows: 'key',
    rejections: '[clientId+mutationSeq], rejectedAt',
    meta: 'key',
  });
}
