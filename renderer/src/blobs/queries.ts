import type { Dokument } from '../../../shared/domain/index.ts';
import type { AmtsplatzDb } from '../db/index.ts';

/**
 * Where a document's bytes are, as the clerk needs to know it:
 * - `pending-upload`: only on this device, queued for upload (works offline, survives restarts);
 * - `failed-upload`: the server refused the bytes (see the upload queue's lastError);
 * - `cached`: on this device and on the server;
 * - `remote`: only on the server; opening it downloads (needs a connection).
 */
export type BlobState = 'pending-upload' | 'failed-upload' | 'cached' | 'remote';

export interface UploadQueueState {
  /** Blobs in the queue, failed ones included. */
  count: number;
  /** Blobs the server refused; they stay until the data is reset. */
  failed: number;
}

export const EMPTY_UPLOAD_QUEUE: UploadQueueState = { count: 0, failed: 0 };

/** The Dokumente of a Vorgang, oldest first (createdAt, then name). */
export async function readDokumente(db: AmtsplatzDb, vorgangId: string): Promise<Dokument[]> {
  const rows = await db.dokumente.where('vorgangId').equals(vorgangId).toArray();
  return rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name));
}

export async function readBlobState(db: AmtsplatzDb, sha256: string): Promise<BlobState> {
  const [upload, cached] = await Promise.all([db.uploads.get(sha256), db.blobs.where('sha256').equals(sha256).count()]);
  if (upload) return upload.lastError === undefined ? 'pending-upload' : 'failed-upload';
  return cached > 0 ? 'cached' : 'remote';
}

export async function readUploadQueue(db: AmtsplatzDb): Promise<UploadQueueState> {
  const [count, failed] = await Promise.all([
    db.uploads.count(),
    db.uploads.filter((u) => u.lastError !== undefined).count(),
  ]);
  return { count, failed };
}
