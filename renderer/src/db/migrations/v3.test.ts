import { describe, expect, it } from 'vitest';
import { createDb, toVorgangRow } from '../index.ts';
import { makeVorgang } from '../../../test/fixtures.ts';
import { searchTokensOf } from './v2.ts';

describe('schema v3', () => {
  it('drops the search-token index and field, keeping rows and other tables', async () => {
    const name = 'v3-upgrade';
    const old = createDb(name, 2);
    const v = makeVorgang({ aktenzeichen: '32.10.05-2026/00042' });
    await old.table('vorgaenge').put({ ...toVorgangRow(v), searchTokens: searchTokensOf(v) });
    await old
      .table('outbox')
      .put({ seq: 1, name: 'claim', args: { vorgangId: v.id }, clientTime: v.updatedAt, state: 'pending' });
    expect(old.table('vorgaenge').schema.idxByName['searchTokens']).toBeDefined();
    old.close();

    const db = createDb(name, 3);
    await db.open();
    expect(db.verno).toBe(3);
    expect(db.vorgaenge.schema.idxByName['searchTokens']).toBeUndefined();
    const row = await db.vorgaenge.get(v.id);
    expect(row).toEqual(toVorgangRow(v));
    expect(
      await db.vorgaenge.where('[orgUnitId+frist]').between([v.orgUnitId, ''], [v.orgUnitId, '\uffff']).count(),
    ).toBe(1);
    expect(await db.outbox.count()).toBe(1);
    db.close();
  });
});
