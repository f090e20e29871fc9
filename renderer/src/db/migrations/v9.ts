import type { Dexie } from 'dexie';

/**
 * Version 9: the Akten of the E-Akte (one Fallakte per Vorgang), browsed by Aktenplaneinheit.
 * A new table only; the server sends the Akten with the next pull.
 */
export function v9(db: Dexie): void {
  db.version(9).stores({ akten: 'id, vorgangId, kennzeichen' });
}
