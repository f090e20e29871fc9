import { describe, expect, it } from 'vitest';
import { clerk, makeVorgang } from '../../test/fixtures.ts';
import { freshDb } from '../../test/db.ts';
import { toVorgangRow } from './index.ts';
import { byAssignee, byOrgUnit, searchVorgaenge } from './queries.ts';

describe('queries', () => {
  it('lists an assignee’s Vorgänge and the team queue by Frist', async () => {
    const db = await freshDb(clerk);
    const late = makeVorgang({ assigneeId: clerk.id, frist: '2026-12-24' });
    const soon = makeVorgang({ assigneeId: clerk.id, frist: '2026-11-24' });
    const queued = makeVorgang({ assigneeId: null });
    const foreign = makeVorgang({ orgUnitId: 'ou-2', frist: '2026-01-01' });
    await db.vorgaenge.bulkPut([late, soon, queued, foreign].map(toVorgangRow));
    expect(await byAssignee(db, clerk.id).primaryKeys()).toEqual([soon.id, late.id]);
    expect(await byAssignee(db, '').primaryKeys()).toEqual([foreign.id, queued.id]);
    expect(await byOrgUnit(db, 'ou-2').primaryKeys()).toEqual([foreign.id]);
  });

  it('searches by every word as a prefix, each hit once', async () => {
    const db = await freshDb(clerk);
    const mueller = makeVorgang({ aktenzeichen: '32.10.05-2026/00042' });
    const schmidt = makeVorgang({
      aktenzeichen: '32.10.05-2025/00042',
      applicant: { givenName: 'Eva', familyName: 'Schmidt', street: '', postalCode: '', city: '' },
    });
    await db.vorgaenge.bulkPut([mueller, schmidt].map(toVorgangRow));
    expect((await searchVorgaenge(db, '00042')).map((r) => r.id).sort()).toEqual([mueller.id, schmidt.id].sort());
    expect((await searchVorgaenge(db, 'Müller 00042')).map((r) => r.id)).toEqual([mueller.id]);
    expect((await searchVorgaenge(db, 'schm 2025')).map((r) => r.id)).toEqual([schmidt.id]);
    expect(await searchVorgaenge(db, '   ')).toEqual([]);
  });
});
