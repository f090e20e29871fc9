import type { Database, Queryable } from '../../db/database.ts';
import type { BlobSource, BlobStore, BlobWriteOptions, StoredBlob } from './store.ts';

/** Whether the store holds the bytes (the `blobs` table is the index of the store). */
export async function isBlobStored(q: Queryable, sha256: string): Promise<boolean> {
  const rows = await q.query('SELECT 1 FROM blobs WHERE sha256 = $1', [sha256]);
  return rows.length > 0;
}

/** Records stored bytes; false when they were recorded before. */
async function recordBlob(q: Queryable, blob: StoredBlob, now: Date): Promise<boolean> {
  const rows = await q.query(
    'INSERT INTO blobs (sha256, size, stored_at) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING RETURNING sha256',
    [blob.sha256, blob.size, now.toISOString()],
  );
  return rows.length > 0;
}

export interface SavedBlob extends StoredBlob {
  /** false: the store had these bytes already. */
  created: boolean;
}

/**
 * Stores bytes and records them. The file is complete and durable before its row exists, so
 * `hasBlob` never promises bytes the store lacks. Bytes already stored are only read and
 * checked (a retried upload costs no disk writes); a row whose file went missing (restored
 * database without the blob directory) is healed by writing the file again.
 */
export async function saveBlob(
  db: Database,
  store: BlobStore,
  source: BlobSource,
  options: BlobWriteOptions,
  now: Date,
): Promise<SavedBlob> {
  const { expected } = options;
  const known = expected !== undefined && (await isBlobStored(db, expected)) && (await store.has(expected));
  const blob = known ? await store.verify(source, options) : await store.write(source, options);
  return { ...blob, created: await recordBlob(db, blob, now) };
}
