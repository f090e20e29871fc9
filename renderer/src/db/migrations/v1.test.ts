import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { createDb } from '../index.ts';
import { makeVorgang } from '../../../test/fixtures.ts';

describe('schema v1', () => {
  it('creates every table with its indexes on an empty database', async () => {
    const db = createDb('v1-fresh', 1);
    await db.open();
    expect(db.verno).toBe(1);
    expect(db.tables.map((t) => t.name).sort()).toEqual(
      ['meta', 'notes', 'outbox', 'rejections', 'shadows', 'users', 'verfahren', 'vorgaenge'].sort(),
    );
    const vorgaenge = db.table('vorgaenge').schema;
    expect(vorgaenge.primKey.keyPath).toBe('id');
    expect(vorgaenge.indexes.map((i) => i.name).sort()).toEqual(
      ['[assigneeKey+frist]', '[orgUnitId+frist]', 'frist', 'updatedAt'].sort(),
    );
    expect(db.table('rejections').schema.primKey.keyPath).toEqual(['clientId', 'mutationSeq']);
    db.close();
  });

  it('answers the inbox query through the compound index, sorted by Frist', async () => {
    const db = createDb('v1-inbox', 1);
    const a = makeVorgang({ assigneeId: 'u1', frist: '2026-12-01' });
    const b = makeVorgang({ assigneeId: 'u1', frist: '2026-11-15' });
    const c = makeVorgang({ assigneeId: 'u2', frist: '2026-11-01' });
    await db.table('vorgaenge').bulkPut([a, b, c].map((v) => ({ ...v, assigneeKey: v.assigneeId ?? '' })));
    const mine = await db
      .table('vorgaenge')
      .where('[assigneeKey+frist]')
      .between(['u1', Dexie.minKey], ['u1', Dexie.maxKey])
      .primaryKeys();
    expect(mine).toEqual([b.id, a.id]);
    db.close();
  });
});
