import { useLiveQuery } from 'dexie-react-hooks';
import type { Rejection } from '../../../shared/contracts/http/index.ts';
import type { AmtsplatzDb } from '../db/index.ts';
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
