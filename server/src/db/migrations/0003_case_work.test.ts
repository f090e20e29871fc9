import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../test/backends.ts';
import type { Database } from '../database.ts';
import { loadMigrations, migrate } from '../migrate.ts';

const VORGANG = '6f1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f30';
const MIGRATED = '6f1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f31';
const DOKUMENT = '0b7e6f2a-4c1d-4e8a-9f3b-2a5c6d7e8f90';
const HASH = 'a'.repeat(64);

describeBackends('migration 0003_case_work', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
    const migrations = await loadMigrations();
    await migrate(db, migrations.slice(0, 2));
    // Rows as version 2 stored them: one without the new members, one that already has some.
    await db.query(`INSERT INTO org_units (id, name) VALUES ('oe', 'OE')`);
    await db.query(
      `INSERT INTO users (id, username, display_name, password_hash, roles, org_unit_id, change_seq)
       VALUES ('u1', 'anna', 'Anna', 'h', '["clerk"]', 'oe', 1)`,
    );
    const insertVorgang = (id: string, az: string, doc: object) =>
      db.query(
        `INSERT INTO vorgaenge (id, aktenzeichen, verfahren_id, org_unit_id, status, frist, version, doc, change_seq)
         VALUES ($1, $2, 'v', 'oe', 'eingegangen', '2026-12-01', 1, $3::jsonb, 7)`,
        [id, az, JSON.stringify(doc)],
      );
    await insertVorgang(VORGANG, 'AZ-1', { id: VORGANG, status: 'eingegangen' });
    await insertVorgang(MIGRATED, 'AZ-2', { id: MIGRATED, prueflisteVersion: 2 });
    await db.query(
      `INSERT INTO notes (id, vorgang_id, org_unit_id, doc, change_seq) VALUES ($1, $2, 'oe', $3::jsonb, 7)`,
      [DOKUMENT, VORGANG, JSON.stringify({ id: DOKUMENT, text: 'alt' })],
    );
    await migrate(db, migrations.slice(0, 3));
  });
  afterAll(async () => {
    await db.close();
  });

  it('gives stored Vorgänge the new members without touching existing ones or their change seq', async () => {
    const rows = await db.query<{ id: string; doc: Record<string, unknown>; change_seq: number }>(
      'SELECT id, doc, change_seq FROM vorgaenge ORDER BY aktenzeichen',
    );
    const empty = { manual: {}, overrides: {} };
    expect(rows).toEqual([
      {
        id: VORGANG,
        doc: { id: VORGANG, status: 'eingegangen', nachforderung: null, prueflisteVersion: null, pruefliste: empty },
        change_seq: 7,
      },
      {
        id: MIGRATED,
        doc: { id: MIGRATED, nachforderung: null, prueflisteVersion: 2, pruefliste: empty },
        change_seq: 7,
      },
    ]);
  });

  it('gives stored notes the members of edited and deleted notes', async () => {
    const rows = await db.query<{ doc: unknown }>('SELECT doc FROM notes');
    expect(rows).toEqual([{ doc: { id: DOKUMENT, text: 'alt', updatedAt: null, deletedAt: null } }]);
  });

  it('creates the tables with their pull and lookup indexes', async () => {
    const indexes = await db.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()`,
    );
    expect(indexes.map((i) => i.indexname)).toEqual(
      expect.arrayContaining([
        'dokumente_pkey',
        'dokumente_org_unit_change_seq',
        'dokumente_org_unit_sha256',
        'blobs_pkey',
        'absences_pkey',
        'absences_org_unit_change_seq',
        'absences_user_id',
      ]),
    );
  });

  it('keeps dokumente immutable and checks hashes and references', async () => {
    const insert = (id: string, vorgangId: string, sha256: string) =>
      db.query(
        `INSERT INTO dokumente (id, vorgang_id, org_unit_id, sha256, doc, change_seq)
         VALUES ($1, $2, 'oe', $3, '{}', 8)`,
        [id, vorgangId, sha256],
      );
    await insert(DOKUMENT, VORGANG, HASH);
    await expect(insert(DOKUMENT, VORGANG, HASH)).rejects.toThrow(/unique|duplicate/i);
    await expect(insert(MIGRATED, VORGANG, 'A'.repeat(64))).rejects.toThrow(/check/i);
    await expect(insert(MIGRATED, '6f1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2fff', HASH)).rejects.toThrow(/foreign key/i);
    await expect(db.query(`UPDATE dokumente SET doc = '{"x":1}'`)).rejects.toThrow(/immutable/);
    await expect(db.query('DELETE FROM dokumente')).rejects.toThrow(/immutable/);
    expect(await db.query('SELECT doc FROM dokumente')).toEqual([{ doc: {} }]);
  });

  it('indexes blobs by hash with a positive size, and absences by user', async () => {
    const blob = (sha256: string, size: number) =>
      db.query(`INSERT INTO blobs (sha256, size, stored_at) VALUES ($1, $2, now())`, [sha256, size]);
    await blob(HASH, 3);
    await expect(blob(HASH, 3)).rejects.toThrow(/unique|duplicate/i);
    await expect(blob('b'.repeat(64), 0)).rejects.toThrow(/check/i);
    const [stored] = await db.query<{ size: number }>('SELECT size FROM blobs');
    expect(stored?.size).toBe(3);

    const absence = (userId: string) =>
      db.query(
        `INSERT INTO absences (id, user_id, org_unit_id, doc, change_seq) VALUES (gen_random_uuid(), $1, 'oe', '{}', 9)`,
        [userId],
      );
    await absence('u1');
    await expect(absence('nobody')).rejects.toThrow(/foreign key/i);
  });
});
