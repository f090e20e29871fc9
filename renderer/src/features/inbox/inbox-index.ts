import { OPEN_STATUSES, type Vorgang, type VorgangStatus } from '../../../../shared/domain/index.ts';
import { normalizeSearch } from '../../db/rows.ts';

/**
 * In-memory light index of the Vorgänge the inbox can show. Filtering 100,000 rows in an
 * unindexed IndexedDB scan takes seconds; the same filter over this array takes
 * milliseconds. Only the fields needed to filter and sort are kept; the grid fetches full
 * rows for the visible window by id.
 */
export interface InboxEntry {
  id: string;
  frist: string;
  status: VorgangStatus;
  verfahrenId: string;
  orgUnitId: string;
  /** Assignee id, '' when unassigned (as in the Dexie row). */
  assigneeKey: string;
  /** Normalised Aktenzeichen and applicant names (as in the Dexie row, see normalizeSearch). */
  search: string;
  updatedAt: string;
}

/** The stored row fields the index is built from (a subset of the Dexie Vorgang row). */
export type InboxSourceRow = Pick<Vorgang, 'id' | 'frist' | 'status' | 'verfahrenId' | 'orgUnitId' | 'updatedAt'> & {
  assigneeKey: string;
  search: string;
};

export function toInboxEntry(row: InboxSourceRow): InboxEntry {
  return {
    id: row.id,
    frist: row.frist,
    status: row.status,
    verfahrenId: row.verfahrenId,
    orgUnitId: row.orgUnitId,
    assigneeKey: row.assigneeKey,
    search: row.search,
    updatedAt: row.updatedAt,
  };
}

export function sameEntry(a: InboxEntry, b: InboxEntry): boolean {
  return (
    a.id === b.id &&
    a.frist === b.frist &&
    a.status === b.status &&
    a.verfahrenId === b.verfahrenId &&
    a.orgUnitId === b.orgUnitId &&
    a.assigneeKey === b.assigneeKey &&
    a.search === b.search &&
    a.updatedAt === b.updatedAt
  );
}

export const INBOX_VIEWS = ['mine', 'team', 'open'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

/** 'open': every status that counts as open work; 'all': no status filter. */
export type StatusFilter = VorgangStatus | 'open' | 'all';

export interface InboxQuery {
  view: InboxView;
  userId: string;
  orgUnitId: string;
  status: StatusFilter;
  /** null: all Verfahren. */
  verfahrenId: string | null;
  text: string;
}

/**
 * Frist ascending, then id: the order IndexedDB gives for equal keys in a compound index
 * ([assigneeKey+open+frist] ties are ordered by primary key), so the first page read straight
 * from Dexie and the page computed here agree.
 */
export function compareEntries(a: InboxEntry, b: InboxEntry): number {
  if (a.frist !== b.frist) return a.frist < b.frist ? -1 : 1;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

/** Search terms, normalised like the rows' search text; a row matches when it contains every term. */
export function searchTerms(text: string): string[] {
  return normalizeSearch(text).split(/\s+/).filter(Boolean);
}

const OPEN = new Set<VorgangStatus>(OPEN_STATUSES);

/** A predicate for one query; also used on rows read from Dexie before the index is ready. */
export function matcher(q: InboxQuery): (e: InboxSourceRow) => boolean {
  const terms = searchTerms(q.text);
  const status = q.status;
  return (e) => {
    if (e.orgUnitId !== q.orgUnitId) return false;
    if (q.view === 'mine' && e.assigneeKey !== q.userId) return false;
    if (q.view === 'open' && e.assigneeKey !== '') return false;
    if (status === 'open' ? !OPEN.has(e.status) : status !== 'all' && e.status !== status) return false;
    if (q.verfahrenId !== null && e.verfahrenId !== q.verfahrenId) return false;
    for (const t of terms) if (!e.search.includes(t)) return false;
    return true;
  };
}

export class InboxIndex {
  private readonly byId = new Map<string, InboxEntry>();
  /** All entries in compareEntries order. */
  private sorted: InboxEntry[] = [];
  private rev = 0;

  get size(): number {
    return this.sorted.length;
  }

  /** Increases with every effective change; lets views know when to re-query. */
  get revision(): number {
    return this.rev;
  }

  get(id: string): InboxEntry | undefined {
    return this.byId.get(id);
  }

  ids(): IterableIterator<string> {
    return this.byId.keys();
  }

  /** Replaces the whole content (initial load, or after the table was cleared). */
  replaceAll(entries: readonly InboxEntry[]): void {
    this.byId.clear();
    for (const e of entries) this.byId.set(e.id, e);
    this.sorted = [...this.byId.values()].sort(compareEntries);
    this.rev++;
  }

  /**
   * Applies changed and removed entries. O(n + k log k): the untouched entries stay in
   * order, the changed ones are sorted and merged in, so a page of 1,000 pulled rows costs
   * one pass over the array instead of a full re-sort. Returns whether anything changed.
   */
  apply(upserts: readonly InboxEntry[], removals: Iterable<string> = []): boolean {
    const latest = new Map<string, InboxEntry>();
    for (const e of upserts) latest.set(e.id, e);
    const changed = new Map<string, InboxEntry>();
    for (const e of latest.values()) {
      const old = this.byId.get(e.id);
      if (!old || !sameEntry(old, e)) changed.set(e.id, e);
    }
    const removed = new Set<string>();
    for (const id of removals) if (this.byId.has(id) && !latest.has(id)) removed.add(id);
    if (changed.size === 0 && removed.size === 0) return false;

    const kept = this.sorted.filter((e) => !changed.has(e.id) && !removed.has(e.id));
    const incoming = [...changed.values()].sort(compareEntries);
    const merged: InboxEntry[] = new Array<InboxEntry>(kept.length + incoming.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < kept.length && j < incoming.length) {
      const a = kept[i] as InboxEntry;
      const b = incoming[j] as InboxEntry;
      if (compareEntries(a, b) <= 0) {
        merged[k++] = a;
        i++;
      } else {
        merged[k++] = b;
        j++;
      }
    }
    while (i < kept.length) merged[k++] = kept[i++] as InboxEntry;
    while (j < incoming.length) merged[k++] = incoming[j++] as InboxEntry;

    this.sorted = merged;
    for (const id of removed) this.byId.delete(id);
    for (const e of incoming) this.byId.set(e.id, e);
    this.rev++;
    return true;
  }

  /** Ids matching the query, in Frist order. */
  query(q: InboxQuery): string[] {
    const match = matcher(q);
    const out: string[] = [];
    for (const e of this.sorted) if (match(e)) out.push(e.id);
    return out;
  }

  /** Latest updatedAt in the index ('' when empty): the watermark for catching up on bulk writes. */
  maxUpdatedAt(): string {
    let max = '';
    for (const e of this.sorted) if (e.updatedAt > max) max = e.updatedAt;
    return max;
  }
}
