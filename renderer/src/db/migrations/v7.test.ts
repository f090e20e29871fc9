import { describe, expect, it } from 'vitest';
import { createDb, shadowKey, toVorgangRow } from '../index.ts';
import { makeVorgang } from '../../../test/fixtures.ts';

describe('schema v7', () => {
  it('gives existing Vorgänge and their rebase states no recorded dispatch, keeping recorded ones', async () => {
    const name = 'v7-upgrade';
    const old = createDb(name, 6);
    const v = makeVorgang({ status: 'bescheid_erstellt' });
    const { versand: _v, ...v6Row } = toVorgangRow(v);
    const sent = makeVorgang({
      status: 'versandt',
      versand: { channel: 'post', date: '2026-11-23', recordedAt: '2026-11-23T10:00:00.000Z', recordedBy: 'u-1' },
    });
    await old.table('vorgaenge').bulkPut([v6Row, toVorgangRow(sent)]);
    const { versand: _s, ...v6Shadow } = v;
    await old.table('shadows').bulkPut([
      { key: shadowKey('vorgang', v.id), entity: 'vorgang', value: v6Shadow },
      { key: shadowKey('vorgang', 'gone'), entity: 'vorgang', value: null },
    ]);
    expect((await old.table('vorgaenge').get(v.id)) as object).not.toHaveProperty('versand');
    old.close();

    const db = createDb(name, 7);
    await db.open();
    expect(db.verno).toBe(7);
    expect(await db.vorgaenge.get(v.id)).toEqual(toVorgangRow({ ...v, versand: null }));
    expect(await db.vorgaenge.get(sent.id)).toEqual(toVorgangRow(sent));
    expect(await db.shadows.get(shadowKey('vorgang', v.id))).toMatchObject({ value: { versand: null } });
    expect(await db.shadows.get(shadowKey('vorgang', 'gone'))).toMatchObject({ value: null });
    db.close();
  });
});
