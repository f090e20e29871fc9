import { afterAll, beforeAll, expect, it } from 'vitest';
import { akte as akteSchema } from '../../../../shared/domain/akte.ts';
import { describeBackends } from '../../../test/backends.ts';
import type { Database } from '../database.ts';
import { loadMigrations, migrate } from '../migrate.ts';

const OPEN = '7a1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f01';
const CLOSED = '7a1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f02';
const LATER = '7a1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f03';

function vorgangDoc(id: string, aktenzeichen: string, status: string, versand: unknown) {
  return {
    id,
    aktenzeichen,
    status,
    receivedAt: '2026-03-01T23:15:00.000Z',
    updatedAt: '2026-06-30T22:30:00.000Z',
    versand,
  };
}

async function insertVorgang(db: Database, id: string, aktenzeichen: string, status: string, versand: unknown) {
  await db.query(
    `INSERT INTO vorgaenge (id, aktenzeichen, verfahren_id, org_unit_id, assignee_id, status, frist, version, doc, change_seq)
     VALUES ($1, $2, 'bewohnerparkausweis', 'oe', NULL, $3, '2026-03-15', 1, $4::jsonb, nextval('change_seq_seq'))`,
    [id, aktenzeichen, status, JSON.stringify(vorgangDoc(id, aktenzeichen, status, versand))],
  );
}

describeBackends('migration 0011_akten', (backend) => {
  let db: Database;
  let seqBefore: number;
  beforeAll(async () => {
    db = await backend.open();
    const migrations = await loadMigrations();
    await migrate(db, migrations.slice(0, 10));
    await db.query(`INSERT INTO org_units (id, name) VALUES ('oe', 'OE')`);
    await insertVorgang(db, OPEN, '32.10.05-2026/00001', 'in_bearbeitung', null);
    await insertVorgang(db, CLOSED, '32.20.01-2026/00002', 'abgeschlossen', { channel: 'post' });
    const [row] = await db.query<{ seq: number }>('SELECT max(change_seq)::int AS seq FROM vorgaenge');
    seqBefore = row?.seq ?? 0;
    await migrate(db, migrations.slice(0, 11));
  });
  afterAll(async () => {
    await db.close();
  });

  const akten = () =>
    db.query<{ id: string; status: string; kennzeichen: string; doc: unknown; change_seq: number }>(
      'SELECT id, status, kennzeichen, doc, change_seq::int AS change_seq FROM akten ORDER BY id',
    );

  it('files every existing Vorgang in its Fallakte, valid for the shared schema, with fresh change seqs', async () => {
    const rows = await akten();
    expect(rows.map((r) => [r.id, r.status, r.kennzeichen])).toEqual([
      [OPEN, 'laufend', '32.10.05'],
      [CLOSED, 'zda', '32.20.01'],
    ]);
    for (const r of rows) expect(r.change_seq).toBeGreaterThan(seqBefore);
    const [open, closed] = rows.map((r) => akteSchema.parse(r.doc));
    // Opening day and z.d.A. day are German calendar days.
    expect(open).toMatchObject({ vorgangId: OPEN, eroeffnetAm: '2026-03-02', abschluss: null, aufbewahrungBis: null });
    expect(closed).toMatchObject({
      status: 'zda',
      abschluss: { am: '2026-07-01', grund: 'bescheid_versandt', verfuegtVon: 'system:e-akte' },
      aufbewahrungBis: null,
    });
  });

  it('opens the Fallakte of a Vorgang inserted later in the same statement', async () => {
    await insertVorgang(db, LATER, '67.30.12-2026/00003', 'eingegangen', null);
    const rows = await akten();
    expect(rows.find((r) => r.id === LATER)).toMatchObject({ status: 'laufend', kennzeichen: '67.30.12' });
  });
});
