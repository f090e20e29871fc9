import { OPEN_STATUSES, type VorgangStatus } from '../../../../shared/domain/index.ts';

/**
 * The fields of an inbox index entry the counters read (features/inbox CountedEntry). Declared
 * here by shape, so the counters (and the bench page that times them) need nothing of the inbox
 * but its index.
 */
export interface CountedEntry {
  readonly orgUnitId: string;
  readonly assigneeKey: string;
  readonly status: VorgangStatus;
  readonly frist: string;
  readonly receivedDay: string;
  readonly updatedDay: string;
  readonly nachforderungFrist: string;
}

/** One change of the index: entries as they were and as they are (InboxIndexChange). */
export interface CountedChange {
  readonly reset: boolean;
  readonly before: readonly CountedEntry[];
  readonly after: readonly CountedEntry[];
}

/** What the counters follow: the inbox's in-memory index (InboxIndex). */
export interface WatchedIndex {
  entries(): readonly CountedEntry[];
  watch(listener: (change: CountedChange) => void): () => void;
}

/** Counts per key (a day, mostly); a key whose count drops to zero is removed. */
export class Tally {
  private readonly counts = new Map<string, number>();
  private sum = 0;

  add(key: string, delta: number): void {
    const n = (this.counts.get(key) ?? 0) + delta;
    if (n === 0) this.counts.delete(key);
    else this.counts.set(key, n);
    this.sum += delta;
  }

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  get total(): number {
    return this.sum;
  }

  /** The sum over the keys for which `keep` holds: one pass over the distinct keys, not over the Vorgänge. */
  sumWhere(keep: (key: string) => boolean): number {
    let n = 0;
    for (const [key, count] of this.counts) if (keep(key)) n += count;
    return n;
  }

  clear(): void {
    this.counts.clear();
    this.sum = 0;
  }
}

/** One assignee's open work ('' = the team queue). */
export interface AssigneeCounts {
  /** Open Vorgänge by Frist. */
  readonly open: Tally;
  /** Vorgänge waiting for a Nachforderung, by the Nachforderung's Frist (parked while it runs). */
  readonly waiting: Tally;
  /** Vorgänge in status zur_freigabe (submitted; the Freigabe or an Umlauf is open), by Frist. */
  readonly freigabe: Tally;
}

const OPEN: ReadonlySet<VorgangStatus> = new Set(OPEN_STATUSES);

/**
 * The team console's counters over the inbox's in-memory index, kept by the index's changes:
 * a change to k Vorgänge costs O(k), never a pass over all of them. Everything is counted by
 * a date (Frist, receipt, z.d.A.) and not by "overdue" or "this week", so a new day needs no
 * recount: the figures sum the few distinct dates (console-figures.ts).
 */
export class TeamCounters {
  readonly orgUnitId: string;
  private readonly assignees = new Map<string, AssigneeCounts>();
  /** Open Vorgänge of the org unit by Frist. */
  readonly fristen = new Tally();
  /** Vorgänge of the org unit by the Berlin day of receipt, whatever their status. */
  readonly received = new Tally();
  /** Concluded (abgeschlossen) Vorgänge by the day of their z.d.A. */
  readonly closed = new Tally();
  private rev = 0;

  constructor(orgUnitId: string) {
    this.orgUnitId = orgUnitId;
  }

  /** Increases with every change that touched the org unit. */
  get revision(): number {
    return this.rev;
  }

  /** The assignees (ids, '' = team queue) with any open work counted. */
  assigneeKeys(): string[] {
    return [...this.assignees.keys()];
  }

  assignee(key: string): AssigneeCounts | undefined {
    return this.assignees.get(key);
  }

  /** Counts everything anew (the index loaded or replaced its content). */
  reset(entries: Iterable<CountedEntry>): void {
    this.assignees.clear();
    this.fristen.clear();
    this.received.clear();
    this.closed.clear();
    for (const e of entries) this.count(e, 1);
    this.rev++;
  }

  /** Takes one change of the index: the old entries out, the new ones in. Returns whether the org unit was touched. */
  apply(change: Pick<CountedChange, 'before' | 'after'>): boolean {
    let touched = false;
    for (const e of change.before) touched = this.count(e, -1) || touched;
    for (const e of change.after) touched = this.count(e, 1) || touched;
    if (touched) this.rev++;
    return touched;
  }

  private count(e: CountedEntry, sign: 1 | -1): boolean {
    if (e.orgUnitId !== this.orgUnitId) return false;
    this.received.add(e.receivedDay, sign);
    // A concluded Vorgang is read-only until a Wiederaufnahme: its last change is the z.d.A.
    if (e.status === 'abgeschlossen') this.closed.add(e.updatedDay, sign);
    if (!OPEN.has(e.status)) return true;
    let a = this.assignees.get(e.assigneeKey);
    if (!a) {
      a = { open: new Tally(), waiting: new Tally(), freigabe: new Tally() };
      this.assignees.set(e.assigneeKey, a);
    }
    a.open.add(e.frist, sign);
    this.fristen.add(e.frist, sign);
    if (e.nachforderungFrist !== '') a.waiting.add(e.nachforderungFrist, sign);
    if (e.status === 'zur_freigabe') a.freigabe.add(e.frist, sign);
    if (a.open.total === 0) this.assignees.delete(e.assigneeKey);
    return true;
  }
}

/** Counters bound to an index: they follow its changes and tell their listeners. */
export interface LiveTeamCounters {
  readonly counters: TeamCounters;
  subscribe: (listener: () => void) => () => void;
  getSnapshot: () => number;
}

const live = new WeakMap<WatchedIndex, Map<string, LiveTeamCounters>>();

/**
 * The counters of an org unit over this index, made once per index and kept while the index
 * lives (the Shell's, for the session): the console shows them at once when the lead comes back
 * from a drill-down, and they follow every change in between at O(changed rows).
 */
export function teamCountersFor(index: WatchedIndex, orgUnitId: string): LiveTeamCounters {
  let byUnit = live.get(index);
  if (!byUnit) {
    byUnit = new Map();
    live.set(index, byUnit);
  }
  const existing = byUnit.get(orgUnitId);
  if (existing) return existing;
  const counters = new TeamCounters(orgUnitId);
  counters.reset(index.entries());
  const listeners = new Set<() => void>();
  index.watch((change) => {
    if (change.reset) counters.reset(index.entries());
    else if (!counters.apply(change)) return;
    for (const l of listeners) l();
  });
  const made: LiveTeamCounters = {
    counters,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => counters.revision,
  };
  byUnit.set(orgUnitId, made);
  return made;
}
