import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { verifyChain, type ChainVerification, type JournalEvent } from '../../../shared/domain/index.ts';
import type { Rejection } from '../../../shared/contracts/http/index.ts';
import type { AmtsplatzDb } from '../db/index.ts';
import { readJournal, type JournalView } from './journal.ts';
import { INITIAL_SYNC_STATUS, readRejections, readSyncStatus, type SyncStatus } from './status.ts';

/** Live sync status (state from the worker, counts from the outbox and rejections). */
export function useSyncStatus(db: AmtsplatzDb): SyncStatus {
  return useLiveQuery(() => readSyncStatus(db), [db], INITIAL_SYNC_STATUS);
}

const NO_REJECTIONS: Rejection[] = [];

/** Rejections for the conflict list, newest first. */
export function useRejections(db: AmtsplatzDb): Rejection[] {
  return useLiveQuery(() => readRejections(db), [db], NO_REJECTIONS);
}

const NO_EVENTS: JournalEvent[] = [];
const NO_PENDING: JournalView['pending'] = [];

/**
 * Live: a Vorgang's cached journal, the local actions not on the server yet, and the check of
 * the cached hash chain (recomputed whenever the cached events change, so a tampered cache
 * shows too). Fill or update the cache with handle.refreshJournal(vorgangId).
 */
export function useJournal(db: AmtsplatzDb, vorgangId: string): JournalView {
  const read = useLiveQuery(() => readJournal(db, vorgangId), [db, vorgangId]);
  const events = read?.events ?? NO_EVENTS;
  const [checked, setChecked] = useState<{ of: JournalEvent[]; verification: ChainVerification } | null>(null);
  useEffect(() => {
    // Before the first read there is nothing to check (an empty chain would pass).
    if (read === undefined) return;
    let current = true;
    void verifyChain(events, { vorgangId }).then((verification) => {
      if (current) setChecked({ of: events, verification });
    });
    return () => {
      current = false;
    };
  }, [read, events, vorgangId]);
  return {
    events,
    pending: read?.pending ?? NO_PENDING,
    verification: checked?.of === events ? checked.verification : null,
  };
}
