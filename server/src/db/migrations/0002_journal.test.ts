import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../test/backends.ts';
import type { Database } from '../database.ts';
import { loadMigrations, migrate } from '../migrate.ts';

const VORGANG = '6f1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f30';
const HASH = 'a'.repeat(64);

describeBackends('migration 0002_journal', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
    const migrations = await loadMigrations();
    await migrate(db, migrations.slice(0, 2));
    await db.query(`INSERT INTO org_units (id, name) VALUES ('oe', 'OE')`);
    await db.query(
      `INSERT INTO vorgaenge (id, aktenzeichen, verfahren_id, org_unit_id, status, frist, version, doc, change_seq)
       VALUES ($1, 'AZ-1', 'v', 'oe', 'eingegangen', '2026-12-01', 1, '{}', 1)`,
      [VORGANG],
    );
  });
  afterAll(async () => {
    await db.close();
  });

  const insert = (seq: number, vorgangId = VORGANG) =>
    db.query(
      `INSERT INTO journal_events (vorgang_id, seq, actor_id, action, device_time, server_time, summary, prev_hash, hash)
       VALUES ($1, $2, 'u1', 'claim', NULL, '2026-11-23T09:00:00Z', '{}', '', $3)`,
      [vorgangId, seq, HASH],
    );

  it('keys events by Vorgang and seq and only accepts existing Vorgänge', async () => {
    await insert(1);
    await expect(insert(1)).rejects.toThrow(/unique|duplicate/i);
    await expect(insert(0)).rejects.toThrow(/check/i);
    await expect(insert(1, '6f1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f31')).rejects.toThrow(/foreign key/i);
  });

  it('refuses UPDATE and DELETE of stored events', async () => {
    await expect(db.query(`UPDATE journal_events SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM journal_events`)).rejects.toThrow(/append-only/);
    const rows = await db.query<{ action: string }>('SELECT action FROM journal_events');
    expect(rows).toEqual([{ action: 'claim' }]);
  });
});
