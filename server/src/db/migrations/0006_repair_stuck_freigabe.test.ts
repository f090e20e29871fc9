import { afterAll, beforeAll, expect, it } from 'vitest';
import { appendEvent, verifyChain, type JournalEventInput } from '../../../../shared/domain/journal.ts';
import { describeBackends } from '../../../test/backends.ts';
import { journalEvents } from '../../modules/journal/store.ts';
import type { Database } from '../database.ts';
import { loadMigrations, migrate } from '../migrate.ts';

/** The next event of a chain, written as the store did at this schema version (no head yet). */
async function appendJournalEvent(db: Database, input: JournalEventInput) {
  const events = await journalEvents(db, input.vorgangId);
  const normalised = {
    ...input,
    deviceTime: input.deviceTime === null ? null : new Date(input.deviceTime).toISOString(),
    serverTime: new Date(input.serverTime).toISOString(),
  };
  const e = await appendEvent(events.at(-1) ?? null, normalised);
  await db.query(
    `INSERT INTO journal_events (vorgang_id, seq, actor_id, action, device_time, server_time, summary, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9)`,
    [
      e.vorgangId,
      e.seq,
      e.actorId,
      e.action,
      e.deviceTime,
      e.serverTime,
      JSON.stringify(e.summary),
      e.prevHash,
      e.hash,
    ],
  );
  return e;
}

/** Stuck without any Bescheid and without a journal yet. */
const BARE = '6f1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f31';
/** Stuck with a draft Bescheid and a journal of two events. */
const WITH_DRAFT = '6f1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f32';
/** Properly in the Freigabe: its Bescheid is submitted. */
const SUBMITTED = '6f1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f33';
/** Not in the Freigabe at all. */
const READY = '6f1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f34';

const UPDATED_AT = '2026-11-20T09:00:00.000Z';

interface Row {
  id: string;
  status: string;
  version: number;
  doc: { status: string; version: number; updatedAt: string; aktenzeichen: string };
  change_seq: string | number;
}

