import { Dexie, RangeSet, type IntervalTree, type ObservabilitySet } from 'dexie';
import type { AmtsplatzDb, VorgangRow } from '../../db/index.ts';
import { InboxIndex, matcher, sameEntry, toInboxEntry, type InboxEntry, type InboxQuery } from './inbox-index.ts';

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
 * the watermark of server-written rows. The grid additionally hands the rows it displays to
 * `reconcile`, so what is on screen always corrects the index.
 *
 * All reads and index updates run one after another on a single promise chain, so an older
 * read can never overwrite a newer one.
 */
export interface InboxSource {
  readonly index: InboxIndex;
  /** True once the whole table has been loaded into the index. */
  isReady(): boolean;
  /** Changes on every index revision and when loading completes (for useSyncExternalStore). */
  getSnapshot(): number;
  subscribe(listener: () => void): () => void;
  /** Corrects the index with freshly read rows (the visible window). */
  reconcile(rows: readonly VorgangRow[]): void;
  /** Resolves when all queued work is done (tests, and callers that need a settled index). */
  settled(): Promise<void>;
  stop(): void;
}

export interface InboxSourceOptions {
  chunkSize?: number;
  /** Delay to coalesce bursts of write notifications into one read. */
  coalesceMs?: number;
}

type Part = 'keys' | 'all' | null;

export function createInboxSource(db: AmtsplatzDb, options: InboxSourceOptions = {}): InboxSource {
  const chunkSize = options.chunkSize ?? 5000;
  const coalesceMs = options.coalesceMs ?? 50;
  const index = new InboxIndex();
  const listeners = new Set<() => void>();
  const pkPart = `idb://${db.name}/vorgaenge/`;

  let ready = false;
  let stopped = false;
  let snapshot = 0;
  let chain: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pendingIds = new Set<string>();
  let pendingCatchUp = false;
  /** Highest updatedAt among rows read in bulk (server-written); see catchUp. */
  let watermark = '';

  const notify = () => {
    snapshot++;
    for (const l of listeners) l();
  };

  const enqueue = (work: () => Promise<void>) => {
    chain = chain
      .then(() => (stopped ? undefined : work()))
      .catch((e: unknown) => {
        // A failed read leaves the index as it was; the next notification or catch-up repairs it.
        console.warn('inbox index update failed', e instanceof Error ? e.name : 'unknown');
      });
  };

  const raise = (rows: readonly { updatedAt: string }[]) => {
    for (const r of rows) if (r.updatedAt > watermark) watermark = r.updatedAt;
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

  async function rereadIds(ids: string[]): Promise<void> {
    const rows = await db.vorgaenge.bulkGet(ids);
    const ups: InboxEntry[] = [];
    const gone: string[] = [];
    rows.forEach((r, i) => {
      if (r) ups.push(toInboxEntry(r));
      else gone.push(ids[i] as string);
    });
    if (index.apply(ups, gone)) notify();
  }

  async function catchUp(): Promise<void> {
    const keys = await db.vorgaenge.toCollection().primaryKeys();
    const present = new Set(keys);
    const gone: string[] = [];
    for (const id of index.ids()) if (!present.has(id)) gone.push(id);
    const changed: VorgangRow[] = watermark ? await db.vorgaenge.where('updatedAt').above(watermark).toArray() : [];
    const seen = new Set(changed.map((r) => r.id));
    const fresh = keys.filter((id) => !index.get(id) && !seen.has(id));
    const added: VorgangRow[] = [];
    for (let i = 0; i < fresh.length; i += chunkSize) {
      const rows = await db.vorgaenge.bulkGet(fresh.slice(i, i + chunkSize));
      for (const r of rows) if (r) added.push(r);
    }
    raise(changed);
    raise(added);
    if (index.apply([...changed, ...added].map(toInboxEntry), gone)) notify();
  }

  function flush(): void {
    timer = null;
    const ids = [...pendingIds];
    const all = pendingCatchUp;
    pendingIds = new Set();
    pendingCatchUp = false;
    if (all) enqueue(catchUp);
    else if (ids.length > 0) enqueue(() => rereadIds(ids));
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
    if (c.part === 'all') pendingCatchUp = true;
    for (const id of c.ids) pendingIds.add(id);
    if (c.part !== null && timer === null) timer = setTimeout(flush, coalesceMs);
  };

  Dexie.on('storagemutated', onMutated);
  enqueue(load);

  return {
    index,
    isReady: () => ready,
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reconcile(rows) {
      if (!ready) return;
      const ups: InboxEntry[] = [];
      for (const r of rows) {
        const e = toInboxEntry(r);
        const old = index.get(e.id);
        if (!old || !sameEntry(old, e)) ups.push(e);
      }
      if (ups.length > 0 && index.apply(ups)) notify();
    },
    async settled() {
      while (timer !== null) {
        clearTimeout(timer);
        flush();
      }
      let current: Promise<void>;
      do {
        current = chain;
        await current;
      } while (current !== chain);
    },
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      Dexie.on.storagemutated.unsubscribe(onMutated);
      listeners.clear();
    },
  };
}

/**
 * The first page straight from the compound index, for the moments before the index has
 * loaded (a returning user with 100,000 local rows sees rows in milliseconds). Status and
 * Verfahren filters and search are applied while walking the index, so a rare filter may read
 * further; callers show this only until the index is ready.
 */
export async function firstPage(db: AmtsplatzDb, q: InboxQuery, limit: number): Promise<VorgangRow[]> {
  const match = matcher(q);
  const coll =
    q.view === 'team'
      ? db.vorgaenge.where('[orgUnitId+frist]').between([q.orgUnitId, Dexie.minKey], [q.orgUnitId, Dexie.maxKey])
      : db.vorgaenge
          .where('[assigneeKey+frist]')
          .between(
            [q.view === 'mine' ? q.userId : '', Dexie.minKey],
            [q.view === 'mine' ? q.userId : '', Dexie.maxKey],
          );
  return coll.filter(match).limit(limit).toArray();
}
