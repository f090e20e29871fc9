import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../test/backends.ts';
import type { Database } from '../database.ts';
import { loadMigrations, migrate } from '../migrate.ts';

const VORGANG = '6f1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f30';
const DRAFT = '0b7e6f2a-4c1d-4e8a-9f3b-2a5c6d7e8f90';
const SEALED = '0b7e6f2a-4c1d-4e8a-9f3b-2a5c6d7e8f91';

describeBackends('migration 0004_bescheide', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
    const migrations = await loadMigrations();
    await migrate(db, migrations.slice(0, 3));
    await db.query(`INSERT INTO org_units (id, name) VALUES ('oe', 'OE')`);
    await db.query(
      `INSERT INTO vorgaenge (id, aktenzeichen, verfahren_id, org_unit_id, status, frist, version, doc, change_seq)
       VALUES ($1, 'AZ-1', 'v', 'oe', 'freigegeben', '2026-12-01', 1, '{}', 1)`,
      [VORGANG],
    );
    await migrate(db, migrations.slice(0, 4));
  });
  afterAll(async () => {
    await db.close();
  });

  const insert = (id: string, state: string, vorgangId = VORGANG) =>
    db.query(
      `INSERT INTO bescheide (id, vorgang_id, org_unit_id, state, doc, change_seq) VALUES ($1, $2, 'oe', $3, $4::jsonb, 5)`,
      [id, vorgangId, state, JSON.stringify({ id, state })],
    );

  it('creates the table with its pull and Vorgang indexes', async () => {
    const indexes = await db.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'bescheide' ORDER BY indexname`,
    );
    expect(indexes.map((i) => i.indexname)).toEqual([
      'bescheide_org_unit_change_seq',
      'bescheide_pkey',
      'bescheide_vorgang_id',
    ]);
  });

  it('accepts only known states, existing Vorgänge and unique ids', async () => {
    await insert(DRAFT, 'entwurf');
    await expect(insert(DRAFT, 'entwurf')).rejects.toThrow(/unique|duplicate/i);
    await expect(insert(SEALED, 'versiegelt')).rejects.toThrow(/check/i);
    await expect(insert(SEALED, 'entwurf', '6f1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2fff')).rejects.toThrow(/foreign key/i);
  });

  it('lets a draft change but keeps a sealed Bescheid final, apart from a new change seq', async () => {
    await db.query(`UPDATE bescheide SET doc = '{"v":2}', change_seq = 6 WHERE id = $1`, [DRAFT]);
    await insert(SEALED, 'gesiegelt');
    await expect(db.query(`UPDATE bescheide SET doc = '{"v":3}' WHERE id = $1`, [SEALED])).rejects.toThrow(
      /sealed Bescheid cannot change/,
    );
    await expect(db.query(`UPDATE bescheide SET state = 'entwurf' WHERE id = $1`, [SEALED])).rejects.toThrow(
      /sealed Bescheid cannot change/,
    );
    await db.query('UPDATE bescheide SET change_seq = 9 WHERE id = $1', [SEALED]);
    await expect(db.query('DELETE FROM bescheide WHERE id = $1', [DRAFT])).rejects.toThrow(/never deleted/);
    const rows = await db.query<{ id: string; state: string; doc: unknown; change_seq: number }>(
      'SELECT id, state, doc, change_seq FROM bescheide ORDER BY id',
    );
    expect(rows).toEqual([
      { id: DRAFT, state: 'entwurf', doc: { v: 2 }, change_seq: 6 },
      { id: SEALED, state: 'gesiegelt', doc: { id: SEALED, state: 'gesiegelt' }, change_seq: 9 },
    ]);
  });
});
