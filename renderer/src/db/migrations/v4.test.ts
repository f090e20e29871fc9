import { describe, expect, it } from 'vitest';
import { byOrgUnit, createDb, toVorgangRow } from '../index.ts';
import { makeVorgang } from '../../../test/fixtures.ts';

describe('schema v4', () => {
  it('derives the open flag for existing rows and indexes open work separately', async () => {
    const name = 'v4-upgrade';
    const old = createDb(name, 3);
    const open = makeVorgang({ status: 'in_bearbeitung', frist: '2026-12-01' });
    const closed = makeVorgang({ status: 'abgeschlossen', frist: '2026-01-01' });
    for (const v of [open, closed]) {
      const { open: _dropped, ...v3Row } = toVorgangRow(v);
      await old.table('vorgaenge').put(v3Row);
    }
    old.close();

    const db = createDb(name, 4);
    await db.open();
    expect(db.verno).toBe(4);
    expect((await db.vorgaenge.get(open.id))?.open).toBe(1);
    expect((await db.vorgaenge.get(closed.id))?.open).toBe(0);
    expect(await byOrgUnit(db, open.orgUnitId).primaryKeys()).toEqual([open.id]);
    expect(await byOrgUnit(db, open.orgUnitId, 0).primaryKeys()).toEqual([closed.id]);
    expect(db.vorgaenge.schema.idxByName['[orgUnitId+frist]']).toBeUndefined();
    expect(db.vorgaenge.schema.idxByName['[assigneeKey+open+frist]']).toBeDefined();
    db.close();
  });
});
