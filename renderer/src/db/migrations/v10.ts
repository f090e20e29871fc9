import type { Dexie } from 'dexie';

/**
 * Version 10: the Umlauf (Mitzeichnung) of a Bescheid, looked up by Vorgang and by state (the
 * participant's Mitzeichnung view). A new table only; the server sends the rows with the next pull.
 */
export function v10(db: Dexie): void {
  db.version(10).stores({ umlaeufe: 'id, vorgangId, state' });
}
