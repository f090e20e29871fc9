import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../test/backends.ts';
import type { Database } from '../database.ts';
import { loadMigrations, migrate } from '../migrate.ts';

const VORGANG = '6f1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f30';
const UPLOAD = 'a'.repeat(64);
const ANTRAG = 'b'.repeat(64);

describeBackends('migration 0009_blob_holders', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
    const migrations = await loadMigrations();
    await migrate(db, migrations.slice(0, 8));
    await db.query(`INSERT INTO org_units (id, name) VALUES ('oe', 'OE')`);
    await db.query(
      `INSERT INTO vorgaenge (id, aktenzeichen, verfahren_id, org_unit_id, status, frist, version, doc, change_seq)
       VALUES ($1, 'AZ-1', 'v', 'oe', 'in_bearbeitung', '2026-12-01', 1, '{}', 1)`,
      [VORGANG],
    );
    for (const sha of [UPLOAD, ANTRAG]) {
      await db.query(`INSERT INTO blobs (sha256, size, stored_at) VALUES ($1, 10, now())`, [sha]);
    }
    const doc = (sha: string, uploadedBy: string | null) => JSON.stringify({ sha256: sha, uploadedBy });
    await db.query(
      `INSERT INTO dokumente (id, vorgang_id, org_unit_id, sha256, doc, change_seq)
       VALUES (gen_random_uuid(), $1, 'oe', $2, $3::jsonb, 2), (gen_random_uuid(), $1, 'oe', $4, $5::jsonb, 3)`,
      [VORGANG, UPLOAD, doc(UPLOAD, 'u-1'), ANTRAG, doc(ANTRAG, null)],
    );
    await migrate(db, migrations.slice(0, 9));
  });
  afterAll(async () => {
    await db.close();
  });

  it('records the uploaders of attached uploads, not of applicant documents', async () => {
    expect(await db.query('SELECT sha256, user_id FROM blob_holders')).toEqual([{ sha256: UPLOAD, user_id: 'u-1' }]);
    await expect(
      db.query(`INSERT INTO blob_holders (sha256, user_id) VALUES ($1, 'u-2')`, ['c'.repeat(64)]),
    ).rejects.toThrow(/foreign key/i);
  });
});
