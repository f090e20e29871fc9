import { describe, expect, it } from 'vitest';
import { createDb, toVorgangRow } from '../index.ts';
import { makeVorgang } from '../../../test/fixtures.ts';
import { searchTokensOf } from './v2.ts';

describe('schema v2', () => {
  it('derives search tokens for rows written by v1 and indexes them', async () => {
    const name = 'v2-upgrade';
    const old = createDb(name, 1);
    const v = makeVorgang({ aktenzeichen: '32.10.05-2026/00042' });
    const v1Row = toVorgangRow(v);
    await old.table('vorgaenge').put(v1Row);
    await old
      .table('outbox')
      .put({ seq: 1, name: 'claim', args: { vorgangId: v.id }, clientTime: v.updatedAt, state: 'pending' });
    old.close();

    const db = createDb(name, 2);
    await db.open();
    expect(db.verno).toBe(2);
    const row = await db.vorgaenge.get(v.id);
    expect((row as { searchTokens?: string[] } | undefined)?.searchTokens).toEqual(searchTokensOf(v));
    expect(await db.vorgaenge.where('searchTokens').startsWith('00042').primaryKeys()).toEqual([v.id]);
    expect(await db.vorgaenge.where('searchTokens').startsWith('muel').primaryKeys()).toEqual([v.id]);
    // Other tables come through the upgrade untouched.
    expect(await db.outbox.count()).toBe(1);
    db.close();
  });
});