describeBackends('migration 0006_repair_stuck_freigabe', (backend) => {
  let db: Database;
  let before: Map<string, Row>;
  const rows = async () =>
    new Map(
      (await db.query<Row>('SELECT id, status, version, doc, change_seq FROM vorgaenge ORDER BY aktenzeichen')).map(
        (r) => [r.id, r],
      ),
    );

  beforeAll(async () => {
    db = await backend.open();
    const migrations = await loadMigrations();
    await migrate(db, migrations.slice(0, 5));
    await db.query(`INSERT INTO org_units (id, name) VALUES ('oe', 'OE')`);
    for (const [i, [id, status]] of (
      [
        [BARE, 'zur_freigabe'],
        [WITH_DRAFT, 'zur_freigabe'],
        [SUBMITTED, 'zur_freigabe'],
        [READY, 'entscheidungsreif'],
      ] as const
    ).entries()) {
      const doc = { id, aktenzeichen: `AZ-${i}`, status, version: 3, updatedAt: UPDATED_AT };
      await db.query(
        `INSERT INTO vorgaenge (id, aktenzeichen, verfahren_id, org_unit_id, status, frist, version, doc, change_seq)
         VALUES ($1, $2, 'v', 'oe', $3, '2026-12-01', 3, $4::jsonb, nextval('change_seq_seq'))`,
        [id, doc.aktenzeichen, status, JSON.stringify(doc)],
      );
    }
    for (const [id, vorgangId, state] of [
      ['0b7e6f2a-4c1d-4e8a-9f3b-2a5c6d7e8f90', WITH_DRAFT, 'entwurf'],
      ['0b7e6f2a-4c1d-4e8a-9f3b-2a5c6d7e8f91', SUBMITTED, 'eingereicht'],
    ] as const) {
      await db.query(
        `INSERT INTO bescheide (id, vorgang_id, org_unit_id, state, doc, change_seq)
         VALUES ($1, $2, 'oe', $3, '{}', nextval('change_seq_seq'))`,
        [id, vorgangId, state],
      );
    }
    for (const [n, summary] of [
      [1, { from: 'in_bearbeitung', to: 'entscheidungsreif' }],
      [2, { from: 'entscheidungsreif', to: 'zur_freigabe' }],
    ] as const) {
      await appendJournalEvent(db, {
        vorgangId: WITH_DRAFT,
        actorId: 'u1',
        action: 'changeStatus',
        deviceTime: `2026-11-20T08:0${n}:00.123+01:00`,
        serverTime: `2026-11-20T07:0${n}:01.456Z`,
        summary,
      });
    }
    before = await rows();
    await migrate(db, migrations.slice(0, 6));
  });
  afterAll(async () => {
    await db.close();
  });

  it('moves exactly the stuck Vorgänge back to entscheidungsreif, in the column and the doc', async () => {
    const after = await rows();
    for (const id of [BARE, WITH_DRAFT]) {
      const r = after.get(id);
      expect(r?.status).toBe('entscheidungsreif');
      expect(r?.version).toBe(4);
      expect(r?.doc).toMatchObject({
        status: 'entscheidungsreif',
        version: 4,
        aktenzeichen: before.get(id)?.doc.aktenzeichen,
      });
      expect(r?.doc.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect((r?.doc.updatedAt ?? '') > UPDATED_AT).toBe(true);
    }
    for (const id of [SUBMITTED, READY]) expect(after.get(id)).toEqual(before.get(id));
  });

  it('gives each repaired Vorgang a new change seq, after every earlier one, so clients pull it', async () => {
    const after = await rows();
    const highestBefore = Math.max(...[...before.values()].map((r) => Number(r.change_seq)));
    const repaired = [BARE, WITH_DRAFT].map((id) => Number(after.get(id)?.change_seq));
    for (const seq of repaired) expect(seq).toBeGreaterThan(highestBefore);
    expect(new Set(repaired).size).toBe(2);
  });

  it('journals the repair as the next link of each Vorgang’s hash chain', async () => {
    const bare = await journalEvents(db, BARE);
    expect(bare).toHaveLength(1);
    expect(bare[0]).toMatchObject({
      seq: 1,
      prevHash: '',
      actorId: 'system:migration',
      action: 'repairStuckFreigabe',
      deviceTime: null,
      summary: { from: 'zur_freigabe', to: 'entscheidungsreif', reason: 'no_submitted_bescheid' },
    });
    expect(await verifyChain(bare, { vorgangId: BARE })).toEqual({ ok: true, count: 1 });

    const withDraft = await journalEvents(db, WITH_DRAFT);
    expect(withDraft.map((e) => e.action)).toEqual(['changeStatus', 'changeStatus', 'repairStuckFreigabe']);
    expect(withDraft[2]?.prevHash).toBe(withDraft[1]?.hash);
    expect(await verifyChain(withDraft, { vorgangId: WITH_DRAFT })).toEqual({ ok: true, count: 3 });
    expect(withDraft[2]?.serverTime).toBe((await rows()).get(WITH_DRAFT)?.doc.updatedAt);

    expect(await journalEvents(db, SUBMITTED)).toEqual([]);
    expect(await journalEvents(db, READY)).toEqual([]);
  });

  it('lets the journal go on from the repair', async () => {
    const next = await appendJournalEvent(db, {
      vorgangId: BARE,
      actorId: 'u1',
      action: 'changeStatus',
      deviceTime: null,
      serverTime: '2026-12-07T12:00:00.000Z',
      summary: { from: 'entscheidungsreif', to: 'in_bearbeitung' },
    });
    expect(next.seq).toBe(2);
    expect(await verifyChain(await journalEvents(db, BARE), { vorgangId: BARE })).toEqual({ ok: true, count: 2 });
  });
});
