import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../test/backends.ts';
import type { Database } from '../database.ts';
import { loadMigrations, migrate } from '../migrate.ts';

const V = '8a1c2a6e-0d3c-4a57-9a0e-1c0b8d1e3f01';

describeBackends('migration 0013_abgabe_loeschung', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
    await migrate(db, (await loadMigrations()).slice(0, 13));
    await db.query(`INSERT INTO org_units (id, name) VALUES ('oe', 'OE')`);
    await db.query(
      `INSERT INTO vorgaenge (id, aktenzeichen, verfahren_id, org_unit_id, assignee_id, status, frist, version, doc, change_seq)
       VALUES ($1, '32.10.05-2026/00001', 'x', 'oe', NULL, 'in_bearbeitung', '2026-03-15', 1, $2::jsonb, 1)`,
      [V, JSON.stringify({ receivedAt: '2026-03-01T10:00:00Z', updatedAt: '2026-03-01T10:00:00Z' })],
    );
    await db.query(
      `INSERT INTO notes (id, vorgang_id, org_unit_id, doc, change_seq) VALUES ($1, $2, 'oe', '{}'::jsonb, 2)`,
      ['8a1c2a6e-0d3c-4a57-9a0e-1c0b8d1e3f02', V],
    );
  });
  afterAll(async () => {
    await db.close();
  });

  it('refuses to delete a Vorgang, its Akte or notes without a deletion record, and allows it with one', async () => {
    await expect(db.query('DELETE FROM notes WHERE vorgang_id = $1', [V])).rejects.toThrow('deletion record');
    await expect(db.query('DELETE FROM akten WHERE vorgang_id = $1', [V])).rejects.toThrow('not deleted');
    await expect(db.query('DELETE FROM vorgaenge WHERE id = $1', [V])).rejects.toThrow();
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO loeschungen (vorgang_id, aktenzeichen, kennzeichen, org_unit_id, eroeffnet_am, anlass, prozess_id,
            veranlasst_von, geloescht_am, dokumente)
         VALUES ($1, '32.10.05-2026/00001', '32.10.05', 'oe', '2026-03-01', 'abgabe', $1, 'u-lead', now(), 0)`,
        [V],
      );
      await tx.query('DELETE FROM notes WHERE vorgang_id = $1', [V]);
      await tx.query('DELETE FROM akten WHERE vorgang_id = $1', [V]);
      await tx.query('DELETE FROM vorgaenge WHERE id = $1', [V]);
    });
    expect(await db.query('SELECT 1 FROM vorgaenge WHERE id = $1', [V])).toEqual([]);
    expect(await db.query('SELECT anlass FROM loeschungen WHERE vorgang_id = $1', [V])).toEqual([{ anlass: 'abgabe' }]);
  });

  it('keeps a Vorgang handed over read-only and knows only the Abgabe states', async () => {
    const w = '8a1c2a6e-0d3c-4a57-9a0e-1c0b8d1e3f11';
    await db.query(
      `INSERT INTO vorgaenge (id, aktenzeichen, verfahren_id, org_unit_id, assignee_id, status, frist, version, doc, change_seq)
       VALUES ($1, '32.10.05-2026/00002', 'x', 'oe', NULL, 'abgegeben', '2026-03-15', 1, $2::jsonb, 3)`,
      [w, JSON.stringify({ receivedAt: '2026-03-01T10:00:00Z', updatedAt: '2026-03-01T10:00:00Z' })],
    );
    await expect(db.query(`UPDATE vorgaenge SET status = 'in_bearbeitung' WHERE id = $1`, [w])).rejects.toThrow(
      'read-only',
    );
    await db.query('UPDATE vorgaenge SET change_seq = 4 WHERE id = $1', [w]);
    const abgabe = (state: string) =>
      db.query(
        `INSERT INTO abgaben (prozess_id, vorgang_id, aktenzeichen, org_unit_id, empfaenger, veranlasst_von, state,
            created_at, updated_at)
         VALUES (gen_random_uuid(), $1, 'x', 'oe', '{}'::jsonb, 'u', $2, now(), now())`,
        [w, state],
      );
    await expect(abgabe('verloren')).rejects.toThrow();
    await abgabe('vorbereitet');
  });
});
