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
  /**
   * true: the bytes are new to the store, or to this uploader. It never says whether someone
   * else had them (no confirmation-of-file oracle).
   */
  created: boolean;
}

/** Records that the user has the bytes (an upload of their own); false when known already. */
async function recordHolder(q: Queryable, sha256: string, userId: string): Promise<boolean> {
  const rows = await q.query(
    'INSERT INTO blob_holders (sha256, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING sha256',
    [sha256, userId],
  );
  return rows.length > 0;
}

/**
 * Whether the user may attach the stored bytes: uploaded them, or a document of their org unit
 * names them. Unknown bytes and bytes only others hold answer alike.
 */
export async function mayUseBlob(
  q: Queryable,
  sha256: string,
  user: { id: string; orgUnitId: string },
): Promise<boolean> {
  const rows = await q.query(
    `SELECT 1 FROM blobs b WHERE b.sha256 = $1
       AND (EXISTS (SELECT 1 FROM blob_holders h WHERE h.sha256 = $1 AND h.user_id = $2)
         OR EXISTS (SELECT 1 FROM dokumente d WHERE d.sha256 = $1 AND d.org_unit_id = $3))`,
    [sha256, user.id, user.orgUnitId],
  );
  return rows.length > 0;
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
  options: BlobWriteOptions & { holderId?: string },
  now: Date,
): Promise<SavedBlob> {
  const { expected } = options;
  const known = expected !== undefined && (await isBlobStored(db, expected)) && (await store.has(expected));
  const blob = known ? await store.verify(source, options) : await store.write(source, options);
  const stored = await recordBlob(db, blob, now);
  const held = options.holderId === undefined ? false : await recordHolder(db, blob.sha256, options.holderId);
  return { ...blob, created: stored || held };
}
