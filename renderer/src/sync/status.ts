import type { Rejection } from '../../../shared/contracts/http/index.ts';
import { getMeta, setMeta, type AmtsplatzDb, type SyncState } from '../db/index.ts';

export interface SyncStatus {
  state: SyncState;
  /** Local mutations the server has not confirmed yet (pending or sent). */
  pending: number;
  lastSyncAt: string | null;
  lastError: string | null;
  initialSyncDone: boolean;
  rejectedCount: number;
}

export const INITIAL_SYNC_STATUS: SyncStatus = {
  state: 'idle',
  pending: 0,
  lastSyncAt: null,
  lastError: null,
  initialSyncDone: false,
  rejectedCount: 0,
};

/** The status as the worker last stored it, plus live counts; the body of useSyncStatus. */
export async function readSyncStatus(db: AmtsplatzDb): Promise<SyncStatus> {
  const [stored, lastSyncAt, pending, rejectedCount] = await Promise.all([
    getMeta(db, 'syncState'),
    getMeta(db, 'lastSyncAt'),
    db.outbox.count(),
    db.rejections.count(),
  ]);
  return {
    state: stored?.state ?? 'idle',
    lastError: stored?.lastError ?? null,
    initialSyncDone: stored?.initialSyncDone ?? false,
    lastSyncAt: lastSyncAt ?? null,
    pending,
    rejectedCount,
  };
}

/** Rejections of this device's mutations, newest first. */
export function readRejections(db: AmtsplatzDb): Promise<Rejection[]> {
  return db.rejections.orderBy('rejectedAt').reverse().toArray();
}

/** The clerk has seen a rejection in the conflict list. */
export async function dismissRejection(db: AmtsplatzDb, r: Pick<Rejection, 'clientId' | 'mutationSeq'>): Promise<void> {
  await db.rejections.delete([r.clientId, r.mutationSeq]);
}

/**
 * A new session starts from a clean state: 'unauthorized' or an error left over from the
 * previous session must not send a freshly logged-in user back to the login screen.
 */
export async function resetSessionState(db: AmtsplatzDb): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const stored = await getMeta(db, 'syncState');
    if (stored && (stored.state !== 'idle' || stored.lastError !== null)) {
      await setMeta(db, 'syncState', { ...stored, state: 'idle', lastError: null });
    }
  });
}
