import type { Dexie } from 'dexie';

/**
 * Version 6: Bescheide. `bescheide` holds the synced Bescheid entities; the Vorgang workspace
 * reads a Vorgang's Bescheid by `vorgangId`, the lead's Freigabe queue reads the org unit's
 * submitted ones by `[orgUnitId+state]`. `bescheidDrafts` keeps the editor's text as typed,
 * written on every change, so nothing typed is lost on reload or crash even before it is valid
 * or saved through the outbox. Only new tables: no existing row changes.
 */
export function v6(db: Dexie): void {
  db.version(6).stores({
    bescheide: 'id, vorgangId, [orgUnitId+state]',
    bescheidDrafts: 'bescheidId',
  });
}
