import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../test/backends.ts';
import type { Database } from '../database.ts';
import { loadMigrations, migrate } from '../migrate.ts';

const VORGANG = '6f1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f30';
const DOKUMENT = '7a1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f31';
const SEALED = '0b7e6f2a-4c1d-4e8a-9f3b-2a5c6d7e8f91';
const SHA = 'a'.repeat(64);

describeBackends('migration 0007_scopes', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
    const migrations = await loadMigrations();
    await migrate(db, migrations.slice(0, 6));
    await db.query(`INSERT INTO org_units (id, name) VALUES ('oe', 'OE'), ('oe2', 'OE 2')`);
    await db.query(
      `INSERT INTO vorgaenge (id, aktenzeichen, verfahren_id, org_unit_id, status, frist, version, doc, change_seq)
       VALUES ($1, 'AZ-1', 'v', 'oe', 'versandt', '2026-12-01', 1, '{}', 1)`,
      [VORGANG],
    );
    await db.query(
      `INSERT INTO dokumente (id, vorgang_id, org_unit_id, sha256, doc, change_seq) VALUES ($1, $2, 'oe', $3, '{"n":1}', 2)`,
      [DOKUMENT, VORGANG, SHA],
    );
    await db.query(
      `INSERT INTO bescheide (id, vorgang_id, org_unit_id, state, doc, change_seq) VALUES ($1, $2, 'oe', 'gesiegelt', '{"s":1}', 3)`,
      [SEALED, VORGANG],
    );
    await migrate(db, migrations.slice(0, 7));
  });
  afterAll(async () => {
    await db.close();
  });

  it('creates the grant and exit tables with their indexes and checks', async () => {
    const indexes = await db.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE tablename IN ('scope_grants', 'scope_exits') ORDER BY indexname`,
    );
    expect(indexes.map((i) => i.indexname)).toEqual([
      'scope_exits_grantee_change_seq',
      'scope_grants_grantee',
      'scope_grants_pkey',
    ]);
    await expect(
      db.query(
        `INSERT INTO scope_grants (vorgang_id, grantee, entities, reason, change_seq) VALUES ($1, 'x', '{}', 'r', 1)`,
        [VORGANG],
      ),
    ).rejects.toThrow(/check/i);
  });

  it('lets a document and a sealed Bescheid move with their Vorgang, and nothing else change', async () => {
    await db.query(`UPDATE dokumente SET org_unit_id = 'oe2', change_seq = 10 WHERE id = $1`, [DOKUMENT]);
    await db.query(`UPDATE bescheide SET org_unit_id = 'oe2', change_seq = 11 WHERE id = $1`, [SEALED]);
    await expect(db.query(`UPDATE dokumente SET doc = '{"n":2}' WHERE id = $1`, [DOKUMENT])).rejects.toThrow(
      /immutable/,
    );
    await expect(
      db.query(`UPDATE dokumente SET sha256 = $2 WHERE id = $1`, [DOKUMENT, 'b'.repeat(64)]),
    ).rejects.toThrow(/immutable/);
    await expect(db.query(`DELETE FROM dokumente WHERE id = $1`, [DOKUMENT])).rejects.toThrow(/immutable/);
    await expect(db.query(`UPDATE bescheide SET doc = '{"s":2}' WHERE id = $1`, [SEALED])).rejects.toThrow(/sealed/);
    await expect(db.query(`DELETE FROM bescheide WHERE id = $1`, [SEALED])).rejects.toThrow(/never deleted/);
  });
});
