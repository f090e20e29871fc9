import { Dexie, RangeSet, type IntervalTree, type ObservabilitySet } from 'dexie';
import { byAssignee, byOrgUnit, isOpen, type AmtsplatzDb, type VorgangRow } from '../../db/index.ts';
import { berlinDate } from '../../../../shared/domain/index.ts';
import {
  InboxIndex,
  compareEntries,
  rowMatcher,
  toInboxEntry,
  type InboxEntry,
  type InboxQuery,
} from './inbox-index.ts';

/**
 * Keeps an InboxIndex in step with the Vorgänge in Dexie.
 *
 * Loading: the table is read in primary-key chunks (short read transactions, so the sync
 * worker's writes are not held up behind one long scan).
 *
 * Updates: Dexie announces every committed write (also from the sync worker, through its
 * BroadcastChannel) as `storagemutated`. Small writes name their keys and are re-read by id.
 * Bulk writes (Dexie reports ≥ 50 rows only as "the whole table changed") trigger a catch-up:
 * new and vanished ids by comparing primary keys, changed rows by the `updatedAt` index above
 * the watermark of server-written rows. The rows the grid displays are read through
 * `loadRows`, which corrects the index as well.
 *
 * Rows read on the way are kept in a small LRU cache, so the grid can show freshly pulled rows
 * without another IndexedDB read. That matters during the initial sync: the sync worker writes
 * page after page, each read here queues behind the next write, and Dexie's liveQuery would
 * even discard results that a write overtook. Reads here always deliver.
 *
 * All reads, index and cache updates run one after another (see schedule), so an older read
 * can never overwrite a newer one.
 */
export interface InboxSource {
  readonly index: InboxIndex;
  /** True once the whole table has been loaded into the index. */
  isReady(): boolean;
  /** Changes on every index revision and when loading completes (for useSyncExternalStore). */
  getSnapshot: () => number;
  subscribe: (listener: () => void) => () => void;
  /** The last row read for this id, if it is still cached (and marks it recently used). */
  cachedRow(id: string): VorgangRow | undefined;
  /**
   * Reads rows into the cache (all given ids, or only those not cached) and corrects the index
   * with them. Resolves once they are cached.
   */
  loadRows(ids: readonly string[], onlyMissing: boolean): Promise<void>;
  /** Resolves when all queued work is done (tests, and callers that need a settled index). */
  settled(): Promise<void>;
  stop(): void;
}

export interface InboxSourceOptions {
  chunkSize?: number;
  /** Delay to coalesce bursts of write notifications into one read. */
  coalesceMs?: number;
  /** Rows kept in the LRU cache (a pulled page or two plus the visible window). */
  cacheSize?: number;
}

type Part = 'keys' | 'all' | null;

/** A bulk catch-up waits at least this multiple of the previous one's duration. */
const CATCH_UP_SPACING = 3;

