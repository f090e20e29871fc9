import { verifyChain, type ChainVerification, type JournalEvent, type Result } from '../../../shared/domain/index.ts';
import type { MutationName } from '../../../shared/mutators/index.ts';
import { toDataError, type DataError } from '../api/data-error.ts';
import type { ApiClient } from '../api/http.ts';
import type { AmtsplatzDb, OutboxEntry } from '../db/index.ts';

export interface JournalRefresh {
  /** The Vorgang's journal as the server returned it, in seq order. */
  events: JournalEvent[];
  /** The hash chain checked on this device ("Kette geprüft ✓", or the first broken seq). */
  verification: ChainVerification;
}

/** A local action on the Vorgang the server has not journaled yet (offline, or not yet pulled). */
export interface PendingJournalEntry {
  seq: number;
  name: MutationName;
  /** Device time of the action: the journal's deviceTime once the server has it. */
  clientTime: string;
  /** 'sent': the server has answered it; the next pull confirms it. */
  state: OutboxEntry['state'];
}

export interface JournalView {
  /** Cached server events, seq order. */
  events: JournalEvent[];
  /** Local actions not in `events` yet, oldest first. */
  pending: PendingJournalEntry[];
  /** The cached chain's check; null until it ran. */
  verification: ChainVerification | null;
}

/**
 * Fetches a Vorgang's journal (GET /api/journal), checks its hash chain here with the shared
 * verifyChain (the client does not take the server's word for it), and replaces the cached
 * events in one transaction. `offline` when the server is unreachable: the cache stays.
 */
export async function refreshJournal(
  db: AmtsplatzDb,
  api: ApiClient,
  vorgangId: string,
  signal?: AbortSignal,
): Promise<Result<JournalRefresh, DataError>> {
  const res = await api.call('journal', { query: { vorgangId }, signal });
  if (!res.ok) return { ok: false, error: toDataError(res.error) };
  const { events, head } = res.value;
  const verification = await verifyChain(events, { vorgangId, head });
  await db.transaction('rw', db.journal, async () => {
    await db.journal.where('vorgangId').equals(vorgangId).delete();
    await db.journal.bulkPut(events);
  });
  return { ok: true, value: { events, verification } };
}

function vorgangOf(e: OutboxEntry): unknown {
  return typeof e.args === 'object' && e.args !== null ? (e.args as { vorgangId?: unknown }).vorgangId : undefined;
}

/** The cached events and the outbox entries of a Vorgang that are not among them. */
export async function readJournal(
  db: AmtsplatzDb,
  vorgangId: string,
): Promise<Pick<JournalView, 'events' | 'pending'>> {
  const [events, outbox] = await Promise.all([
    db.journal.where('[vorgangId+seq]').between([vorgangId, 0], [vorgangId, Infinity]).toArray(),
    db.outbox.orderBy('seq').toArray(),
  ]);
  // A pushed action can be in a refreshed journal before the pull confirms it: show it once.
  const journaled = new Set(events.map((e) => `${e.action} ${e.deviceTime ?? ''}`));
  const pending: PendingJournalEntry[] = [];
  for (const e of outbox) {
    if (vorgangOf(e) !== vorgangId) continue;
    if (journaled.has(`${e.name} ${e.clientTime}`)) continue;
    pending.push({ seq: e.seq, name: e.name, clientTime: e.clientTime, state: e.state });
  }
  return { events, pending };
}
