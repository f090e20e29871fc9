import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends, openMigrated } from '../../test/backends.ts';
import { memoHash, TEST_NOW, testVerfahren } from '../../test/harness.ts';
import type { Database } from '../db/database.ts';
import { seedDemo } from './seed.ts';

describeBackends('demo seed', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await openMigrated(backend);
  });
  afterAll(async () => {
    await db.close();
  });

  it('seeds accounts and Vorgänge in batches, once', async () => {
    const verfahren = await testVerfahren();
    const result = await seedDemo(db, { count: 250, now: TEST_NOW, verfahren, hashPassword: memoHash, batchSize: 100 });
    expect(result).toMatchObject({ seeded: true, users: 5, vorgaenge: 250 });

    const users = await db.query<{ username: string; is_demo: boolean; org_unit_id: string }>(
      'SELECT username, is_demo, org_unit_id FROM users ORDER BY username',
    );
    expect(users.map((u) => u.username)).toEqual([
      'admin',
      'sachbearbeiter1',
      'sachbearbeiter2',
      'sachbearbeiter3',
      'teamleitung1',
    ]);
    expect(users.every((u) => u.is_demo)).toBe(true);

    const [stats] = await db.query<{ n: number; seqs: number; ids: number; mismatched: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT change_seq)::int AS seqs, count(DISTINCT doc->>'id')::int AS ids,
              count(*) FILTER (WHERE doc->>'status' <> status OR doc->>'orgUnitId' <> org_unit_id
                               OR doc->>'frist' <> frist::text)::int AS mismatched
         FROM vorgaenge`,
    );
    expect(stats).toEqual({ n: 250, seqs: 250, ids: 250, mismatched: 0 });

    expect(await seedDemo(db, { count: 250, now: TEST_NOW, verfahren, hashPassword: memoHash })).toEqual({
      seeded: false,
    });
    const [count] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM vorgaenge');
    expect(count?.n).toBe(250);
  });
});
