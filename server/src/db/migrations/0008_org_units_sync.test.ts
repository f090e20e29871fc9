import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../test/backends.ts';
import type { Database } from '../database.ts';
import { loadMigrations, migrate } from '../migrate.ts';

describeBackends('migration 0008_org_units_sync', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
    const migrations = await loadMigrations();
    await migrate(db, migrations.slice(0, 7));
    await db.query(`INSERT INTO org_units (id, name) VALUES ('oe-1', 'Team 1'), ('oe-2', 'Team 2')`);
    await migrate(db, migrations.slice(0, 8));
  });
  afterAll(async () => {
    await db.close();
  });

  it('gives existing org units distinct change seqs and new ones one of their own', async () => {
    const before = await db.query<{ change_seq: number }>('SELECT change_seq FROM org_units ORDER BY id');
    expect(new Set(before.map((r) => r.change_seq)).size).toBe(2);
    await db.query(`INSERT INTO org_units (id, name) VALUES ('oe-3', 'Team 3')`);
    const [added] = await db.query<{ change_seq: number }>(`SELECT change_seq FROM org_units WHERE id = 'oe-3'`);
    expect(added?.change_seq).toBeGreaterThan(Math.max(...before.map((r) => r.change_seq)));
  });
});
