import type { Result, User } from '../../../shared/domain/index.ts';
import { ApiError, type ApiClient } from '../api/http.ts';
import { uploadQueued } from '../blobs/upload.ts';
import { ensureClientId, getMeta, setMeta, type AmtsplatzDb, type StoredSyncState } from '../db/index.ts';
import { backoffDelay } from './backoff.ts';
import { runEventStream } from './events.ts';
import { applyPage } from './pull.ts';
import { pushPending } from './push.ts';
import { realTimers, type Timers } from './timers.ts';

/**
 * Rows per pull page. Larger pages mean fewer requests and transactions during the initial
 * sync; the server caps it at MAX_PULL_LIMIT. See docs/client-sync.md for the measurement.
 */
export const PULL_LIMIT = 2000;

/**
 * The first page of an initial sync is small so that the inbox can show rows within a
 * second of login; writing 2000 rows first would hold up the UI's first read.
 */
export const FIRST_PULL_LIMIT = 200;

export interface SyncEngineOptions {
  db: AmtsplatzDb;
  api: ApiClient;
  /** The signed-in user: the actor of optimistic re-runs during rebase. */
  actor: User;
  now?: () => Date;
  timers?: Timers;
  random?: () => number;
  /** Initial network state (navigator.onLine in the worker). */
  online?: boolean;
  pullLimit?: number;
  /** Keep GET /api/sync/events open and pull on each poke (default true). */
  listen?: boolean;
  /** Blob cache budget applied after uploads (default CACHE_BUDGET_BYTES). */
  cacheBudgetBytes?: number;
}

export interface SyncEngine {
  /** Loads the Verfahren, syncs, and starts listening for pokes. */
  start(): void;
  /** Push and pull now (after a local mutation, a poke, or the user's "sync now"). */
  syncNow: () => void;
  /** navigator.onLine changed. Coming online retries at once. */
  setOnline(online: boolean): void;
  /** Resolves when no cycle is running or queued. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

type Outcome = 'done' | 'retry' | 'fatal';

export function createSyncEngine(o: SyncEngineOptions): SyncEngine {
  const { db, api, actor } = o;
  const now = o.now ?? (() => new Date());
  const timers = o.timers ?? realTimers;
  const random = o.random ?? Math.random;
  const pullLimit = o.pullLimit ?? PULL_LIMIT;
  const lifetime = new AbortController();

  let online = o.online ?? true;
  let fatal = false;
  let requested = false;
  let running: Promise<void> | null = null;
  let retryTimer: unknown = null;
  let attempt = 0;
  let verfahrenLoaded = false;
  let cachedClientId: string | null = null;
  let stream: { controller: AbortController; task: Promise<void> } | null = null;
  let status: StoredSyncState | null = null;

  async function writeStatus(patch: Partial<StoredSyncState>): Promise<void> {
    status ??= (await getMeta(db, 'syncState')) ?? { state: 'idle', lastError: null, initialSyncDone: false };
    const next = { ...status, ...patch };
    if (next.state === status.state && next.lastError === status.lastError) {
      if (next.initialSyncDone === status.initialSyncDone) return;
    }
    status = next;
    await setMeta(db, 'syncState', next);
  }

  async function loadVerfahren(): Promise<Result<void, ApiError>> {
    const res = await api.call('verfahren', { signal: lifetime.signal });
    if (!res.ok) return res;
    // The authority the Textvorlagen and previews speak for, fetched with the Verfahren it drafts for.
    const authority = await api.call('authority', { signal: lifetime.signal });
    if (!authority.ok) return authority;
    const aktenplan = await api.call('aktenplan', { signal: lifetime.signal });
    if (!aktenplan.ok) return aktenplan;
    await db.transaction('rw', db.verfahren, db.meta, async () => {
      await db.verfahren.clear();
      await db.verfahren.bulkPut(res.value.verfahren);
      await setMeta(db, 'authority', authority.value.authority);
      await setMeta(db, 'aktenplan', aktenplan.value.aktenplan);
    });
    verfahrenLoaded = true;
    return { ok: true, value: undefined };
  }

  /** Pulls until hasMore=false, fetching the next page while the current one is written. */
  async function pullAll(clientId: string): Promise<Result<void, ApiError>> {
    const fetchPage = (cursor: string | undefined, limit = pullLimit) =>
      api.call('pull', { query: { clientId, cursor, limit }, signal: lifetime.signal });
    const start = await getMeta(db, 'cursor');
    let next = fetchPage(start, start === undefined ? Math.min(FIRST_PULL_LIMIT, pullLimit) : pullLimit);
    for (;;) {
      const res = await next;
      if (!res.ok) return res;
      const page = res.value;
      if (page.hasMore) next = fetchPage(page.cursor);
      await applyPage(db, actor, page);
      if (!page.hasMore) return { ok: true, value: undefined };
    }
  }