export function createInboxSource(db: AmtsplatzDb, options: InboxSourceOptions = {}): InboxSource {
  const chunkSize = options.chunkSize ?? 5000;
  const coalesceMs = options.coalesceMs ?? 20;
  const cacheSize = options.cacheSize ?? 5000;
  const index = new InboxIndex();
  const cache = new Map<string, VorgangRow>();
  const listeners = new Set<() => void>();
  const pkPart = `idb://${db.name}/vorgaenge/`;

  let ready = false;
  let stopped = false;
  let snapshot = 0;
  /** Reads run one at a time; visible rows (urgent) go before catch-ups (background). */
  const urgent: (() => Promise<void>)[] = [];
  const background: (() => Promise<void>)[] = [];
  let running: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let catchUpTimer: ReturnType<typeof setTimeout> | null = null;
  let pendingIds = new Set<string>();
  /** How long the last catch-up took; the next one waits a multiple of it (see onMutated). */
  let lastCatchUpMs = 0;
  /** Highest updatedAt among rows read in bulk (server-written); see catchUp. */
  let watermark = '';

  const notify = () => {
    snapshot++;
    for (const l of listeners) l();
  };

  /**
   * Queues a read. Reads never overlap, so each one sees a database state at least as new as
   * the one before (IndexedDB orders transactions by creation) and an older read can never
   * overwrite a newer one; the lanes only decide which waiting read goes next. The returned
   * promise settles (never rejects) when the work is done or dropped after stop().
   */
  const schedule = (work: () => Promise<void>, lane: 'urgent' | 'background'): Promise<void> =>
    new Promise<void>((resolve) => {
      const task = async () => {
        try {
          if (!stopped) await work();
        } catch (e) {
          // A failed read leaves the index as it was; the next notification or catch-up repairs it.
          console.warn('inbox index update failed', e instanceof Error ? e.name : 'unknown');
        } finally {
          resolve();
        }
      };
      (lane === 'urgent' ? urgent : background).push(task);
      pump();
    });

  function pump(): void {
    if (running) return;
    const next = urgent.shift() ?? background.shift();
    if (!next) return;
    running = next().finally(() => {
      running = null;
      pump();
    });
  }

  const raise = (rows: readonly { updatedAt: string }[]) => {
    for (const r of rows) if (r.updatedAt > watermark) watermark = r.updatedAt;
  };

  /**
   * Trims to the cache size before adding, not after: the rows of one catch-up stay cached
   * (however many) until the next read, so the grid finds the window it shows right after the
   * index changed. Rows the grid shows are touched on every render and survive the trimming.
   */
  const remember = (rows: readonly VorgangRow[]) => {
    for (const id of cache.keys()) {
      if (cache.size <= cacheSize) break;
      cache.delete(id);
    }
    for (const r of rows) {
      cache.delete(r.id);
      cache.set(r.id, r);
    }
  };

  const forget = (ids: readonly string[]) => {
    for (const id of ids) cache.delete(id);
  };

  async function load(): Promise<void> {
    const entries: InboxEntry[] = [];
    let last: string | null = null;
    for (;;) {
      const coll = last === null ? db.vorgaenge.orderBy(':id') : db.vorgaenge.where(':id').above(last);
      const rows: VorgangRow[] = await coll.limit(chunkSize).toArray();
      if (stopped) return;
      for (const r of rows) entries.push(toInboxEntry(r));
      raise(rows);
      const tail = rows[rows.length - 1];
      if (rows.length < chunkSize || !tail) break;
      last = tail.id;
    }
    index.replaceAll(entries);
    ready = true;
    notify();
  }

  /** Reads rows by id into cache and index, then tells the views (the cache changed even when the index did not). */
  async function rereadIds(ids: readonly string[]): Promise<void> {
    const rows = await db.vorgaenge.bulkGet([...ids]);
    const found: VorgangRow[] = [];
    const gone: string[] = [];
    rows.forEach((r, i) => {
      if (r) found.push(r);
      else gone.push(ids[i] as string);
    });
    remember(found);
    forget(gone);
    // load() starts first and nothing runs beside it, so the index is complete here.
    index.apply(found.map(toInboxEntry), gone);
    notify();
  }

  async function catchUp(): Promise<void> {
    // One read transaction: one wait behind the sync's write, and a consistent snapshot.
    const { keys, changed, added } = await db.transaction('r', db.vorgaenge, async () => {
      const keys = await db.vorgaenge.toCollection().primaryKeys();
      const changed: VorgangRow[] = watermark ? await db.vorgaenge.where('updatedAt').above(watermark).toArray() : [];
      const seen = new Set(changed.map((r) => r.id));
      const fresh = keys.filter((id) => !index.get(id) && !seen.has(id));
      const added: VorgangRow[] = [];
      for (let i = 0; i < fresh.length; i += chunkSize) {
        const rows = await db.vorgaenge.bulkGet(fresh.slice(i, i + chunkSize));
        for (const r of rows) if (r) added.push(r);
      }
      return { keys, changed, added };
    });
    const present = new Set(keys);
    const gone: string[] = [];
    for (const id of index.ids()) if (!present.has(id)) gone.push(id);
    raise(changed);
    raise(added);
    remember(changed);
    remember(added);
    forget(gone);
    const indexChanged = index.apply([...changed, ...added].map(toInboxEntry), gone);
    if (indexChanged || changed.length > 0) notify();
  }

  function flush(): void {
    timer = null;
    const ids = [...pendingIds];
    pendingIds = new Set();
    // Also after a catch-up: local writes carry device time and may sit below the watermark.
    if (ids.length > 0) void schedule(() => rereadIds(ids), 'background');
  }

  function flushCatchUp(): void {
    catchUpTimer = null;
    void schedule(async () => {
      const started = performance.now();
      await catchUp();
      lastCatchUpMs = performance.now() - started;
    }, 'background');
  }

  function classify(tree: IntervalTree): { part: Part; ids: string[] } {
    const ids: string[] = [];
    for (const node of RangeSet(tree)) {
      if (typeof node.from === 'string' && node.from === node.to) ids.push(node.from);
      else return { part: 'all', ids: [] };
    }
    return { part: ids.length ? 'keys' : null, ids };
  }

  const onMutated = (parts: ObservabilitySet) => {
    if (stopped) return;
    const tree = parts[pkPart];
    let c: { part: Part; ids: string[] };
    if (parts['all']) c = { part: 'all', ids: [] };
    else if (tree) c = classify(tree);
    else return;
    if (c.part === 'all') {
      // A catch-up rescans the table's keys. During an initial sync bulk writes come page after
      // page; waiting CATCH_UP_SPACING × its last duration keeps these scans to a small share
      // of the time, so they don't slow the sync they are following.
      if (catchUpTimer === null) {
        catchUpTimer = setTimeout(flushCatchUp, Math.max(coalesceMs, CATCH_UP_SPACING * lastCatchUpMs));
      }
      return;
    }
    for (const id of c.ids) pendingIds.add(id);
    if (c.part !== null && timer === null) timer = setTimeout(flush, coalesceMs);
  };

  Dexie.on('storagemutated', onMutated);
  void schedule(load, 'background');

  return {
    index,
    isReady: () => ready,
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    cachedRow(id) {
      const r = cache.get(id);
      if (r) {
        cache.delete(id);
        cache.set(id, r);
      }
      return r;
    },
    loadRows(ids, onlyMissing) {
      const wanted = onlyMissing ? ids.filter((id) => !cache.has(id)) : [...ids];
      if (wanted.length === 0) return Promise.resolve();
      return schedule(() => rereadIds(wanted), 'urgent');
    },
    async settled() {
      for (;;) {
        if (timer !== null) {
          clearTimeout(timer);
          flush();
        }
        if (catchUpTimer !== null) {
          clearTimeout(catchUpTimer);
          flushCatchUp();
        }
        if (running) await running;
        else if (urgent.length > 0 || background.length > 0) pump();
        else if (timer === null && catchUpTimer === null) return;
      }
    },
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      if (catchUpTimer !== null) clearTimeout(catchUpTimer);
      Dexie.on.storagemutated.unsubscribe(onMutated);
      listeners.clear();
    },
  };
}

