import type { AppError, Result } from '../../../shared/domain/index.ts';
import type { ApiClient, ApiError } from '../api/http.ts';
import type { AmtsplatzDb, UploadRow } from '../db/index.ts';
import { CACHE_BUDGET_BYTES, evictBlobs } from './cache.ts';

export interface UploadOptions {
  signal?: AbortSignal | undefined;
  /** Cache budget applied once uploaded blobs become ordinary cache entries (default CACHE_BUDGET_BYTES). */
  budgetBytes?: number | undefined;
}

/**
 * The refusal as an AppError when retrying cannot help: any 4xx but an expired session (the
 * engine stops) and timeouts or rate limiting (retry later), or a request the client itself
 * would not send. Undefined for errors worth retrying (network, 5xx, …).
 */
function refusal(e: ApiError): AppError | undefined {
  const { code, status } = e;
  if (code === 'network' || code === 'aborted' || code === 'invalid_response') return undefined;
  if (status === 0) return code === 'unauthenticated' ? undefined : { code, message: e.message };
  if (status < 400 || status >= 500 || status === 401 || status === 408 || status === 429) return undefined;
  return { code, message: e.message };
}

/** Queued uploads that may still succeed, oldest first. */
async function waiting(db: AmtsplatzDb): Promise<UploadRow[]> {
  const rows = await db.uploads.filter((u) => u.lastError === undefined).toArray();
  return rows.sort((a, b) => a.queuedAt - b.queuedAt || a.sha256.localeCompare(b.sha256));
}

/**
 * Uploads every queued blob, one at a time (PUT /api/blobs, whole file, idempotent by hash).
 * An upload the server took leaves the queue and its blob is unpinned (an ordinary cache entry
 * now); one it refused is marked failed (lastError) and skipped from then on, so its
 * addDokument is rejected with blob_missing. A network or server error stops the run and
 * comes back for the engine's backoff: the queue continues after reconnect or restart.
 * Returns how many blobs were uploaded.
 */
export async function uploadQueued(
  db: AmtsplatzDb,
  api: ApiClient,
  options: UploadOptions = {},
): Promise<Result<number, ApiError>> {
  let uploaded = 0;
  for (const row of await waiting(db)) {
    const blob = await db.blobs.get(row.sha256);
    if (!blob) {
      // Nothing to send (cannot happen while pinned): mark it so it shows instead of looping.
      await markFailed(db, row, { code: 'blob_missing', message: 'The bytes are no longer stored locally' });
      continue;
    }
    const res = await api.upload('blobUpload', {
      query: { sha256: row.sha256 },
      bytes: blob.bytes,
      signal: options.signal,
    });
    if (!res.ok) {
      const refused = refusal(res.error);
      if (refused === undefined) {
        await db.uploads.update(row.sha256, { attempts: row.attempts + 1 });
        return res;
      }
      await markFailed(db, row, refused);
      continue;
    }
    await db.transaction('rw', db.uploads, db.blobs, async () => {
      await db.uploads.delete(row.sha256);
      await db.blobs.update(row.sha256, { pinned: 0 });
    });
    uploaded++;
  }
  if (uploaded > 0) await evictBlobs(db, options.budgetBytes ?? CACHE_BUDGET_BYTES);
  return { ok: true, value: uploaded };
}

async function markFailed(db: AmtsplatzDb, row: UploadRow, lastError: AppError): Promise<void> {
  await db.uploads.update(row.sha256, { attempts: row.attempts + 1, lastError });
}
