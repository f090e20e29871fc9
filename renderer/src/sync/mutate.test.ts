import { describe, expect, it } from 'vitest';
import { clerk, colleague, makeVorgang, testUuid, verfahren } from '../../test/fixtures.ts';
import { freshDb } from '../../test/db.ts';
import { createDb, fromVorgangRow, getMeta, toVorgangRow } from '../db/index.ts';
import { mutate } from './mutate.ts';
import type { MutationArgs } from '../../../shared/mutators/index.ts';

const at = new Date('2026-11-23T08:30:00.000Z');

describe('mutate', () => {
  it('writes the optimistic effect, its shadow and an outbox entry together', async () => {
    const db = await freshDb(clerk);
    const v = makeVorgang();
    await db.vorgaenge.put(toVorgangRow(v));

    const res = await mutate(db, clerk, 'claim', { vorgangId: v.id }, at);

    expect(res).toEqual({ ok: true, value: undefined });
    const row = await db.vorgaenge.get(v.id);
    expect(row).toMatchObject({ assigneeId: clerk.id, assigneeKey: clerk.id, version: 2, updatedAt: at.toISOString() });
    expect(await db.outbox.toArray()).toEqual([
      { seq: 1, name: 'claim', args: { vorgangId: v.id }, clientTime: at.toISOString(), state: 'pending' },
    ]);
    expect(await db.shadows.get(`vorgang:${v.id}`)).toEqual({ key: `vorgang:${v.id}`, entity: 'vorgang', value: v });
  });

  it('numbers outbox entries monotonically and keeps the first server state as shadow', async () => {
    const db = await freshDb(clerk);
    const v = makeVorgang({ assigneeId: clerk.id, status: 'in_bearbeitung' });
    await db.vorgaenge.put(toVorgangRow(v));
    await db.verfahren.put(verfahren);

    await mutate(db, clerk, 'changeStatus', { vorgangId: v.id, to: 'entscheidungsreif' }, at);
    await mutate(db, clerk, 'setWiedervorlage', { vorgangId: v.id, date: '2026-12-01' }, at);
    await db.outbox.delete(1);
    await mutate(db, clerk, 'changeStatus', { vorgangId: v.id, to: 'in_bearbeitung' }, at);

    expect(await db.outbox.toCollection().primaryKeys()).toEqual([2, 3]);
    expect(await getMeta(db, 'lastSeq')).toBe(3);
    const shadow = await db.shadows.get(`vorgang:${v.id}`);
    expect(shadow?.value).toEqual(v);
    const row = await db.vorgaenge.get(v.id);
    expect(row && fromVorgangRow(row)).toMatchObject({
      status: 'in_bearbeitung',
      wiedervorlage: { date: '2026-12-01' },
    });
  });

  it('returns a DomainError as a value and writes nothing', async () => {
    const db = await freshDb(clerk);
    const v = makeVorgang({ assigneeId: colleague.id });
    await db.vorgaenge.put(toVorgangRow(v));

    const res = await mutate(db, clerk, 'claim', { vorgangId: v.id }, at);

    expect(res.ok).toBe(false);
    expect(!res.ok && res.error.code).toBe('already_assigned');
    expect(await db.vorgaenge.get(v.id)).toEqual(toVorgangRow(v));
    expect(await db.outbox.count()).toBe(0);
    expect(await db.shadows.count()).toBe(0);
    expect(await getMeta(db, 'lastSeq')).toBeUndefined();
  });

  it('rejects invalid arguments before touching storage', async () => {
    const db = await freshDb(clerk);
    // Simulates a caller that bypasses the types (e.g. data from a form).
    const res = await mutate(
      db,
      clerk,
      'addNote',
      JSON.parse('{"vorgangId":"x","noteId":"y","text":""}') as MutationArgs<'addNote'>,
      at,
    );
    expect(!res.ok && res.error.code).toBe('validation_failed');
    expect(await db.outbox.count()).toBe(0);
  });

  it('creates notes and records that they did not exist on the server', async () => {
    const db = await freshDb(clerk);
    const v = makeVorgang();
    await db.vorgaenge.put(toVorgangRow(v));
    const noteId = testUuid();

    await mutate(db, clerk, 'addNote', { vorgangId: v.id, noteId, text: '  Unterlagen angefordert ' }, at);

    expect(await db.notes.where('vorgangId').equals(v.id).toArray()).toEqual([
      {
        id: noteId,
        vorgangId: v.id,
        authorId: clerk.id,
        text: 'Unterlagen angefordert',
        createdAt: at.toISOString(),
        updatedAt: null,
        deletedAt: null,
      },
    ]);
    expect((await db.shadows.get(`note:${noteId}`))?.value).toBeNull();
  });

  it('keeps the outbox when the database is closed and reopened', async () => {
    const first = await freshDb(clerk);
    const v = makeVorgang();
    await first.vorgaenge.put(toVorgangRow(v));
    await mutate(first, clerk, 'claim', { vorgangId: v.id }, at);
    first.close();

    const reopened = createDb(first.name);
    await reopened.open();
    expect(await reopened.outbox.toArray()).toEqual([
      { seq: 1, name: 'claim', args: { vorgangId: v.id }, clientTime: at.toISOString(), state: 'pending' },
    ]);
    expect((await reopened.vorgaenge.get(v.id))?.assigneeId).toBe(clerk.id);
    reopened.close();
  });
});
