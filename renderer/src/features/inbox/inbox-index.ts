import {
  OPEN_STATUSES,
  VORGANG_STATUSES,
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
import { berlinDayOf } from './berlin-day.ts';

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
  /** The Berlin calendar days of receivedAt and updatedAt (the link filters and the team console count by them). */
  receivedDay: string;
  updatedDay: string;
  /** Date of the Wiedervorlage, '' when there is none. */
  wiedervorlage: string;
  /** Frist of the Nachforderung while the Vorgang waits for it (status `wartet`), else ''. */
  nachforderungFrist: string;
}

/** The stored row fields the index is built from (a subset of the Dexie Vorgang row). */
export type InboxSourceRow = Pick<
  Vorgang,
  | 'id'
  | 'frist'
  | 'status'
  | 'verfahrenId'
  | 'orgUnitId'
  | 'updatedAt'
  | 'receivedAt'
  | 'wiedervorlage'
  | 'nachforderung'
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
    receivedDay: berlinDayOf(row.receivedAt),
    updatedDay: berlinDayOf(row.updatedAt),
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
    a.receivedDay === b.receivedDay &&
    a.updatedDay === b.updatedDay &&
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

export function isStatusFilter(x: string): x is StatusFilter {
  return x === 'open' || x === 'all' || (VORGANG_STATUSES as readonly string[]).includes(x);
}

/** Calendar days, both inclusive (ISO dates compare as strings). */
export interface DayRange {
  from: IsoDate;
  to: IsoDate;
}

/**
 * Narrows a view to what a link counted (the team console's figures, docs/lead-guide.md): the
 * route carries it (app/router.ts). Every part is optional; each one given must hold.
 */
export interface InboxFilter {
  /** The assignee's id; '' for the team queue. */
  assignee?: string;
  /** The Frist lies in this range. */
  frist?: DayRange;
  /** Received (Berlin day of receivedAt) in this range. */
  received?: DayRange;
  /**
   * Last changed (Berlin day of updatedAt) in this range. With status abgeschlossen this is the
   * day of the z.d.A.: a concluded Vorgang is read-only, so its last change is the conclusion.
   */
  updated?: DayRange;
  /** Also the Vorgänge the work views (mine, team, open, deputy) leave out while parked. */
  withParked?: boolean;
}

const inRange = (day: string, r: DayRange | undefined) => r === undefined || (r.from <= day && day <= r.to);

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
  /** A link's narrowing of the view (see InboxFilter). */
  filter?: InboxFilter;
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

/** The predicate of one query over index entries. */
function predicate(q: InboxQuery): (e: InboxEntry) => boolean {
  const terms = searchTerms(q.text);
  const { view, userId, orgUnitId, status, verfahrenId } = q;
  const today = q.today ?? berlinDate(new Date());
  const deputyFor = new Set(q.deputyFor ?? []);
  const f = q.filter ?? {};
  const parked =
    f.withParked === true ? () => false : (e: InboxEntry) => isParked(e.wiedervorlage, e.nachforderungFrist, today);
  return (e) => {
    if (e.orgUnitId !== orgUnitId) return false;
    switch (view) {
      case 'mine':
        if (e.assigneeKey !== userId || parked(e)) return false;
        break;
      case 'team':
        if (parked(e)) return false;
        break;
      case 'open':
        if (e.assigneeKey !== '' || parked(e)) return false;
        break;
      case 'wiedervorlagen':
        if (!parkedByWiedervorlage(e.wiedervorlage, today)) return false;
        break;
      case 'waiting':
        if (!parkedByNachforderung(e.nachforderungFrist, today)) return false;
        break;
      case 'overdue':
        if (!(e.frist < today) || !OPEN.has(e.status)) return false;
        break;
      case 'deputy':
        if (!deputyFor.has(e.assigneeKey) || parked(e)) return false;
        break;
    }
    if (status === 'open' ? !OPEN.has(e.status) : status !== 'all' && e.status !== status) return false;
    if (verfahrenId !== null && e.verfahrenId !== verfahrenId) return false;
    if (f.assignee !== undefined && e.assigneeKey !== f.assignee) return false;
    if (!inRange(e.frist, f.frist) || !inRange(e.receivedDay, f.received) || !inRange(e.updatedDay, f.updated)) {
      return false;
    }
    for (const t of terms) if (!e.search.includes(t)) return false;
    return true;
  };
}

/** A predicate for one query over index entries. */
export function matcher(q: InboxQuery): (e: InboxEntry) => boolean {
  return predicate(q);
}

/** The same predicate over rows read from Dexie (before the index is ready). */
export function rowMatcher(q: InboxQuery): (r: InboxSourceRow) => boolean {
  const match = predicate(q);
  return (r) => match(toInboxEntry(r));
}

/**
 * What one change did to the index, for views that keep counters over it (the team console):
 * the entries as they were (changed or removed) and as they are (changed or added). `reset`:
 * the whole content was replaced; read entries() again.
 */
export interface InboxIndexChange {
  readonly reset: boolean;
  readonly before: readonly InboxEntry[];
  readonly after: readonly InboxEntry[];
}

export class InboxIndex {
  private readonly byId = new Map<string, InboxEntry>();
  /** All entries in compareEntries order. */
  private sorted: InboxEntry[] = [];
  private rev = 0;
  private readonly watchers = new Set<(change: InboxIndexChange) => void>();

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

  /** Calls `listener` after every effective change, with what changed; returns the unsubscribe. */
  watch(listener: (change: InboxIndexChange) => void): () => void {
    this.watchers.add(listener);
    return () => this.watchers.delete(listener);
  }

  private tell(change: InboxIndexChange): void {
    for (const w of this.watchers) w(change);
  }

  /** Replaces the whole content (initial load, or after the table was cleared). */
  replaceAll(entries: readonly InboxEntry[]): void {
    this.byId.clear();
    for (const e of entries) this.byId.set(e.id, e);
    this.sorted = [...this.byId.values()].sort(compareEntries);
    this.rev++;
    this.tell({ reset: true, before: [], after: [] });
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

    const before: InboxEntry[] = [];
    for (const id of [...changed.keys(), ...removed]) {
      const old = this.byId.get(id);
      if (old) before.push(old);
    }
    this.sorted = merged;
    for (const id of removed) this.byId.delete(id);
    for (const e of incoming) this.byId.set(e.id, e);
    this.rev++;
    this.tell({ reset: false, before, after: incoming });
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
