import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../../../shared/contracts/http/sync.ts';
import type { JournalEvent } from '../../../../shared/domain/journal.ts';
import { describeBackends } from '../../../test/backends.ts';
import {
  addVorgang,
  bearer,
  login,
  OE1,
  OE2,
  pullAs,
  pushAs,
  TestClock,
  testApp,
  useSeededDb,
  vorgangRow,
} from '../../../test/harness.ts';
import type { Database } from '../../db/database.ts';
import { writeTransaction } from '../../db/write.ts';
import { grantVorgang, revokeVorgang, userGrantee } from './scopes.ts';

/** Pulls every page after the cursor; returns what arrived and the last cursor. */
async function pullAll(app: FastifyInstance, token: string, clientId: string, cursor?: string) {
  const pages: PullResponse[] = [];
  let next = cursor;
  for (;;) {
    const page = await pullAs(app, token, { clientId, ...(next === undefined ? {} : { cursor: next }), limit: 50 });
    pages.push(page);
    next = page.cursor;
    if (!page.hasMore) break;
  }
  return {
    changes: pages.flatMap((p) => p.changes),
    exits: pages.flatMap((p) => p.exits),
    rejections: pages.flatMap((p) => p.rejections),
    cursor: next,
  };
}

describeBackends('scopes: entries and exits', (backend) => {
  const getDb = useSeededDb(backend);
  let db: Database;
  let app: FastifyInstance;
  let lead: string;
  let clerk: string;
  let otherUnit: string;
  beforeEach(async () => {
    db = getDb();
    app = await testApp(db, new TestClock());
    lead = await login(app, 'teamleitung1');
    clerk = await login(app, 'sachbearbeiter1');
    otherUnit = await login(app, 'sachbearbeiter3');
  });
  afterEach(async () => {
    await app.close();
  });

  async function push(token: string, name: string, args: unknown) {
    const res = await pushAs(app, token, randomUUID(), [{ seq: 1, name, args }]);
    const [result] = res.results;
    if (!result) throw new Error('no push result');
    return result;
  }

  /** A Vorgang of team 1 with a note, as the clerk works on it. */
  async function vorgangWithNote() {
    const v = await addVorgang(db, { assigneeId: 'u-sachbearbeiter1', status: 'in_bearbeitung' });
    const noteId = randomUUID();
    expect(await push(clerk, 'addNote', { vorgangId: v.id, noteId, text: 'Rückruf erbeten' })).toMatchObject({
      status: 'applied',
    });
    return { v, noteId };
  }

  it('a Vorgang handed to another org unit leaves the old unit’s clients and enters the new one’s', async () => {
    const { v, noteId } = await vorgangWithNote();
    const clerkClient = randomUUID();
    const before = await pullAll(app, clerk, clerkClient);
    expect(before.changes.some((c) => c.entity === 'vorgang' && c.value.id === v.id)).toBe(true);

    expect(await push(lead, 'transferVorgang', { vorgangId: v.id, orgUnitId: OE2 })).toMatchObject({
      status: 'applied',
    });
    const row = await vorgangRow(db, v.id);
    expect(row).toMatchObject({ orgUnitId: OE2, assigneeId: null });

    // The old unit's client is told to drop the Vorgang and its note, and gets no copy of it.
    const after = await pullAll(app, clerk, clerkClient, before.cursor);
    expect(after.exits).toEqual(
      expect.arrayContaining([
        { entity: 'vorgang', id: v.id },
        { entity: 'note', id: noteId },
        // Its Fallakte goes with it (the E-Akte follows the Vorgang's scope).
        { entity: 'akte', id: v.id },
      ]),
    );
    expect(after.changes.filter((c) => c.value.id === v.id || c.value.id === noteId)).toEqual([]);
    // A fresh client of the old unit neither sees it nor gets exits to apply.
    const fresh = await pullAll(app, clerk, randomUUID());
    expect(fresh.changes.some((c) => c.value.id === v.id)).toBe(false);
    expect(fresh.exits).toEqual([]);

    // The new unit's clerk pulls the Vorgang and its note, now under OE2.
    const newUnit = await pullAll(app, otherUnit, randomUUID());
    const pulled = newUnit.changes.find((c) => c.entity === 'vorgang' && c.value.id === v.id);
    expect(pulled?.value).toMatchObject({ orgUnitId: OE2 });
    expect(newUnit.changes.some((c) => c.entity === 'note' && c.value.id === noteId)).toBe(true);
    expect(newUnit.changes.some((c) => c.entity === 'akte' && c.value.id === v.id)).toBe(true);
    const [akte] = await db.query<{ org_unit_id: string }>('SELECT org_unit_id FROM akten WHERE id = $1', [v.id]);
    expect(akte?.org_unit_id).toBe(OE2);
  });

  it('an offline edit to a Vorgang that left the unit is rejected as out_of_scope, and journaled', async () => {
    const { v } = await vorgangWithNote();
    await push(lead, 'transferVorgang', { vorgangId: v.id, orgUnitId: OE2 });
    const result = await push(clerk, 'setWiedervorlage', { vorgangId: v.id, date: '2026-12-01' });
    expect(result).toMatchObject({ status: 'rejected', error: { code: 'out_of_scope' } });
    // A Vorgang the unit never had stays not_found (no oracle for other units' ids).
    const foreign = await addVorgang(db, { orgUnitId: OE2 });
    expect(await push(clerk, 'claim', { vorgangId: foreign.id })).toMatchObject({
      status: 'rejected',
      error: { code: 'not_found' },
    });

    const res = await app.inject({ method: 'GET', url: `/api/journal?vorgangId=${v.id}`, headers: bearer(otherUnit) });
    const events = res.json<{ events: JournalEvent[] }>().events;
    expect(events.map((e) => e.action)).toEqual(['addNote', 'transferVorgang', 'rejected']);
    expect(events[1]?.summary).toEqual({ from: OE1, to: OE2 });
    expect(events[2]?.summary).toEqual({ mutation: 'setWiedervorlage', code: 'out_of_scope' });
  });

  it('only a lead of the owning unit hands over, to an existing unit, before the Freigabe', async () => {
    const v = await addVorgang(db, { assigneeId: 'u-sachbearbeiter1', status: 'in_bearbeitung' });
    expect(await push(clerk, 'transferVorgang', { vorgangId: v.id, orgUnitId: OE2 })).toMatchObject({
      error: { code: 'forbidden' },
    });
    expect(await push(lead, 'transferVorgang', { vorgangId: v.id, orgUnitId: 'oe-gibt-es-nicht' })).toMatchObject({
      error: { code: 'not_found' },
    });
    const inFreigabe = await addVorgang(db, { status: 'zur_freigabe' });
    expect(await push(lead, 'transferVorgang', { vorgangId: inFreigabe.id, orgUnitId: OE2 })).toMatchObject({
      error: { code: 'invalid_transition' },
    });
    expect(await vorgangRow(db, v.id)).toMatchObject({ orgUnitId: OE1 });
  });

  it('a Vorgang that comes back is pulled again, and its old exit is not replayed', async () => {
    const { v } = await vorgangWithNote();
    const clerkClient = randomUUID();
    const start = await pullAll(app, clerk, clerkClient);
    await push(lead, 'transferVorgang', { vorgangId: v.id, orgUnitId: OE2 });
    const lead2 = await login(app, 'teamleitung1');
    // Team 2 has no lead in the demo accounts: move it back on the server's side of the table.
    await db.query('UPDATE users SET org_unit_id = $1 WHERE username = $2', [OE2, 'teamleitung1']);
    expect(await push(lead2, 'transferVorgang', { vorgangId: v.id, orgUnitId: OE1 })).toMatchObject({
      status: 'applied',
    });
    await db.query('UPDATE users SET org_unit_id = $1 WHERE username = $2', [OE1, 'teamleitung1']);
    const back = await pullAll(app, clerk, clerkClient, start.cursor);
    // Back in the unit: the exit of the first move is skipped, the rows arrive again.
    expect(back.exits.filter((e) => e.id === v.id)).toEqual([]);
    expect(back.changes.some((c) => c.entity === 'vorgang' && c.value.id === v.id)).toBe(true);
  });

  describe('extra grants', () => {
    it('a grant shares the named rows with a person of another unit until it ends', async () => {
      const { v, noteId } = await vorgangWithNote();
      const client = randomUUID();
      const start = await pullAll(app, otherUnit, client);
      expect(start.changes.some((c) => c.value.id === v.id)).toBe(false);

      await writeTransaction(db, (tx) => grantVorgang(tx, v.id, userGrantee('u-sachbearbeiter3'), ['vorgang'], 'test'));
      const granted = await pullAll(app, otherUnit, client, start.cursor);
      expect(granted.changes.map((c) => [c.entity, c.value.id])).toContainEqual(['vorgang', v.id]);
      // Only what the grant shares: not the note.
      expect(granted.changes.some((c) => c.value.id === noteId)).toBe(false);

      await writeTransaction(db, (tx) => revokeVorgang(tx, v.id, userGrantee('u-sachbearbeiter3')));
      const revoked = await pullAll(app, otherUnit, client, granted.cursor);
      expect(revoked.exits).toEqual([{ entity: 'vorgang', id: v.id }]);
      // The owning unit keeps it: its clients get no exit.
      const owner = await pullAll(app, clerk, randomUUID(), start.cursor);
      expect(owner.exits).toEqual([]);
    });
  });
});
