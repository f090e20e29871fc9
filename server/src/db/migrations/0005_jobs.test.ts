import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../test/backends.ts';
import type { Database } from '../database.ts';
import { loadMigrations, migrate } from '../migrate.ts';

const VORGANG = '6f1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f30';
const APPROVED = '0b7e6f2a-4c1d-4e8a-9f3b-2a5c6d7e8f90';
const SEALED = '0b7e6f2a-4c1d-4e8a-9f3b-2a5c6d7e8f91';
const DRAFT = '0b7e6f2a-4c1d-4e8a-9f3b-2a5c6d7e8f92';

describeBackends('migration 0005_jobs', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
    const migrations = await loadMigrations();
    await migrate(db, migrations.slice(0, 4));
    await db.query(`INSERT INTO org_units (id, name) VALUES ('oe', 'OE')`);
    await db.query(
      `INSERT INTO vorgaenge (id, aktenzeichen, verfahren_id, org_unit_id, status, frist, version, doc, change_seq)
       VALUES ($1, 'AZ-1', 'v', 'oe', 'freigegeben', '2026-12-01', 1, '{}', 1)`,
      [VORGANG],
    );
    for (const [id, state] of [
      [APPROVED, 'freigegeben'],
      [SEALED, 'gesiegelt'],
      [DRAFT, 'entwurf'],
    ] as const) {
      await db.query(
        `INSERT INTO bescheide (id, vorgang_id, org_unit_id, state, doc, change_seq) VALUES ($1, $2, 'oe', $3, '{}', 2)`,
        [id, VORGANG, state],
      );
    }
    await migrate(db, migrations.slice(0, 5));
  });
  afterAll(async () => {
    await db.close();
  });

  it('gives every approved, unsealed Bescheid of before the migration its seal job', async () => {
    const jobs = await db.query<{ kind: string; idempotency_key: string; payload: unknown; state: string }>(
      'SELECT kind, idempotency_key, payload, state FROM jobs ORDER BY id',
    );
    expect(jobs).toEqual([
      { kind: 'seal-bescheid', idempotency_key: APPROVED, payload: { bescheidId: APPROVED }, state: 'pending' },
    ]);
  });

  it('creates the claim index over unfinished jobs and the admin index by state', async () => {
    const indexes = await db.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'jobs' ORDER BY indexname`,
    );
    expect(indexes.map((i) => i.indexname)).toEqual([
      'jobs_kind_idempotency_key_key',
      'jobs_pkey',
      'jobs_state_id',
      'jobs_unfinished',
    ]);
    expect(indexes.find((i) => i.indexname === 'jobs_unfinished')?.indexdef).toMatch(/WHERE.*pending.*running/);
  });

  it('refuses a duplicate key, unknown states and kinds, and a running job without a lease', async () => {
    const insert = (kind: string, key: string, extra = '') =>
      db.query(
        `INSERT INTO jobs (kind, idempotency_key, payload${extra ? ', state' : ''}) VALUES ($1, $2, '{}'${extra})`,
        [kind, key],
      );
    await insert('probe', 'a');
    await expect(insert('probe', 'a')).rejects.toThrow(/unique|duplicate/i);
    await insert('other', 'a');
    await expect(insert('Probe', 'b')).rejects.toThrow(/check/i);
    await expect(insert('probe', '')).rejects.toThrow(/check/i);
    await expect(insert('probe', 'c', `, 'waiting'`)).rejects.toThrow(/check/i);
    await expect(insert('probe', 'd', `, 'running'`)).rejects.toThrow(/check/i);
    await expect(insert('probe', 'e', `, 'done'`)).rejects.toThrow(/check/i);
    await db.query(
      `INSERT INTO jobs (kind, idempotency_key, payload, state, locked_by, locked_until)
       VALUES ('probe', 'f', '{}', 'running', 'w#1', now())`,
    );
  });
});
