import type { Result, User } from '../../../shared/domain/index.ts';
import type { MutationArgs, MutationName } from '../../../shared/mutators/index.ts';
import type { DataError } from '../api/data-error.ts';
import { createApiClient } from '../api/http.ts';
import { attachDokument, getBlob, type AttachDokumentInput, type AttachedDokument } from '../blobs/index.ts';
import { openDb, type AmtsplatzDb } from '../db/index.ts';
import { refreshJournal, type JournalRefresh } from './journal.ts';
import { mutate } from './mutate.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { resetSessionState } from './status.ts';

export type { Rejection } from '../../../shared/contracts/http/index.ts';
export type { AmtsplatzDb } from '../db/index.ts';
export type { SyncStatus } from './status.ts';
export { dismissRejection, readSyncStatus } from './status.ts';
export { useJournal, useRejections, useSyncStatus } from './hooks.ts';
export type { JournalRefresh, JournalView, PendingJournalEntry } from './journal.ts';
export type { DataError, DataErrorCode } from '../api/data-error.ts';
export { CACHE_BUDGET_BYTES, useBlobState, useDokumente, useUploadQueue } from '../blobs/index.ts';
export type { AttachDokumentInput, AttachedDokument, BlobState, UploadQueueState } from '../blobs/index.ts';

export interface SyncSession {
  serverUrl: string;
  token: string;
  user: User;
}

export interface SyncHandle {
  /** The user's database, for live queries. Write to it only through mutate() and attachDokument(). */
  db: AmtsplatzDb;
  /** Optimistic effect + outbox entry in one transaction, then a push. A DomainError comes back as a value. */
  mutate: <N extends MutationName>(name: N, args: MutationArgs<N>) => Promise<Result<void>>;
  /**
   * Adds a file to a Vorgang, offline-capable: size/type checks, hash, then pinned bytes +
   * upload queue + addDokument in one transaction; the worker uploads, then pushes.
   * Errors: validation_failed (empty), payload_too_large, unsupported_media_type, or the
   * mutator's refusal (not_assignee, …) — then nothing was stored.
   */
  attachDokument: (input: AttachDokumentInput) => Promise<Result<AttachedDokument>>;
  /**
   * A document's bytes as a Blob of `mediaType` (pass the Dokument's): cached, or downloaded
   * and hash-checked. Errors: `offline` (not cached, no server), `hash_mismatch`, `not_found`.
   */
  getBlob: (sha256: string, mediaType?: string) => Promise<Result<Blob, DataError>>;
  /** Fetches and checks a Vorgang's journal into the cache (useJournal shows it). `offline` keeps the cache. */
  refreshJournal: (vorgangId: string) => Promise<Result<JournalRefresh, DataError>>;
  syncNow: () => void;
  /** Stops the worker and closes the database (on logout). */
  stop: () => Promise<void>;
}

/** How long stop() waits for the worker to finish a running transaction before terminating it. */
const STOP_TIMEOUT_MS = 5_000;

function waitFor(worker: Worker, types: readonly FromWorker['type'][], timeoutMs?: number): Promise<FromWorker> {
  return new Promise((resolve, reject) => {
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => finish({ type: 'stopped' }), timeoutMs);
    function finish(m: FromWorker | Error): void {
      clearTimeout(timer);
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      if (m instanceof Error) reject(m);
      else resolve(m);
    }
    function onMessage(e: MessageEvent<FromWorker>): void {
      if (types.includes(e.data.type)) finish(e.data);
    }
    function onError(e: ErrorEvent): void {
      finish(new Error(`Sync worker failed: ${e.message}`));
    }
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
  });
}

/**
 * Opens the user's database and starts the sync worker (push, pull, pokes, offline retries).
 * Call once per login; call stop() on logout.
 */
export async function startSync(session: SyncSession): Promise<SyncHandle> {
  const db = await openDb(session.user.id);
  await resetSessionState(db);
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'amtsplatz-sync' });
  const send = (m: ToWorker): void => worker.postMessage(m);
  const started = waitFor(worker, ['started', 'failed']);
  send({ type: 'start', serverUrl: session.serverUrl, token: session.token, user: session.user });
  try {
    const answer = await started;
    if (answer.type === 'failed') throw new Error(`Sync worker failed: ${answer.message}`);
  } catch (e) {
    worker.terminate();
    db.close();
    throw e;
  }
  // Coming back online retries at once instead of waiting for the next backoff step; going
  // offline shows in the status right away instead of after the next failed request.
  const onOnline = (): void => send({ type: 'network', online: true });
  const onOffline = (): void => send({ type: 'network', online: false });
  globalThis.addEventListener('online', onOnline);
  globalThis.addEventListener('offline', onOffline);
  const api = createApiClient({ baseUrl: session.serverUrl, getToken: () => session.token });
  return {
    db,
    async mutate(name, args) {
      const result = await mutate(db, session.user, name, args);
      if (result.ok) send({ type: 'syncNow' });
      return result;
    },
    async attachDokument(input) {
      const result = await attachDokument(db, session.user, input);
      if (result.ok) send({ type: 'syncNow' });
      return result;
    },
    getBlob(sha256, mediaType) {
      return getBlob(db, api, sha256, { mediaType });
    },
    refreshJournal(vorgangId) {
      return refreshJournal(db, api, vorgangId);
    },
    syncNow() {
      send({ type: 'syncNow' });
    },
    async stop() {
      globalThis.removeEventListener('online', onOnline);
      globalThis.removeEventListener('offline', onOffline);
      const stopped = waitFor(worker, ['stopped'], STOP_TIMEOUT_MS).catch(() => undefined);
      send({ type: 'stop' });
      await stopped;
      worker.terminate();
      db.close();
    },
  };
}
