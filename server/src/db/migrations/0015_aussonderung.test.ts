import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../test/backends.ts';
import type { Database } from '../database.ts';
import { loadMigrations, migrate } from '../migrate.ts';

describeBackends('migration 0015_aussonderung', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
    await migrate(db, (await loadMigrations()).slice(0, 15));
  });
  afterAll(async () => {
    await db.close();
  });

  it('keeps an Aussonderung with its Akten, their decisions A or V, and known states only', async () => {
    const p = '9c1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f01';
    const prozess = (id: string, state: string) =>
      db.query(
        `INSERT INTO aussonderungen (prozess_id, state, veranlasst_von, created_at, updated_at) VALUES ($1, $2, 'u', now(), now())`,
        [id, state],
      );
    await prozess(p, 'angelegt');
    await expect(prozess('9c1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f02', 'irgendwo')).rejects.toThrow();
    const akte = (id: string, entscheidung: string | null) =>
      db.query(
        `INSERT INTO aussonderung_akten (prozess_id, akte_id, xdomea_id, entscheidung) VALUES ($1, $2, $2, $3)`,
        [p, id, entscheidung],
      );
    await akte('9c1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f11', null);
    await akte('9c1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f12', 'A');
    await expect(akte('9c1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f13', 'B')).rejects.toThrow();
    await expect(akte('9c1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f12', 'V')).rejects.toThrow();
    expect(await db.query('SELECT count(*)::int AS n FROM aussonderung_akten WHERE NOT geloescht')).toEqual([{ n: 2 }]);
  });
});
