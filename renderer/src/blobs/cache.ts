import { sha256Digest, sha256Hex, type Result } from '../../../shared/domain/index.ts';
import { toDataError, type DataError } from '../api/data-error.ts';
import type { ApiClient } from '../api/http.ts';
import type { AmtsplatzDb } from '../db/index.ts';

/** Default upper bound of the local blob cache; pinned blobs (waiting for upload) do not count against eviction. */
export const CACHE_BUDGET_BYTES = 512 * 1024 * 1024;

export interface BlobCacheOptions {
  /** Cache budget in bytes (default CACHE_BUDGET_BYTES). */
  budgetBytes?: number | undefined;
  /** Type of the Blob handed back for a download (the server sends octet-stream); default application/octet-stream. */
  mediaType?: string | undefined;
  /** Device clock in ms, for lastUsed. */
  now?: (() => number) | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Removes least-recently-used unpinned blobs until the cache holds at most `budgetBytes`.
 * `keep` (the blob just stored or read) is never removed, even when it alone is over budget.
 * Returns how many blobs were evicted.
 */
export async function evictBlobs(db: AmtsplatzDb, budgetBytes: number, keep?: string): Promise<number> {
  return db.transaction('rw', db.blobs, async () => {
    const rows: { sha256: string; size: number; pinned: 0 | 1 }[] = [];
    let total = 0;
    // Oldest first; reading a row yields a Blob handle, not the bytes.
    await db.blobs.orderBy('lastUsed').each((r) => {
      rows.push({ sha256: r.sha256, size: r.size, pinned: r.pinned });
      total += r.size;
    });
    const evict: string[] = [];
    for (const r of rows) {
      if (total <= budgetBytes) break;
      if (r.pinned === 1 || r.sha256 === keep) continue;
      evict.push(r.sha256);
      total -= r.size;
    }
    if (evict.length > 0) await db.blobs.bulkDelete(evict);
    return evict.length;
  });
}

/**
 * The bytes of a document: from the local cache (marking them recently used), else downloaded
 * (GET /api/blobs), checked against their SHA-256 and cached, evicting the least recently used
 * unpinned blobs beyond the budget. Errors: `hash_mismatch` when the download does not match
 * (nothing is cached), `offline` when the blob is not cached and the server is unreachable.
 */
export async function getBlob(
  db: AmtsplatzDb,
  api: ApiClient,
  sha256: string,
  options: BlobCacheOptions = {},
): Promise<Result<Blob, DataError>> {
  if (!sha256Digest.safeParse(sha256).success) {
    return { ok: false, error: { code: 'validation_failed', message: 'Not a SHA-256 digest' } };
  }
  const now = options.now ?? Date.now;
  const cached = await db.blobs.get(sha256);
  if (cached) {
    await db.blobs.update(sha256, { lastUsed: now() });
    return { ok: true, value: cached.bytes };
  }
  const res = await api.download('blobDownload', { query: { sha256 }, signal: options.signal });
  if (!res.ok) return { ok: false, error: toDataError(res.error) };
  const bytes = res.value;
  if ((await sha256Hex(bytes)) !== sha256) {
    return { ok: false, error: { code: 'hash_mismatch', message: `The server sent other bytes than ${sha256}` } };
  }
  const mediaType = options.mediaType ?? 'application/octet-stream';
  const blob = new Blob([bytes], { type: mediaType });
  await db.transaction('rw', db.blobs, async () => {
    // A concurrent attach may have pinned the same bytes meanwhile: keep its row.
    if ((await db.blobs.get(sha256)) !== undefined) return;
    await db.blobs.add({ sha256, bytes: blob, size: bytes.byteLength, mediaType, lastUsed: now(), pinned: 0 });
  });
  await evictBlobs(db, options.budgetBytes ?? CACHE_BUDGET_BYTES, sha256);
  return { ok: true, value: blob };
}
