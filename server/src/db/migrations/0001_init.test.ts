import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../test/backends.ts';
import type { Database } from '../database.ts';
import { loadMigrations, migrate } from '../migrate.ts';

describeBackends('migration 0001_init', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
    const [first] = await loadMigrations();
    if (!first) throw new Error('no migrations');
    await migrate(db, [first]);
  });
  afterAll(async () => {
    await db.close();
  });

  it('creates the tables, the pull indexes and the change sequence', async () => {
    const tables = await db.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`,
    );
    expect(tables.map((t) => t.tablename)).toEqual([
      'login_failures',
      'mutation_rejections',
      'notes',
      'org_units',
      'schema_migrations',
      'sessions',
      'sync_clients',
      'users',
      'vorgaenge',
    ]);
    const indexes = await db.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()`,
    );
    expect(indexes.map((i) => i.indexname)).toEqual(
      expect.arrayContaining([
        'vorgaenge_org_unit_change_seq',
        'notes_org_unit_change_seq',
        'users_org_unit_change_seq',
        'mutation_rejections_client_change_seq',
      ]),
    );
    const [seq] = await db.query<{ v: number }>(`SELECT nextval('change_seq_seq') AS v`);
    expect(seq?.v).toBe(1);
  });

  it('enforces unique usernames and Aktenzeichen and array-valued roles', async () => {
    await db.query(`INSERT INTO org_units (id, name) VALUES ('oe', 'OE')`);
    const insertUser = (id: string, username: string, roles: string) =>
      db.query(
        `INSERT INTO users (id, username, display_name, password_hash, roles, org_unit_id, change_seq)
         VALUES ($1, $2, 'X', 'h', $3::jsonb, 'oe', 1)`,
        [id, username, roles],
      );
    await insertUser('u1', 'anna', '["clerk"]');
    await expect(insertUser('u2', 'anna', '["clerk"]')).rejects.toThrow(/unique|duplicate/i);
    await expect(insertUser('u3', 'bert', '"clerk"')).rejects.toThrow(/check/i);

    const insertVorgang = (id: string, az: string) =>
      db.query(
        `INSERT INTO vorgaenge (id, aktenzeichen, verfahren_id, org_unit_id, status, frist, version, doc, change_seq)
         VALUES ($1, $2, 'v', 'oe', 'eingegangen', '2026-12-01', 1, '{}', 2)`,
        [id, az],
      );
    await insertVorgang('6f1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f30', 'AZ-1');
    await expect(insertVorgang('6f1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f31', 'AZ-1')).rejects.toThrow(/unique|duplicate/i);
    const [row] = await db.query<{ frist: string }>(`SELECT frist FROM vorgaenge WHERE aktenzeichen = 'AZ-1'`);
    expect(row?.frist).toBe('2026-12-01');
  });
});
