import { describe, expect, it } from 'vitest';
import { createDb, toVorgangRow } from '../index.ts';
import { makeVorgang } from '../../../test/fixtures.ts';

describe('schema v10', () => {
  it('adds the Umlauf table, indexed by Vorgang and state, and keeps the rows of v9', async () => {
    const name = 'v10-upgrade';
    const old = createDb(name, 9);
    const v = makeVorgang();
    await old.table('vorgaenge').put(toVorgangRow(v));
    old.close();

    const db = createDb(name, 10);
    await db.open();
    expect(db.verno).toBe(10);
    const umlaeufe = db.table('umlaeufe');
    expect(umlaeufe.schema.primKey.keyPath).toBe('id');
    expect(umlaeufe.schema.indexes.map((i) => i.name).sort()).toEqual(['state', 'vorgangId']);
    await umlaeufe.put({ id: v.id, vorgangId: v.id, state: 'laufend' });
    expect(await umlaeufe.where('state').equals('laufend').primaryKeys()).toEqual([v.id]);
    expect(await db.vorgaenge.get(v.id)).toEqual(toVorgangRow(v));
    db.close();
  });
});
