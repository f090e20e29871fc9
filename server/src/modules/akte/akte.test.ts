/*
 * The E-Akte on the server, on both databases: every Vorgang gets its Fallakte, z.d.A. checks
 * its preconditions again and fixes the retention, a concluded Vorgang is read-only for every
 * command (and, below them, for the database), and only a lead reopens it.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { PushResult } from '../../../../shared/contracts/http/sync.ts';
import type { Akte } from '../../../../shared/domain/akte.ts';
import type { JournalEvent } from '../../../../shared/domain/journal.ts';
import type { Vorgang } from '../../../../shared/domain/vorgang.ts';
import { describeBackends } from '../../../test/backends.ts';
import {
  addVorgang,
  bearer,
  login,
  pullAs,
  pushAs,
  TestClock,
  testApp,
  testVerfahren,
  useSeededDb,
  vorgangRow,
} from '../../../test/harness.ts';
import { buildApp } from '../../app.ts';
import type { Database } from '../../db/database.ts';
import { writeTransaction } from '../../db/write.ts';
import { loadAktenplan } from './aktenplan.ts';
import { settleRetention } from './store.ts';

const CLERK = 'u-sachbearbeiter1';

describeBackends('E-Akte: Fallakte, z.d.A., Wiederaufnahme', (backend) => {
  const getDb = useSeededDb(backend);
  let db: Database;
  let clock: TestClock;
  let app: FastifyInstance;
  let clerk: string;
  let lead: string;
  beforeEach(async () => {
    db = getDb();
    clock = new TestClock();
    app = await testApp(db, clock);
    clerk = await login(app, 'sachbearbeiter1');
    lead = await login(app, 'teamleitung1');
  });
  afterEach(async () => {
    await app.close();
  });

  const akteOf = async (id: string): Promise<Akte & { status_col: string; bis_col: string | null }> => {
    const [row] = await db.query<{ doc: Akte; status: string; bis: string | null }>(
      `SELECT doc, status, to_char(aufbewahrung_bis, 'YYYY-MM-DD') AS bis FROM akten WHERE vorgang_id = $1`,
      [id],
    );
    if (!row) throw new Error(`no Akte for ${id}`);
    return { ...row.doc, status_col: row.status, bis_col: row.bis };
  };

  let seq = 0;
  async function push(token: string, name: string, args: unknown): Promise<PushResult | undefined> {
    seq += 1;
    const res = await pushAs(app, token, randomUUID(), [{ seq, name, args }]);
    return res.results[0];
  }
  const journal = async (token: string, vorgangId: string): Promise<JournalEvent[]> => {
    const res = await app.inject({ method: 'GET', url: `/api/journal?vorgangId=${vorgangId}`, headers: bearer(token) });
    return res.json<{ events: JournalEvent[] }>().events;
  };
  const dispatched = (patch: Partial<Vorgang> = {}) =>
    addVorgang(db, {
      status: 'versandt',
      assigneeId: CLERK,
      versand: { channel: 'post', date: '2026-11-20', recordedAt: '2026-11-20T10:00:00.000Z', recordedBy: CLERK },
      ...patch,
    });

  it('opens a Fallakte for every new Vorgang under its Aktenplan Kennzeichen and syncs it with the Vorgang', async () => {
    const v = await addVorgang(db, { assigneeId: CLERK, receivedAt: '2026-11-19T23:30:00.000Z' });
    const akte = await akteOf(v.id);
    expect(akte).toMatchObject({
      id: v.id,
      vorgangId: v.id,
      aktenzeichen: v.aktenzeichen,
      kennzeichen: '32.10.05',
      // The German calendar day of the receipt (00:30 in Berlin).
      eroeffnetAm: '2026-11-20',
      status: 'laufend',
      abschluss: null,
      aufbewahrungBis: null,
    });
    const page = await pullAs(app, clerk, { clientId: randomUUID() });
    expect(page.changes.filter((c) => c.entity === 'akte').map((c) => c.value.id)).toEqual([v.id]);
    const foreign = await login(app, 'sachbearbeiter3');
    const other = await pullAs(app, foreign, { clientId: randomUUID() });
    expect(other.changes.some((c) => c.entity === 'akte')).toBe(false);
  });

  it('verfügt z.d.A. after the dispatch: read-only from then on, retention to 31 December plus the Frist', async () => {
    const v = await dispatched();
    expect(
      await push(clerk, 'verfuegeZda', { vorgangId: v.id, grund: 'bescheid_versandt', begruendung: null }),
    ).toEqual({ seq, status: 'applied' });
    expect((await vorgangRow(db, v.id)).status).toBe('abgeschlossen');
    // 32.10.05 Bewohnerparken: 3 years, then vernichten.
    expect(await akteOf(v.id)).toMatchObject({
      status: 'zda',
      status_col: 'zda',
      abschluss: { am: '2026-11-23', grund: 'bescheid_versandt', begruendung: null, verfuegtVon: CLERK },
      aufbewahrungBis: '2029-12-31',
      bis_col: '2029-12-31',
      aussonderungsart: 'V',
      version: 1,
    });
    const events = await journal(clerk, v.id);
    expect(events.at(-1)).toMatchObject({
      action: 'verfuegeZda',
      actorId: CLERK,
      summary: { grund: 'bescheid_versandt', from: 'versandt', to: 'abgeschlossen' },
    });

    // A forged edit through push is refused with its reason and journaled.
    const note = { noteId: randomUUID(), vorgangId: v.id, text: 'Nachtrag' };
    expect(await push(clerk, 'addNote', note)).toMatchObject({ status: 'rejected', error: { code: 'closed' } });
    expect(await push(lead, 'assign', { vorgangId: v.id, assigneeId: 'u-sachbearbeiter2' })).toMatchObject({
      status: 'rejected',
      error: { code: 'closed' },
    });
    expect(
      await push(clerk, 'verfuegeZda', { vorgangId: v.id, grund: 'bescheid_versandt', begruendung: null }),
    ).toMatchObject({
      status: 'rejected',
      error: { code: 'closed' },
    });
    expect((await journal(clerk, v.id)).slice(-3).map((e) => [e.action, e.summary])).toEqual([
      ['rejected', { mutation: 'addNote', code: 'closed' }],
      ['rejected', { mutation: 'assign', code: 'closed' }],
      ['rejected', { mutation: 'verfuegeZda', code: 'closed' }],
    ]);
    expect(await db.query('SELECT id FROM notes WHERE vorgang_id = $1', [v.id])).toEqual([]);
  });

  it('refuses z.d.A. whose preconditions fail, each with its reason, and changes nothing', async () => {
    const working = await addVorgang(db, { status: 'in_bearbeitung', assigneeId: CLERK });
    const expectRefused = async (v: Vorgang, args: object, code: string) => {
      expect(await push(clerk, 'verfuegeZda', { vorgangId: v.id, ...args })).toMatchObject({
        status: 'rejected',
        error: { code },
      });
      expect((await vorgangRow(db, v.id)).status).toBe(v.status);
      expect((await akteOf(v.id)).status).toBe('laufend');
    };
    await expectRefused(working, { grund: 'bescheid_versandt', begruendung: null }, 'invalid_transition');
    await expectRefused(working, { grund: 'ruecknahme', begruendung: '   ' }, 'validation_failed');
    const inFreigabe = await addVorgang(db, { status: 'zur_freigabe', assigneeId: CLERK });
    await expectRefused(
      inFreigabe,
      { grund: 'ruecknahme', begruendung: 'Antrag zurückgenommen' },
      'invalid_transition',
    );
    const wv = await dispatched({ wiedervorlage: { date: '2026-12-01' } });
    await expectRefused(wv, { grund: 'bescheid_versandt', begruendung: null }, 'invalid_transition');
    // Another clerk's Vorgang is not this clerk's to conclude.
    const other = await dispatched({ assigneeId: 'u-sachbearbeiter2' });
    await expectRefused(other, { grund: 'bescheid_versandt', begruendung: null }, 'not_assignee');

    // Without a Bescheid, with a reason: concluded; the Begründung stays in the Akte.
    expect(
      await push(clerk, 'verfuegeZda', { vorgangId: working.id, grund: 'ruecknahme', begruendung: ' zurückgenommen ' }),
    ).toMatchObject({
      status: 'applied',
    });
    expect((await akteOf(working.id)).abschluss).toMatchObject({ grund: 'ruecknahme', begruendung: 'zurückgenommen' });
  });

  it('counts the retention from the German calendar year of z.d.A., across the turn of the year', async () => {
    const late = await dispatched();
    const early = await dispatched();
    // 23:30 in Berlin on 31 December: still 2026.
    clock.advance(Date.parse('2026-12-31T22:30:00.000Z') - clock.now().getTime());
    // The session from before is long expired by then.
    clerk = await login(app, 'sachbearbeiter1');
    await push(clerk, 'verfuegeZda', { vorgangId: late.id, grund: 'bescheid_versandt', begruendung: null });
    // One hour later it is 2027 in Berlin (UTC still says 2026).
    clock.advance(60 * 60_000);
    await push(clerk, 'verfuegeZda', { vorgangId: early.id, grund: 'bescheid_versandt', begruendung: null });
    expect(await akteOf(late.id)).toMatchObject({ abschluss: { am: '2026-12-31' }, aufbewahrungBis: '2029-12-31' });
    expect(await akteOf(early.id)).toMatchObject({ abschluss: { am: '2027-01-01' }, aufbewahrungBis: '2030-12-31' });
  });

  it('lets only a lead reopen, with a reason; the Akte is laufend again', async () => {
    const v = await dispatched();
    await push(clerk, 'verfuegeZda', { vorgangId: v.id, grund: 'bescheid_versandt', begruendung: null });
    expect(await push(clerk, 'wiederaufnehmen', { vorgangId: v.id, begruendung: 'Widerspruch' })).toMatchObject({
      status: 'rejected',
      error: { code: 'forbidden' },
    });
    expect(await push(lead, 'wiederaufnehmen', { vorgangId: v.id, begruendung: '' })).toMatchObject({
      status: 'rejected',
      error: { code: 'validation_failed' },
    });
    expect(
      await push(lead, 'wiederaufnehmen', { vorgangId: v.id, begruendung: 'Widerspruch eingegangen' }),
    ).toMatchObject({ status: 'applied' });
    expect((await vorgangRow(db, v.id)).status).toBe('in_bearbeitung');
    expect(await akteOf(v.id)).toMatchObject({ status: 'laufend', abschluss: null, aufbewahrungBis: null, version: 2 });
    expect((await journal(lead, v.id)).at(-1)).toMatchObject({
      action: 'wiederaufnehmen',
      summary: { begruendung: 'Widerspruch eingegangen', from: 'abgeschlossen', to: 'in_bearbeitung' },
    });
  });

  it('keeps a concluded record read-only in the database itself, below every command', async () => {
    const v = await dispatched();
    await push(clerk, 'verfuegeZda', { vorgangId: v.id, grund: 'bescheid_versandt', begruendung: null });
    const refused = async (sql: string, params: unknown[], message: RegExp) => {
      await expect(writeTransaction(db, (tx) => tx.query(sql, params))).rejects.toThrow(message);
    };
    await refused(`UPDATE akten SET doc = jsonb_set(doc, '{aktenzeichen}', '"X"') WHERE id = $1`, [v.id], /read-only/);
    await refused(`UPDATE akten SET aufbewahrung_bis = '2099-12-31' WHERE id = $1`, [v.id], /retention/);
    await refused(`DELETE FROM akten WHERE id = $1`, [v.id], /not deleted/);
    await refused(
      `UPDATE vorgaenge SET doc = jsonb_set(doc, '{frist}', '"2030-01-01"') WHERE id = $1`,
      [v.id],
      /read-only/,
    );
    await refused(
      `INSERT INTO notes (id, vorgang_id, org_unit_id, doc, change_seq) VALUES ($1, $2, 'oe-buergerservice-1', '{}'::jsonb, 1)`,
      [randomUUID(), v.id],
      /read-only/,
    );
    await refused(
      `INSERT INTO dokumente (id, vorgang_id, org_unit_id, sha256, doc, change_seq)
       VALUES ($1, $2, 'oe-buergerservice-1', repeat('a', 64), '{}'::jsonb, 1)`,
      [randomUUID(), v.id],
      /read-only/,
    );
    // A re-announcement (new change seq) is no change.
    await writeTransaction(db, (tx) =>
      tx.query(`UPDATE akten SET change_seq = nextval('change_seq_seq') WHERE id = $1`, [v.id]),
    );
  });

  it('settles the retention of Akten stored closed without one, once', async () => {
    const v = await addVorgang(db, { status: 'abgeschlossen', updatedAt: '2025-06-30T10:00:00.000Z' });
    expect(await akteOf(v.id)).toMatchObject({
      status: 'zda',
      abschluss: { am: '2025-06-30', grund: 'erledigung_anderweitig', verfuegtVon: 'system:e-akte' },
      aufbewahrungBis: null,
    });
    const plan = await loadAktenplan();
    expect(await writeTransaction(db, (tx) => settleRetention(tx, plan))).toBe(1);
    expect(await akteOf(v.id)).toMatchObject({
      aufbewahrungBis: '2028-12-31',
      bis_col: '2028-12-31',
      aussonderungsart: 'V',
    });
    expect(await writeTransaction(db, (tx) => settleRetention(tx, plan))).toBe(0);
  });

  it('serves the Aktenplan and refuses to start with a Verfahren outside its leaves', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/aktenplan', headers: bearer(clerk) });
    expect(res.statusCode).toBe(200);
    const { aktenplan } = res.json<{ aktenplan: { einheiten: { kennzeichen: string; parent: string | null }[] } }>();
    expect(aktenplan.einheiten.find((e) => e.kennzeichen === '32.10.05')).toMatchObject({ parent: '32.10' });
    expect((await app.inject({ method: 'GET', url: '/api/aktenplan' })).statusCode).toBe(401);

    const [first, ...rest] = await testVerfahren();
    if (!first) throw new Error('no Verfahren');
    const build = (kennzeichen: string) =>
      buildApp({ db, blobs: {} as never, verfahren: [{ ...first, aktenplanKennzeichen: kennzeichen }, ...rest] });
    await expect(build('99.99.99')).rejects.toThrow(/99\.99\.99 is not in the Aktenplan/);
    await expect(build('32.10')).rejects.toThrow(/32\.10 is a group, not a leaf/);
  });
});
