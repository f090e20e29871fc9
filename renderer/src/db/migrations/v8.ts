import type { Dexie } from 'dexie';

/**
 * Version 8: org units as a synced entity (the catalogue a lead hands a Vorgang to). A new
 * table only; the server sends its rows with the next pull (they got fresh change seqs).
 */
export function v8(db: Dexie): void {
  db.version(8).stores({ orgUnits: 'id' });
}
