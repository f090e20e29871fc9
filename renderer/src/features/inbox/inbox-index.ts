import {
  OPEN_STATUSES,
  berlinDate,
  parkedByNachforderung,
  parkedByWiedervorlage,
  parkedReason,
  parkingNachforderungFrist,
  type IsoDate,
  type Vorgang,
  type VorgangStatus,
} from '../../../../shared/domain/index.ts';
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
  /** Date of the Wiedervorlage, '' when there is none. */
  wiedervorlage: string;
  /** Frist of the Nachforderung while the Vorgang waits for it (status `wartet`), else ''. */
  nachforderungFrist: string;
}

/** The stored row fields the index is built from (a subset of the Dexie Vorgang row). */
export type InboxSourceRow = Pick<
  Vorgang,
  'id' | 'frist' | 'status' | 'verfahrenId' | 'orgUnitId' | 'updatedAt' | 'wiedervorlage' | 'nachforderung'
> & {
  assigneeKey: string;
  search: string;
};

/** The Nachforderung that parks a Vorgang (parkingNachforderungFrist, shared/domain). */
export const nachforderungFristOf: (row: Pick<InboxSourceRow, 'status' | 'nachforderung'>) => string =
  parkingNachforderungFrist;

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
    wiedervorlage: row.wiedervorlage?.date ?? '',
    nachforderungFrist: nachforderungFristOf(row),
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
    a.updatedAt === b.updatedAt &&
    a.wiedervorlage === b.wiedervorlage &&
    a.nachforderungFrist === b.nachforderungFrist
  );
}

/**
 * mine, team, open: the work lists (without parked Vorgänge). wiedervorlagen and waiting: the
 * parked ones of the org unit. overdue: open work of the org unit past its Frist. deputy: the
 * open work of colleagues the user stands in for today.
 */
export const INBOX_VIEWS = ['mine', 'team', 'open', 'wiedervorlagen', 'waiting', 'overdue', 'deputy'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

export function isInboxView(x: string): x is InboxView {
  return (INBOX_VIEWS as readonly string[]).includes(x);
}

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
  /**
   * Today in Germany (berlinDate): parks Vorgänge with a later Wiedervorlage or a running
   * Nachforderung, and decides what is overdue. Default: the day of the call.
   */
  today?: IsoDate;
  /** Users whose Vorgänge the user works as deputy today (view `deputy`); see absentColleaguesOf. */
  deputyFor?: readonly string[];
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

function byWiedervorlage(a: InboxEntry, b: InboxEntry): number {
  if (a.wiedervorlage !== b.wiedervorlage) return a.wiedervorlage < b.wiedervorlage ? -1 : 1;
  return compareEntries(a, b);
}

function byNachforderungFrist(a: InboxEntry, b: InboxEntry): number {
  if (a.nachforderungFrist !== b.nachforderungFrist) return a.nachforderungFrist < b.nachforderungFrist ? -1 : 1;
  return compareEntries(a, b);
}

/** Views not in Frist order; the rest keep the index's own order (overdue: oldest Frist first). */
const VIEW_ORDER: Partial<Record<InboxView, (a: InboxEntry, b: InboxEntry) => number>> = {
  wiedervorlagen: byWiedervorlage,
  waiting: byNachforderungFrist,
};

/** Parked (parkedReason, shared/domain): two string comparisons per row. */
export function isParked(wiedervorlage: string, nachforderungFrist: string, today: string): boolean {
  return parkedReason(wiedervorlage, nachforderungFrist, today) !== null;
}

/** Search terms, normalised like the rows' search text; a row matches when it contains every term. */
export function searchTerms(text: string): string[] {
  return normalizeSearch(text).split(/\s+/).filter(Boolean);
}

const OPEN = new Set<VorgangStatus>(OPEN_STATUSES);

type MatchFields = Pick<InboxEntry, 'frist' | 'status' | 'verfahrenId' | 'orgUnitId' | 'assigneeKey' | 'search'>;

/** The predicate of one query over the fields of an entry or a row, plus its two park dates. */
function predicate(q: InboxQuery): (e: MatchFields, wiedervorlage: string, nachforderungFrist: string) => boolean {
  const terms = searchTerms(q.text);
  const { view, userId, orgUnitId, status, verfahrenId } = q;
  const today = q.today ?? berlinDate(new Date());
  const deputyFor = new Set(q.deputyFor ?? []);
  return (e, wiedervorlage, nachforderungFrist) => {
    if (e.orgUnitId !== orgUnitId) return false;
    switch (view) {
      case 'mine':
        if (e.assigneeKey !== userId || isParked(wiedervorlage, nachforderungFrist, today)) return false;
        break;
      case 'team':
        if (isParked(wiedervorlage, nachforderungFrist, today)) return false;
        break;
      case 'open':
        if (e.assigneeKey !== '' || isParked(wiedervorlage, nachforderungFrist, today)) return false;
        break;
      case 'wiedervorlagen':
        if (!parkedByWiedervorlage(wiedervorlage, today)) return false;
        break;
      case 'waiting':
        if (!parkedByNachforderung(nachforderungFrist, today)) return false;
        break;
      case 'overdue':
        if (!(e.frist < today) || !OPEN.has(e.status)) return false;
        break;
      case 'deputy':
        if (!deputyFor.has(e.assigneeKey) || isParked(wiedervorlage, nachforderungFrist, today)) return false;
        break;
    }
    if (status === 'open' ? !OPEN.has(e.status) : status !== 'all' && e.status !== status) return false;
    if (verfahrenId !== null && e.verfahrenId !== verfahrenId) return false;
    for (const t of terms) if (!e.search.includes(t)) return false;
    return true;
  };
}

/** A predicate for one query over index entries. */
export function matcher(q: InboxQuery): (e: InboxEntry) => boolean {
  const match = predicate(q);
  return (e) => match(e, e.wiedervorlage, e.nachforderungFrist);
}

/** The same predicate over rows read from Dexie (before the index is ready). */
export function rowMatcher(q: InboxQuery): (r: InboxSourceRow) => boolean {
  const match = predicate(q);
  return (r) => match(r, r.wiedervorlage?.date ?? '', nachforderungFristOf(r));
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

  /** All entries in Frist order (read-only; for scans that are not a query, e.g. notifications). */
  entries(): readonly InboxEntry[] {
    return this.sorted;
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

  /** Ids matching the query, in the view's order (Frist, or the date that parks the Vorgang). */
  query(q: InboxQuery): string[] {
    const match = matcher(q);
    const order = VIEW_ORDER[q.view];
    const out: string[] = [];
    if (order === undefined) {
      for (const e of this.sorted) if (match(e)) out.push(e.id);
      return out;
    }
    const found: InboxEntry[] = [];
    for (const e of this.sorted) if (match(e)) found.push(e);
    found.sort(order);
    for (const e of found) out.push(e.id);
    return out;
  }

  /** Latest updatedAt in the index ('' when empty): the watermark for catching up on bulk writes. */
  maxUpdatedAt(): string {
    let max = '';
    for (const e of this.sorted) if (e.updatedAt > max) max = e.updatedAt;
    return max;
  }
}
