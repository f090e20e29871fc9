import { describe, expect, it } from 'vitest';
import { clerk, makeVorgang } from '../../test/fixtures.ts';
import { freshDb } from '../../test/db.ts';
import { toVorgangRow } from './index.ts';
import { byAssignee, byOrgUnit } from './queries.ts';

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
});
