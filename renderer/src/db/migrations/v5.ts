import type { Dexie } from 'dexie';

/**
 * Version 5: case work. Dokument metadata and absences sync like notes; `blobs` caches document
 * bytes (LRU by lastUsed; pinned rows wait for upload), `uploads` is the upload queue, and
 * `journal` caches the server's journal per Vorgang. Existing Vorgänge get the defaults of the
 * fields the contract added (no Nachforderung, no Prüfliste, nothing checked).
 */
export function v5(db: Dexie): void {
  db.version(5)
    .stores({
      dokumente: 'id, vorgangId',
      absences: 'id, userId, deputyId',
      blobs: 'sha256, lastUsed',
      uploads: 'sha256',
      journal: '[vorgangId+seq], vorgangId',
    })
    .upgrade(async (tx) => {
      await tx
        .table<{ nachforderung?: unknown; prueflisteVersion?: unknown; pruefliste?: unknown }, string>('vorgaenge')
        .toCollection()
        .modify((row) => {
          row.nachforderung ??= null;
          row.prueflisteVersion ??= null;
          // Frozen copy of emptyPrueflisteState: migrations never change with the domain.
          row.pruefliste ??= { manual: {}, overrides: {} };
        });
    });
}
