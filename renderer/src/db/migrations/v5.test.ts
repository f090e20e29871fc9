import { describe, expect, it } from 'vitest';
import { emptyPrueflisteState } from '../../../../shared/domain/index.ts';
import { createDb, toVorgangRow } from '../index.ts';
import { makeVorgang } from '../../../test/fixtures.ts';

describe('schema v5', () => {
  it('gives existing Vorgänge the new fields’ defaults and adds the case-work tables', async () => {
    const name = 'v5-upgrade';
    const old = createDb(name, 4);
    const v = makeVorgang({ status: 'in_bearbeitung' });
    const { nachforderung: _n, prueflisteVersion: _pv, pruefliste: _p, ...v4Row } = toVorgangRow(v);
    const checked = makeVorgang({
      prueflisteVersion: 2,
      pruefliste: { manual: { a: { decision: 'ok' } }, overrides: {} },
    });
    await old.table('vorgaenge').bulkPut([v4Row, toVorgangRow(checked)]);
    await old
      .table('outbox')
      .put({ seq: 1, name: 'claim', args: { vorgangId: v.id }, clientTime: v.updatedAt, state: 'pending' });
    expect((await old.table('vorgaenge').get(v.id)) as object).not.toHaveProperty('pruefliste');
    old.close();

    const db = createDb(name, 5);
    await db.open();
    expect(db.verno).toBe(5);
    expect(await db.vorgaenge.get(v.id)).toEqual(
      toVorgangRow({ ...v, nachforderung: null, prueflisteVersion: null, pruefliste: emptyPrueflisteState() }),
    );
    // Values already there are kept.
    expect(await db.vorgaenge.get(checked.id)).toEqual(toVorgangRow(checked));
    expect(await db.outbox.count()).toBe(1);

    const indexes = (table: string) =>
      db
        .table(table)
        .schema.indexes.map((i) => i.name)
        .sort();
    expect(db.dokumente.schema.primKey.keyPath).toBe('id');
    expect(indexes('dokumente')).toEqual(['vorgangId']);
    expect(indexes('absences')).toEqual(['deputyId', 'userId']);
    expect(db.blobs.schema.primKey.keyPath).toBe('sha256');
    expect(indexes('blobs')).toEqual(['lastUsed']);
    expect(db.uploads.schema.primKey.keyPath).toBe('sha256');
    expect(db.journal.schema.primKey.keyPath).toEqual(['vorgangId', 'seq']);
    expect(indexes('journal')).toEqual(['vorgangId']);
    db.close();
  });
});
