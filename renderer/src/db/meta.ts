import type { Authority } from '../../../shared/bescheid/authority.ts';
import type { Aktenplan } from '../../../shared/domain/aktenplan.ts';
import type { AmtsplatzDb } from './index.ts';

export type SyncState = 'idle' | 'syncing' | 'offline' | 'error' | 'unauthorized';

/** What the sync worker last reported; the UI reads it with a live query. */
export interface StoredSyncState {
  state: SyncState;
  lastError: string | null;
  initialSyncDone: boolean;
}

/** The typed contents of the `meta` key/value table. */
export interface MetaValues {
  /** Owner of this database (one database per user, see openDb). */
  userId: string;
  /** Identifies this device's outbox to the server (random UUID, created once per database). */
  clientId: string;
  /** Pull cursor returned by the server's last applied page. */
  cursor: string;
  /** Highest outbox seq handed out so far; seqs are never reused. */
  lastSeq: number;
  /** Server-independent device time of the last completed sync cycle. */
  lastSyncAt: string;
  syncState: StoredSyncState;
  /** The authority the server works for (GET /api/authority), kept for offline drafting; null: none configured. */
  authority: Authority | null;
  /** The Aktenplan (GET /api/aktenplan), for the Akten view and z.d.A. offline. */
  aktenplan: Aktenplan;
}
export type MetaKey = keyof MetaValues;

export interface MetaRow {
  key: MetaKey;
  value: unknown;
}

export async function getMeta<K extends MetaKey>(db: AmtsplatzDb, key: K): Promise<MetaValues[K] | undefined> {
  const row = await db.meta.get(key);
  // Only setMeta writes this table, always with the value type that belongs to the key.
  return row?.value as MetaValues[K] | undefined;
}

export async function setMeta<K extends MetaKey>(db: AmtsplatzDb, key: K, value: MetaValues[K]): Promise<void> {
  await db.meta.put({ key, value });
}
