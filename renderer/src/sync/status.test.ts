import { liveQuery } from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import type { Rejection } from '../../../shared/contracts/http/index.ts';
import { clerk } from '../../test/fixtures.ts';
import { freshDb } from '../../test/db.ts';
import { setMeta } from '../db/index.ts';
import {
  dismissRejection,
  INITIAL_SYNC_STATUS,
  readRejections,
  readSyncStatus,
  resetSessionState,
  type SyncStatus,
} from './status.ts';

const clientId = '5b0c4a3e-8f1d-4c2b-9a7e-2d4f6b8c0e1a';
const rejection = (mutationSeq: number, rejectedAt: string): Rejection => ({
  clientId,
  mutationSeq,
  name: 'claim',
  code: 'already_assigned',
  message: 'taken',
  rejectedAt,
});

describe('sync status', () => {
  it('starts from defaults and combines stored state with live counts', async () => {
    const db = await freshDb(clerk);
    expect(await readSyncStatus(db)).toEqual(INITIAL_SYNC_STATUS);

    await setMeta(db, 'syncState', { state: 'offline', lastError: 'network: down', initialSyncDone: true });
    await setMeta(db, 'lastSyncAt', '2026-11-23T10:00:00.000Z');
    await db.outbox.bulkAdd([
      { seq: 1, name: 'claim', args: {}, clientTime: '2026-11-23T10:00:00.000Z', state: 'sent' },
      { seq: 2, name: 'claim', args: {}, clientTime: '2026-11-23T10:00:00.000Z', state: 'pending' },
    ]);
    await db.rejections.put(rejection(1, '2026-11-23T10:00:00.000Z'));

    expect(await readSyncStatus(db)).toEqual({
      state: 'offline',
      pending: 2,
      lastSyncAt: '2026-11-23T10:00:00.000Z',
      lastError: 'network: down',
      initialSyncDone: true,
      rejectedCount: 1,
    });
  });

  it('lists rejections newest first and dismisses them one by one', async () => {
    const db = await freshDb(clerk);
    await db.rejections.bulkPut([
      rejection(1, '2026-11-23T10:00:00.000Z'),
      rejection(2, '2026-11-23T11:00:00.000Z'),
      rejection(3, '2026-11-23T09:00:00.000Z'),
    ]);
    expect((await readRejections(db)).map((r) => r.mutationSeq)).toEqual([2, 1, 3]);

    await dismissRejection(db, { clientId, mutationSeq: 1 });
    expect((await readRejections(db)).map((r) => r.mutationSeq)).toEqual([2, 3]);
  });
});

describe('resetSessionState', () => {
  it('clears a state left over from the previous session but keeps initialSyncDone', async () => {
    const db = await freshDb(clerk);
    await setMeta(db, 'syncState', {
      state: 'unauthorized',
      lastError: 'unauthenticated: expired',
      initialSyncDone: true,
    });
    await resetSessionState(db);
    expect(await readSyncStatus(db)).toMatchObject({ state: 'idle', lastError: null, initialSyncDone: true });
  });
});

describe('readSyncStatus as a live query', () => {
  it('emits again when the outbox or the stored state change', async () => {
    const db = await freshDb(clerk);
    const seen: SyncStatus[] = [];
    const sub = liveQuery(() => readSyncStatus(db)).subscribe({ next: (s) => seen.push(s) });
    await vi.waitFor(() => expect(seen).toHaveLength(1));

    await db.outbox.add({ seq: 1, name: 'claim', args: {}, clientTime: '2026-11-23T10:00:00.000Z', state: 'pending' });
    await vi.waitFor(() => expect(seen.at(-1)?.pending).toBe(1));
    await setMeta(db, 'syncState', { state: 'syncing', lastError: null, initialSyncDone: false });
    await vi.waitFor(() => expect(seen.at(-1)?.state).toBe('syncing'));
    sub.unsubscribe();
  });
});
