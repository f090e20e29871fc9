import type { Dexie } from 'dexie';

/**
 * Version 7: dispatch of the sealed Bescheid. Existing Vorgänge, and the server states kept for
 * rebase, get the default of the field the contract added (no dispatch recorded). No new tables.
 */
export function v7(db: Dexie): void {
  db.version(7).upgrade(async (tx) => {
    await tx
      .table<{ versand?: unknown }, string>('vorgaenge')
      .toCollection()
      .modify((row) => {
        row.versand ??= null;
      });
    await tx
      .table<{ entity: string; value: { versand?: unknown } | null }, string>('shadows')
      .toCollection()
      .modify((row) => {
        if (row.entity === 'vorgang' && row.value !== null) row.value.versand ??= null;
      });
  });
}
