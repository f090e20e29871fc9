import { afterAll, beforeAll, expect, it } from 'vitest';
import { appendEvent, verifyChain, type JournalEvent } from '../../../../shared/domain/journal.ts';
import { describeBackends } from '../../../test/backends.ts';
import { appendJournalEvent, journalEvents, journalHeadOf } from '../../modules/journal/store.ts';
import type { Database } from '../database.ts';
import { loadMigrations, migrate } from '../migrate.ts';

const VORGANG = '6f1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f30';
const EMPTY = '6f1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f31';
const event = (n: number) => ({
  vorgangId: VORGANG,
  actorId: 'u-1',
  action: 'addNote',
  deviceTime: null,
  serverTime: `2026-11-2${n}T09:00:00.000Z`,
  summary: { n },
});

describeBackends('migration 0010_journal_head', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
    const migrations = await loadMigrations();
    await migrate(db, migrations.slice(0, 9));
    await db.query(`INSERT INTO org_units (id, name) VALUES ('oe', 'OE')`);
    for (const id of [VORGANG, EMPTY]) {
      await db.query(
        `INSERT INTO vorgaenge (id, aktenzeichen, verfahren_id, org_unit_id, status, frist, version, doc, change_seq)
         VALUES ($1, $2, 'v', 'oe', 'in_bearbeitung', '2026-12-01', 1, '{}', 1)`,
        [id, `AZ-${id.slice(-1)}`],
      );
    }
    // Two events written before the head existed, as the store wrote them then.
    let prev: JournalEvent | null = null;
    for (const n of [1, 2]) {
      const e: JournalEvent = await appendEvent(prev, event(n));
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
      prev = e;
    }
    await migrate(db, migrations.slice(0, 10));
  });
  afterAll(async () => {
    await db.close();
  });

  it('backfills the head of existing chains and keeps it with every new event', async () => {
    const events = await journalEvents(db, VORGANG);
    expect(await journalHeadOf(db, VORGANG)).toEqual({ seq: 2, hash: events[1]?.hash });
    expect(await journalHeadOf(db, EMPTY)).toEqual({ seq: 0, hash: '' });
    const third = await db.transaction((tx) => appendJournalEvent(tx, event(3)));
    expect(await journalHeadOf(db, VORGANG)).toEqual({ seq: 3, hash: third.hash });
  });

  it('a journal whose last event was deleted no longer verifies against its head', async () => {
    const head = await journalHeadOf(db, VORGANG);
    expect(await verifyChain(await journalEvents(db, VORGANG), { vorgangId: VORGANG, head })).toEqual({
      ok: true,
      count: 3,
    });
    // What an insider with database rights could do: switch off the trigger, cut the tail.
    await db.exec('ALTER TABLE journal_events DISABLE TRIGGER USER');
    await db.query('DELETE FROM journal_events WHERE vorgang_id = $1 AND seq = 3', [VORGANG]);
    await db.exec('ALTER TABLE journal_events ENABLE TRIGGER USER');
    const cut = await journalEvents(db, VORGANG);
    expect(await verifyChain(cut, { vorgangId: VORGANG })).toEqual({ ok: true, count: 2 });
    expect(await verifyChain(cut, { vorgangId: VORGANG, head })).toEqual({
      ok: false,
      brokenAt: 3,
      reason: 'tail_missing',
    });
  });
});
