import { describe, expect, it } from 'vitest';
import { createDb, toVorgangRow } from '../index.ts';
import { makeVorgang } from '../../../test/fixtures.ts';

describe('schema v9', () => {
  it('adds the Akten table, indexed by Vorgang and Aktenplan Kennzeichen, and keeps the rows of v8', async () => {
    const name = 'v9-upgrade';
    const old = createDb(name, 8);
    const v = makeVorgang();
    await old.table('vorgaenge').put(toVorgangRow(v));
    old.close();

    const db = createDb(name, 9);
    await db.open();
    expect(db.verno).toBe(9);
    const akten = db.table('akten');
    expect(akten.schema.primKey.keyPath).toBe('id');
    expect(akten.schema.indexes.map((i) => i.name).sort()).toEqual(['kennzeichen', 'vorgangId']);
    await akten.put({ id: v.id, vorgangId: v.id, kennzeichen: '32.10.05' });
    expect(await akten.where('kennzeichen').equals('32.10.05').primaryKeys()).toEqual([v.id]);
    expect(await db.vorgaenge.get(v.id)).toEqual(toVorgangRow(v));
    db.close();
  });
});
