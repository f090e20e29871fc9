/*
 * Migration 0014_volltext (server/src/db/migrations): the search entries of what exists when it
 * runs, the triggers that index every Vorgang and queue every filed document from then on, and
 * the SQL text rule in step with the TypeScript one the search query uses.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../test/backends.ts';
import type { Database } from '../database.ts';
import { loadMigrations, migrate } from '../migrate.ts';
import { MARK_END, MARK_START, normalizeText } from '../../modules/search/text.ts';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);
const V1 = '8a1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f01';
const V2 = '8a1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f02';

const vorgangDoc = (aktenzeichen: string, familyName: string, antragsdaten: Record<string, unknown>) =>
  JSON.stringify({
    aktenzeichen,
    applicant: { givenName: 'Erika', familyName, street: 'Hauptstr. 1', postalCode: '10115', city: 'Berlin' },
    antragsdaten,
    receivedAt: '2026-03-01T10:00:00Z',
    updatedAt: '2026-03-01T10:00:00Z',
  });

describeBackends('migration 0014_volltext', (backend) => {
  let db: Database;
  const insertVorgang = (id: string, aktenzeichen: string, familyName: string, antragsdaten: Record<string, unknown>) =>
    db.query(
      `INSERT INTO vorgaenge (id, aktenzeichen, verfahren_id, org_unit_id, assignee_id, status, frist, version, doc, change_seq)
       VALUES ($1, $2, 'x', 'oe', NULL, 'eingegangen', '2026-03-15', 1, $3::jsonb, nextval('change_seq_seq'))`,
      [id, aktenzeichen, vorgangDoc(aktenzeichen, familyName, antragsdaten)],
    );
  const insertDokument = (vorgangId: string, sha256: string) =>
    db.query(
      `INSERT INTO dokumente (id, vorgang_id, org_unit_id, sha256, doc, change_seq)
       VALUES (gen_random_uuid(), $1, 'oe', $2, '{}'::jsonb, nextval('change_seq_seq'))`,
      [vorgangId, sha256],
    );
  const insertBlob = (sha256: string) =>
    db.query(`INSERT INTO blobs (sha256, size, stored_at) VALUES ($1, 10, now())`, [sha256]);
  const antragText = async (id: string) =>
    (await db.query<{ text: string }>('SELECT text FROM volltext_antraege WHERE vorgang_id = $1', [id]))[0]?.text;
  const queued = async () =>
    (await db.query<{ sha256: string }>('SELECT sha256 FROM volltext_auftraege ORDER BY sha256')).map((r) => r.sha256);

  beforeAll(async () => {
    db = await backend.open();
    await migrate(db, (await loadMigrations()).slice(0, 13));
    await db.query(`INSERT INTO org_units (id, name) VALUES ('oe', 'OE')`);
    await insertVorgang(V1, '32.10.05-2026/00001', 'Mustermann', { kennzeichen: 'B-AB 1234', elektro: true });
    await insertBlob(SHA_A);
    await insertDokument(V1, SHA_A);
    await migrate(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('indexes the Antragsdaten there are and queues the stored documents', async () => {
    expect(await antragText(V1)).toBe(
      '32.10.05 - 2026 / 00001 · Erika Mustermann · Hauptstr. 1 10115 Berlin · B-AB 1234',
    );
    expect(await queued()).toEqual([SHA_A]);
  });

  it('indexes every new Vorgang and a changed one, and queues new bytes once', async () => {
    await insertVorgang(V2, '32.10.05-2026/00002', 'Sommer', { bemerkung: 'Zweitwagen' });
    expect(await antragText(V2)).toContain('Sommer');
    await db.query(
      `UPDATE vorgaenge SET doc = jsonb_set(doc, '{antragsdaten,bemerkung}', '"Dienstwagen"') WHERE id = $1`,
      [V2],
    );
    expect(await antragText(V2)).toContain('Dienstwagen');
    const [hit] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM volltext_antraege WHERE tsv @@ websearch_to_tsquery('german', 'Dienstwagens')`,
    );
    expect(hit?.n).toBe(1);

    await insertBlob(SHA_B);
    await insertDokument(V2, SHA_B);
    await insertDokument(V1, SHA_B);
    // Bytes without a blob row (not stored) are not queued.
    await insertDokument(V2, 'c'.repeat(64));
    expect(await queued()).toEqual([SHA_A, SHA_B]);
  });

  it('keeps the SQL text rule in step with the TypeScript one', async () => {
    const samples = [
      '32.10.05-2026/00042',
      'Telefon 030-123 45 67, Frist 2026-03-02, Seite 3/12',
      `Müller-Lüdenscheidt ${MARK_START}x${MARK_END} \u0007Ende\u0085.`,
      'Zeile 1\nZeile\t2 – 7-8',
    ];
    const rows = await db.query<{ t: string }>(
      'SELECT volltext_normalize(t) AS t FROM unnest($1::text[]) WITH ORDINALITY AS s(t, i) ORDER BY i',
      [samples],
    );
    expect(rows.map((r) => r.t)).toEqual(samples.map(normalizeText));
  });
});
