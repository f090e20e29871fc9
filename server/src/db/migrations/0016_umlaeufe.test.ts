import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../test/backends.ts';
import type { Database } from '../database.ts';
import { loadMigrations, migrate } from '../migrate.ts';

const V = '8a1c2a6e-0d3c-4a57-9a0e-1c0b8d1e4f01';

describeBackends('migration 0016_umlaeufe', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
    await migrate(db, (await loadMigrations()).slice(0, 16));
    await db.query(`INSERT INTO org_units (id, name) VALUES ('oe', 'OE')`);
    await db.query(
      `INSERT INTO vorgaenge (id, aktenzeichen, verfahren_id, org_unit_id, assignee_id, status, frist, version, doc, change_seq)
       VALUES ($1, '32.10.05-2026/00001', 'x', 'oe', NULL, 'zur_freigabe', '2026-03-15', 1, $2::jsonb, 1)`,
      [V, JSON.stringify({ receivedAt: '2026-03-01T10:00:00Z', updatedAt: '2026-03-01T10:00:00Z' })],
    );
  });
  afterAll(async () => {
    await db.close();
  });

  it('keeps Umläufe of existing Vorgänge in known states, read-only once the Vorgang is closed', async () => {
    const insert = (id: string, vorgang: string, state: string) =>
      db.query(
        `INSERT INTO umlaeufe (id, vorgang_id, org_unit_id, state, doc, change_seq) VALUES ($1, $2, 'oe', $3, '{}'::jsonb, 2)`,
        [id, vorgang, state],
      );
    const u = '8a1c2a6e-0d3c-4a57-9a0e-1c0b8d1e4f11';
    await insert(u, V, 'laufend');
    await expect(insert('8a1c2a6e-0d3c-4a57-9a0e-1c0b8d1e4f12', V, 'vergessen')).rejects.toThrow();
    await expect(
      insert('8a1c2a6e-0d3c-4a57-9a0e-1c0b8d1e4f13', '8a1c2a6e-0d3c-4a57-9a0e-1c0b8d1e4fff', 'laufend'),
    ).rejects.toThrow();
    await db.query(`UPDATE vorgaenge SET status = 'abgeschlossen' WHERE id = $1`, [V]);
    await expect(db.query(`UPDATE umlaeufe SET doc = '{"x":1}'::jsonb WHERE id = $1`, [u])).rejects.toThrow(
      'read-only',
    );
    await expect(db.query('DELETE FROM umlaeufe WHERE id = $1', [u])).rejects.toThrow('deletion record');
  });
});
