import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends, openMigrated } from '../../test/backends.ts';
import type { Database } from './database.ts';
import { latestChangeSeq, nextChangeSeq, writeTransaction } from './write.ts';

describeBackends('write transactions', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await openMigrated(backend);
  });
  afterAll(async () => {
    await db.close();
  });

  it('allocate change seqs in commit order: a second writer waits for the first to commit', async () => {
    const events: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let aStarted: () => void = () => undefined;
    const aHoldsLock = new Promise<void>((resolve) => (aStarted = resolve));

    const a = writeTransaction(db, async (tx) => {
      const seq = await nextChangeSeq(tx);
      events.push('A allocated');
      aStarted();
      await gate;
      events.push('A commits');
      return seq;
    });
    await aHoldsLock;
    const b = writeTransaction(db, async (tx) => {
      events.push('B allocates');
      return nextChangeSeq(tx);
    });
    if (db.kind === 'postgres') {
      // Wait until B's connection really blocks on the advisory lock, then let A commit.
      for (;;) {
        const waiting = await db.query(
          `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%pg_advisory_xact_lock%'`,
        );
        if (waiting.length > 0) break;
        await sleep(10);
      }
    }
    expect(events).toEqual(['A allocated']);
    release();
    const [seqA, seqB] = await Promise.all([a, b]);
    expect(events).toEqual(['A allocated', 'A commits', 'B allocates']);
    expect(seqB).toBeGreaterThan(seqA);
    expect(await latestChangeSeq(db)).toBe(seqB);
  });

  it('rolls back everything of a failed writer but not the sequence', async () => {
    const before = await latestChangeSeq(db);
    await expect(
      writeTransaction(db, async (tx) => {
        await nextChangeSeq(tx);
        await tx.query(`INSERT INTO org_units (id, name) VALUES ('tmp', 'tmp')`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.query(`SELECT 1 FROM org_units WHERE id = 'tmp'`)).toEqual([]);
    // Gaps are harmless: cursors compare, they never count. The org unit row took a seq of its own.
    expect(await latestChangeSeq(db)).toBe(before + 2);
  });
});