  async function cycle(): Promise<Result<void, ApiError>> {
    const clientId = (cachedClientId ??= await ensureClientId(db));
    if (!verfahrenLoaded) {
      const v = await loadVerfahren();
      if (!v.ok) return v;
    }
    // Bytes first: a queued addDokument must never reach the server before its blob.
    const uploaded = await uploadQueued(db, api, { signal: lifetime.signal, budgetBytes: o.cacheBudgetBytes });
    if (!uploaded.ok) return uploaded;
    const pushed = await pushPending(db, api, clientId, lifetime.signal);
    if (!pushed.ok) return pushed;
    return pullAll(clientId);
  }

  async function runCycle(): Promise<Outcome> {
    await writeStatus({ state: 'syncing' });
    let res: Result<void, ApiError>;
    try {
      res = await cycle();
    } catch (e) {
      // Storage failure or a bug: report it and retry later rather than dying silently.
      res = { ok: false, error: new ApiError('internal', e instanceof Error ? e.message : String(e), 0) };
    }
    if (lifetime.signal.aborted) return 'fatal';
    if (res.ok) {
      attempt = 0;
      await setMeta(db, 'lastSyncAt', now().toISOString());
      await writeStatus({ state: 'idle', lastError: null, initialSyncDone: true });
      return 'done';
    }
    const e = res.error;
    if (e.code === 'unauthenticated') {
      await writeStatus({ state: 'unauthorized', lastError: e.message });
      return 'fatal';
    }
    await writeStatus({ state: e.code === 'network' ? 'offline' : 'error', lastError: `${e.code}: ${e.message}` });
    return 'retry';
  }

  async function loop(): Promise<void> {
    while (requested && !fatal && !lifetime.signal.aborted) {
      requested = false;
      if (!online) {
        await writeStatus({ state: 'offline' });
        return;
      }
      const outcome = await runCycle();
      if (outcome === 'fatal') {
        becomeFatal();
        return;
      }
      if (outcome === 'retry') {
        requested = false;
        retryTimer = timers.set(
          () => {
            retryTimer = null;
            request();
          },
          backoffDelay(attempt++, random),
        );
        return;
      }
    }
  }

  function request(): void {
    if (fatal || lifetime.signal.aborted) return;
    requested = true;
    if (retryTimer !== null) {
      timers.clear(retryTimer);
      retryTimer = null;
    }
    running ??= loop().finally(() => {
      running = null;
      // A request that arrived while the loop was finishing must not be lost.
      if (requested && retryTimer === null) request();
    });
  }

  function startStream(): void {
    if (o.listen === false || stream || !online || fatal || lifetime.signal.aborted) return;
    const controller = new AbortController();
    const task = runEventStream({
      api,
      timers,
      random,
      signal: controller.signal,
      onConnected: request,
      onPoke: request,
      onFatal: (e) => {
        void writeStatus({ state: 'unauthorized', lastError: e.message });
        becomeFatal();
      },
    });
    stream = { controller, task };
  }

  function stopStream(): Promise<void> {
    const s = stream;
    stream = null;
    if (!s) return Promise.resolve();
    s.controller.abort();
    return s.task;
  }

  function becomeFatal(): void {
    fatal = true;
    void stopStream();
  }

  return {
    start() {
      request();
      startStream();
    },
    syncNow() {
      attempt = 0;
      request();
    },
    setOnline(next) {
      online = next;
      if (next) {
        attempt = 0;
        request();
        startStream();
      } else {
        void stopStream();
        if (!running) void writeStatus({ state: 'offline' });
      }
    },
    async idle() {
      while (running) await running;
    },
    async stop() {
      lifetime.abort();
      if (retryTimer !== null) timers.clear(retryTimer);
      retryTimer = null;
      await stopStream();
      while (running) await running;
    },
  };
}
