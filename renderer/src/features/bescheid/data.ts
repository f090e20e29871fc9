import type { Dexie, Table } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Bescheid } from '../../../../shared/domain/index.ts';
import type { AmtsplatzDb } from '../../sync/index.ts';
import type { BescheidDraftRow } from './draft.ts';

/**
 * The feature's tables (schema v6) and the reads the screens make; the one module of this
 * feature that knows how Bescheide are stored locally.
 */
export function bescheideTable(db: Dexie): Table<Bescheid, string> {
  return db.table('bescheide');
}

export function draftsTable(db: Dexie): Table<BescheidDraftRow, string> {
  return db.table('bescheidDrafts');
}

const byUpdatedDesc = <T extends { updatedAt: string }>(a: T, b: T): number =>
  a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0;

export interface VorgangBescheid {
  /** The Vorgang's current Bescheid (the latest decision round), if one is stored. */
  bescheid: Bescheid | undefined;
  /** The local typing for it — or, before the first save, for a Bescheid being started. */
  draft: BescheidDraftRow | undefined;
}

export async function readVorgangBescheid(db: Dexie, vorgangId: string): Promise<VorgangBescheid> {
  const [bescheid] = (await bescheideTable(db).where('vorgangId').equals(vorgangId).toArray()).sort(byUpdatedDesc);
  if (bescheid) return { bescheid, draft: await draftsTable(db).get(bescheid.id) };
  // Drafts are few (one per Bescheid in the making): a scan is cheaper than another index.
  const [draft] = (
    await draftsTable(db)
      .filter((d) => d.vorgangId === vorgangId)
      .toArray()
  ).sort(byUpdatedDesc);
  return { bescheid: undefined, draft };
}

/** Outbox entries about this Bescheid that no pull has confirmed yet. */
export function countPendingChanges(db: AmtsplatzDb, bescheidId: string): Promise<number> {
  return db.outbox
    .filter(
      (e) =>
        typeof e.args === 'object' && e.args !== null && (e.args as { bescheidId?: unknown }).bescheidId === bescheidId,
    )
    .count();
}

export interface QueueItem {
  bescheid: Bescheid;
  /** Null while the Vorgang is not (yet) stored locally. */
  aktenzeichen: string | null;
}

/** Submitted Bescheide of the org unit waiting for Freigabe, the longest-waiting first. */
export async function readFreigabeQueue(db: AmtsplatzDb, orgUnitId: string): Promise<QueueItem[]> {
  const submitted = await bescheideTable(db).where('[orgUnitId+state]').equals([orgUnitId, 'eingereicht']).toArray();
  submitted.sort((a, b) => ((a.submittedAt ?? '') < (b.submittedAt ?? '') ? -1 : 1));
  const vorgaenge = await db.vorgaenge.bulkGet(submitted.map((b) => b.vorgangId));
  return submitted.map((bescheid, i) => ({ bescheid, aktenzeichen: vorgaenge[i]?.aktenzeichen ?? null }));
}

export function useVorgangBescheid(db: AmtsplatzDb, vorgangId: string): VorgangBescheid | undefined {
  return useLiveQuery(() => readVorgangBescheid(db, vorgangId), [db, vorgangId]);
}

export function usePendingChanges(db: AmtsplatzDb, bescheidId: string): number {
  return useLiveQuery(() => countPendingChanges(db, bescheidId), [db, bescheidId], 0);
}

const NO_ITEMS: QueueItem[] = [];

export function useFreigabeQueue(db: AmtsplatzDb, orgUnitId: string): QueueItem[] {
  return useLiveQuery(() => readFreigabeQueue(db, orgUnitId), [db, orgUnitId], NO_ITEMS);
}

/** How many Bescheide wait for Freigabe in the org unit (for a count in the navigation). */
export function useFreigabeCount(db: AmtsplatzDb, orgUnitId: string): number {
  return useLiveQuery(
    () => bescheideTable(db).where('[orgUnitId+state]').equals([orgUnitId, 'eingereicht']).count(),
    [db, orgUnitId],
    0,
  );
}

export function useBescheid(db: AmtsplatzDb, bescheidId: string): Bescheid | null | undefined {
  return useLiveQuery(async () => (await bescheideTable(db).get(bescheidId)) ?? null, [db, bescheidId]);
}

/** Stores the typed text at once (one small put per change): the crash-safe copy. */
export function writeDraft(db: Dexie, row: BescheidDraftRow): Promise<string> {
  return draftsTable(db).put(row);
}

export function deleteDraft(db: Dexie, bescheidId: string): Promise<void> {
  return draftsTable(db).delete(bescheidId);
}
