import { describe, expect, it } from 'vitest';
import type { Bescheid } from '../../../../shared/domain/index.ts';
import { createDb, toVorgangRow } from '../index.ts';
import { makeVorgang, testUuid } from '../../../test/fixtures.ts';
import { v6 } from './v6.ts';

function bescheid(overrides: Partial<Bescheid>): Bescheid {
  return {
    id: testUuid(),
    vorgangId: testUuid(),
    orgUnitId: 'ou-1',
    content: {
      decision: 'bewilligung',
      vorlageId: 'bewohnerparkausweis-bewilligung',
      recipient: { addressLines: ['Jürgen Müller'] },
      betreff: 'Bewohnerparkausweis',
      anrede: 'Sehr geehrter Herr Müller,',
      sections: { tenor: { paragraphs: ['Erteilt.'] } },
      gebuehr: { cents: 3070, override: null },
    },
    state: 'entwurf',
    authorId: 'u-clerk',
    editorIds: ['u-clerk'],
    submittedHash: null,
    submittedAt: null,
    approval: null,
    returnComment: null,
    dokumentId: null,
    version: 1,
    updatedAt: '2026-11-23T10:00:00.000Z',
    ...overrides,
  };
}

describe('schema v6', () => {
  it('adds the Bescheid tables, keeps existing rows, and indexes by Vorgang and by org unit and state', async () => {
    const name = 'v6-upgrade';
    const old = createDb(name, 5);
    const v = makeVorgang({ status: 'entscheidungsreif' });
    await old.table('vorgaenge').put(toVorgangRow(v));
    old.close();

    // v6 is declared on top of the released versions, as migrations/index.ts will list it.
    const db = createDb(name, 5);
    v6(db);
    await db.open();
    expect(db.verno).toBe(6);
    expect(await db.table('vorgaenge').get(v.id)).toEqual(toVorgangRow(v));

    const draft = bescheid({ vorgangId: v.id });
    const submitted = bescheid({ state: 'eingereicht' });
    const otherUnit = bescheid({ state: 'eingereicht', orgUnitId: 'ou-2' });
    await db.table('bescheide').bulkPut([draft, submitted, otherUnit]);
    expect(await db.table('bescheide').where('vorgangId').equals(v.id).primaryKeys()).toEqual([draft.id]);
    expect(
      await db.table('bescheide').where('[orgUnitId+state]').equals(['ou-1', 'eingereicht']).primaryKeys(),
    ).toEqual([submitted.id]);

    const typed = { bescheidId: draft.id, vorgangId: v.id, form: { betreff: 'Entwurf' }, baseVersion: 1 };
    await db.table('bescheidDrafts').put(typed);
    expect(await db.table('bescheidDrafts').get(draft.id)).toEqual(typed);
    db.close();
  });
});
