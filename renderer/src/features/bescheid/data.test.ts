import { describe, expect, it } from 'vitest';
import { createDb, toVorgangRow, type AmtsplatzDb } from '../../db/index.ts';
import { v6 } from '../../db/migrations/v6.ts';
import { makeVorgang } from '../../../test/fixtures.ts';
import { formFromContent } from './form.ts';
import { countPendingChanges, readFreigabeQueue, readVorgangBescheid, writeDraft, bescheideTable } from './data.ts';
import { CONTENT, makeBescheid } from './test-data.ts';

let n = 0;
async function db(): Promise<AmtsplatzDb> {
  const d = createDb(`bescheid-data-${++n}`, 5);
  v6(d);
  await d.open();
  return d;
}

const form = formFromContent(CONTENT, 3070);

describe('Bescheid reads', () => {
  it('finds a Vorgang’s latest Bescheid with its draft, or a draft started before the first save', async () => {
    const d = await db();
    const v = makeVorgang();
    expect(await readVorgangBescheid(d, v.id)).toEqual({ bescheid: undefined, draft: undefined });

    const fresh = { bescheidId: 'b-new', vorgangId: v.id, form, baseVersion: 0, updatedAt: '2026-11-23T10:00:00.000Z' };
    await writeDraft(d, fresh);
    await writeDraft(d, { ...fresh, bescheidId: 'b-other', vorgangId: 'v-other' });
    expect(await readVorgangBescheid(d, v.id)).toEqual({ bescheid: undefined, draft: fresh });

    const old = makeBescheid({ vorgangId: v.id, state: 'gesiegelt', updatedAt: '2026-10-01T10:00:00.000Z' });
    const current = makeBescheid({ vorgangId: v.id, updatedAt: '2026-11-23T11:00:00.000Z' });
    await bescheideTable(d).bulkPut([old, current]);
    const typed = { ...fresh, bescheidId: current.id, baseVersion: 1 };
    await writeDraft(d, typed);
    expect(await readVorgangBescheid(d, v.id)).toEqual({ bescheid: current, draft: typed });
    d.close();
  });

  it('counts the outbox entries of one Bescheid', async () => {
    const d = await db();
    await d.outbox.bulkAdd([
      { seq: 1, name: 'claim', args: { vorgangId: 'v' }, clientTime: '2026-11-23T10:00:00.000Z', state: 'sent' },
      { seq: 2, name: 'claim', args: { bescheidId: 'b1' }, clientTime: '2026-11-23T10:00:00.000Z', state: 'sent' },
      { seq: 3, name: 'claim', args: { bescheidId: 'b1' }, clientTime: '2026-11-23T10:00:00.000Z', state: 'pending' },
      { seq: 4, name: 'claim', args: null, clientTime: '2026-11-23T10:00:00.000Z', state: 'pending' },
    ]);
    expect(await countPendingChanges(d, 'b1')).toBe(2);
    expect(await countPendingChanges(d, 'b2')).toBe(0);
    d.close();
  });

  it('lists the org unit’s submitted Bescheide, longest waiting first, with their Aktenzeichen', async () => {
    const d = await db();
    const v1 = makeVorgang({ status: 'zur_freigabe' });
    const v2 = makeVorgang({ status: 'zur_freigabe' });
    await d.vorgaenge.bulkPut([toVorgangRow(v1), toVorgangRow(v2)]);
    const later = makeBescheid({ vorgangId: v1.id, state: 'eingereicht', submittedAt: '2026-11-23T12:00:00.000Z' });
    const earlier = makeBescheid({ vorgangId: v2.id, state: 'eingereicht', submittedAt: '2026-11-22T09:00:00.000Z' });
    const unknownVorgang = makeBescheid({ state: 'eingereicht', submittedAt: '2026-11-23T13:00:00.000Z' });
    await bescheideTable(d).bulkPut([
      later,
      earlier,
      unknownVorgang,
      makeBescheid({ state: 'entwurf' }),
      makeBescheid({ state: 'eingereicht', orgUnitId: 'ou-2' }),
    ]);
    expect(await readFreigabeQueue(d, 'ou-1')).toEqual([
      { bescheid: earlier, aktenzeichen: v2.aktenzeichen },
      { bescheid: later, aktenzeichen: v1.aktenzeichen },
      { bescheid: unknownVorgang, aktenzeichen: null },
    ]);
    d.close();
  });
});
