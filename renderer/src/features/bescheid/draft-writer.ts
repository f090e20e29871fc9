import type { Dexie } from 'dexie';
import { draftsTable } from './data.ts';
import type { BescheidDraftRow } from './draft.ts';

/**
 * The editor's crash-safe copy of the typed text. Every keystroke replaces the pending row and
 * at most one IndexedDB put is in flight, so a burst of typing costs two writes instead of one
 * per key, and the copy on disk is never more than one transaction behind the screen (one put
 * per key queued up and fell seconds behind on a busy machine).
 */
export interface DraftWriter {
  /** Resolves once this row, or a newer one, is in the database. */
  write(row: BescheidDraftRow): Promise<void>;
}

export function createDraftWriter(db: Dexie): DraftWriter {
  let pending: { row: BescheidDraftRow; done: (() => void)[] } | undefined;
  let running = false;

  async function run(): Promise<void> {
    running = true;
    try {
      while (pending) {
        const { row, done } = pending;
        pending = undefined;
        try {
          await draftsTable(db).put(row);
        } finally {
          for (const d of done) d();
        }
      }
    } finally {
      running = false;
    }
  }

  return {
    write(row) {
      return new Promise<void>((resolve) => {
        pending = { row, done: [...(pending?.done ?? []), resolve] };
        if (!running) void run();
      });
    },
  };
}