/**
 * The first page straight from the compound indexes, for the moments before the index has
 * loaded (a returning user with 100,000 local rows sees rows in milliseconds). The open flag
 * in the index keeps the default view (open work) a plain range read; "all statuses" merges
 * the open and the closed range. Other filters and search are applied while walking the
 * index, so a rare filter may read further; callers show this only until the index is ready.
 *
 * Overdue is the org unit's open range up to today; deputy merges the absent colleagues'
 * ranges. The parked views are ordered by a date no Dexie index holds: they get no first page
 * (an empty one) and wait for the index.
 */
export async function firstPage(db: AmtsplatzDb, q: InboxQuery, limit: number): Promise<VorgangRow[]> {
  if (q.view === 'wiedervorlagen' || q.view === 'waiting') return [];
  const match = rowMatcher(q);
  const flags: (0 | 1)[] =
    q.view === 'overdue' ? [1] : q.status === 'all' ? [1, 0] : q.status === 'open' || isOpen(q.status) ? [1] : [0];
  const ranges = flags.flatMap((open) => {
    switch (q.view) {
      case 'team':
        return [byOrgUnit(db, q.orgUnitId, open)];
      case 'overdue':
        return [overdueRange(db, q.orgUnitId, q.today ?? berlinDate(new Date()))];
      case 'deputy':
        return (q.deputyFor ?? []).map((id) => byAssignee(db, id, open));
      default:
        return [byAssignee(db, q.view === 'mine' ? q.userId : '', open)];
    }
  });
  const pages = await Promise.all(ranges.map((coll) => coll.filter(match).limit(limit).toArray()));
  const rows = pages.flat();
  if (pages.length > 1) rows.sort((a, b) => compareEntries(toInboxEntry(a), toInboxEntry(b)));
  return rows.slice(0, limit);
}

/** Open Vorgänge of the org unit with a Frist before today, oldest first. */
function overdueRange(db: AmtsplatzDb, orgUnitId: string, today: string) {
  return db.vorgaenge
    .where('[orgUnitId+open+frist]')
    .between([orgUnitId, 1, Dexie.minKey], [orgUnitId, 1, today], true, false);
}
