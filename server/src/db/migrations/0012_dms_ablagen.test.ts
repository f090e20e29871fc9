import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../test/backends.ts';
import type { Database } from '../database.ts';
import { loadMigrations, migrate } from '../migrate.ts';

describeBackends('migration 0012_dms_ablagen', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
    await migrate(db, (await loadMigrations()).slice(0, 12));
  });
  afterAll(async () => {
    await db.close();
  });

  it('records deliveries by ProzessID, only for existing Akten and with a known state', async () => {
    await db.query(`INSERT INTO org_units (id, name) VALUES ('oe', 'OE')`);
    const v = '8a1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f01';
    await db.query(
      `INSERT INTO vorgaenge (id, aktenzeichen, verfahren_id, org_unit_id, assignee_id, status, frist, version, doc, change_seq)
       VALUES ($1, '32.10.05-2026/00001', 'x', 'oe', NULL, 'eingegangen', '2026-03-15', 1, $2::jsonb, 1)`,
      [v, JSON.stringify({ receivedAt: '2026-03-01T10:00:00Z', updatedAt: '2026-03-01T10:00:00Z' })],
    );
    const insert = (prozessId: string, akteId: string, state: string) =>
      db.query(
        `INSERT INTO dms_ablagen (prozess_id, akte_id, sent, state, created_at, updated_at)
         VALUES ($1, $2, '{}'::jsonb, $3, now(), now())`,
        [prozessId, akteId, state],
      );
    await insert('9b1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f01', v, 'ausstehend');
    await expect(insert('9b1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f01', v, 'ausstehend')).rejects.toThrow();
    await expect(
      insert('9b1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f02', '8a1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2fff', 'ausstehend'),
    ).rejects.toThrow();
    await expect(insert('9b1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f03', v, 'unterwegs')).rejects.toThrow();
  });
});
