import { describe, expect, it } from 'vitest';
import { createDb, toVorgangRow } from '../index.ts';
import { makeVorgang } from '../../../test/fixtures.ts';

describe('schema v8', () => {
  it('adds the org unit table and keeps the rows of v7', async () => {
    const name = 'v8-upgrade';
    const old = createDb(name, 7);
    const v = makeVorgang();
    await old.table('vorgaenge').put(toVorgangRow(v));
    old.close();

    const db = createDb(name, 8);
    await db.open();
    expect(db.verno).toBe(8);
    expect(db.table('orgUnits').schema.primKey.keyPath).toBe('id');
    await db.orgUnits.put({ id: 'oe-2', name: 'Team 2' });
    expect(await db.orgUnits.get('oe-2')).toEqual({ id: 'oe-2', name: 'Team 2' });
    expect(await db.vorgaenge.get(v.id)).toEqual(toVorgangRow(v));
    db.close();
  });
});
