import type { Result, User } from '../../../shared/domain/index.ts';
import type { MutationArgs, MutationName } from '../../../shared/mutators/index.ts';
import { openDb, type AmtsplatzDb } from '../db/index.ts';
import { mutate } from './mutate.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { resetSessionState } from './status.ts';

export type { Rejection } from '../../../shared/contracts/http/index.ts';
export type { AmtsplatzDb } from '../db/index.ts';
export type { SyncStatus } from './status.ts';
export { dismissRejection, readSyncStatus } from './status.ts';
export { useRejections, useSyncStatus } from './hooks.ts';

export interface SyncSession {
  serverUrl: string;
  token: string;
  user: User;
}

export interface SyncHandle {
  /** The user's database, for live queries. Write to it only through mutate(). */
  db: AmtsplatzDb;
  /** Optimistic effect + outbox entry in one transaction, then a push. A DomainError comes back as a value. */
  mutate<N extends MutationName>(name: N, args: MutationArgs<N>): Promise<Result<void>>;
  syncNow(): void;
  /** Stops the worker and closes the database (on logout). */
  stop(): Promise<void>;
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
  return {
    db,
    async mutate(name, args) {
      const result = await mutate(db, session.user, name, args);
      if (result.ok) send({ type: 'syncNow' });
      return result;
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
