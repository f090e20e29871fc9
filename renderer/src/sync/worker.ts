import { createApiClient } from '../api/http.ts';
import { openDb, type AmtsplatzDb } from '../db/index.ts';
import { createSyncEngine, type SyncEngine } from './engine.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

/**
 * The sync worker: pushes, pulls and listens for pokes off the UI thread. It opens its own
 * connection to the user's database; Dexie propagates its writes to the main thread's live
 * queries.
 */
let running: { db: AmtsplatzDb; engine: SyncEngine } | null = null;

function post(message: FromWorker): void {
  self.postMessage(message);
}

async function start(m: Extract<ToWorker, { type: 'start' }>): Promise<void> {
  if (running) return;
  const db = await openDb(m.user.id);
  const api = createApiClient({ baseUrl: m.serverUrl, getToken: () => m.token });
  // Chromium never fires online/offline in workers (crbug.com/40155587): starting as "offline"
  // would never retry. Start online; a failed request reports offline and retries with backoff.
  const engine = createSyncEngine({ db, api, actor: m.user, online: true });
  running = { db, engine };
  engine.start();
  post({ type: 'started' });
}

async function stop(): Promise<void> {
  const r = running;
  running = null;
  if (r) {
    await r.engine.stop();
    r.db.close();
  }
  post({ type: 'stopped' });
}

self.addEventListener('message', (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  let task: Promise<void>;
  switch (m.type) {
    case 'start':
      task = start(m);
      break;
    case 'stop':
      task = stop();
      break;
    case 'syncNow':
      running?.engine.syncNow();
      return;
    case 'network':
      running?.engine.setOnline(m.online);
      return;
  }
  task.catch((error: unknown) => {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  });
});
