import { describe, expect, it } from 'vitest';
import { berlinDate } from '../../../../shared/domain/index.ts';
import { berlinDayOf } from './berlin-day.ts';
import {
  InboxIndex,
  rowMatcher,
  toInboxEntry,
  type InboxEntry,
  type InboxIndexChange,
  type InboxQuery,
} from './inbox-index.ts';

let n = 0;
function entry(p: Partial<InboxEntry> = {}): InboxEntry {
  n++;
  return {
    id: `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`,
    frist: '2026-05-06',
    status: 'in_bearbeitung',
    verfahrenId: 'bewohnerparken',
    orgUnitId: 'ou-1',
    assigneeKey: 'u-anna',
    search: '',
    updatedAt: '2026-05-04T10:00:00.000Z',
    receivedDay: '2026-04-28',
    updatedDay: '2026-05-04',
    wiedervorlage: '',
    nachforderungFrist: '',
    ...p,
  };
}

const q = (p: Partial<InboxQuery> = {}): InboxQuery => ({
  view: 'team',
  userId: 'u-lead',
  orgUnitId: 'ou-1',
  status: 'open',
  verfahrenId: null,
  text: '',
  today: '2026-05-04',
  ...p,
});

function index(...entries: InboxEntry[]): InboxIndex {
  const idx = new InboxIndex();
  idx.replaceAll(entries);
  return idx;
}

describe('a link’s filter narrows the view', () => {
  const anna = entry();
  const bert = entry({ assigneeKey: 'u-bert' });
  const queue = entry({ assigneeKey: '' });
  const parked = entry({ wiedervorlage: '2026-05-20' });
  const waiting = entry({ status: 'wartet', nachforderungFrist: '2026-05-10' });
  const idx = index(anna, bert, queue, parked, waiting);

  it('by assignee, the team queue as the empty key', () => {
    expect(idx.query(q({ filter: { assignee: 'u-anna' } }))).toEqual([anna.id]);
    expect(idx.query(q({ filter: { assignee: '' } }))).toEqual([queue.id]);
  });

  it('withParked brings back what the work views leave out while parked', () => {
    expect(new Set(idx.query(q({ filter: { assignee: 'u-anna', withParked: true } })))).toEqual(
      new Set([anna.id, parked.id, waiting.id]),
    );
    expect(idx.query(q({ view: 'mine', userId: 'u-anna', filter: { withParked: true } }))).toHaveLength(3);
  });

  it('keeps the view’s own rule: overdue stays overdue, waiting stays waiting', () => {
    const late = entry({ frist: '2026-05-01', assigneeKey: 'u-bert' });
    const idx2 = index(anna, bert, late, waiting);
    expect(idx2.query(q({ view: 'overdue', filter: { assignee: 'u-bert' } }))).toEqual([late.id]);
    expect(idx2.query(q({ view: 'waiting', filter: { assignee: 'u-anna' } }))).toEqual([waiting.id]);
    expect(idx2.query(q({ view: 'waiting', filter: { assignee: 'u-bert' } }))).toEqual([]);
  });

  it('by Frist, receipt and last change, each range inclusive', () => {
    const a = entry({ frist: '2026-05-04', receivedDay: '2026-04-27', updatedDay: '2026-05-03' });
    const b = entry({ frist: '2026-05-08', receivedDay: '2026-05-03', updatedDay: '2026-05-04' });
    const c = entry({ frist: '2026-05-09', receivedDay: '2026-05-04', updatedDay: '2026-05-10' });
    const idx2 = index(a, b, c);
    expect(idx2.query(q({ filter: { frist: { from: '2026-05-04', to: '2026-05-08' } } }))).toEqual([a.id, b.id]);
    expect(idx2.query(q({ filter: { received: { from: '2026-04-27', to: '2026-05-03' } } }))).toEqual([a.id, b.id]);
    expect(idx2.query(q({ filter: { updated: { from: '2026-05-04', to: '2026-05-10' } } }))).toEqual([b.id, c.id]);
  });

  it('the entry carries the Berlin days of receipt and last change', () => {
    const row = {
      id: 'r',
      frist: '2026-05-06',
      status: 'in_bearbeitung' as const,
      verfahrenId: 'v',
      orgUnitId: 'ou-1',
      // 22:00 UTC on 3 May is midnight of 4 May in summer time; 21:59:59 is still 3 May.
      updatedAt: '2026-05-03T22:00:00.000Z',
      receivedAt: '2026-05-03T21:59:59.000Z',
      assigneeKey: '',
      search: '',
      wiedervorlage: null,
      nachforderung: null,
    };
    expect(toInboxEntry(row)).toMatchObject({ receivedDay: '2026-05-03', updatedDay: '2026-05-04' });
  });

  it('the same predicate serves rows read from Dexie before the index is ready', () => {
    const match = rowMatcher(q({ filter: { assignee: 'u-anna', received: { from: '2026-04-28', to: '2026-04-28' } } }));
    const row = {
      id: 'r',
      frist: '2026-05-06',
      status: 'in_bearbeitung' as const,
      verfahrenId: 'bewohnerparken',
      orgUnitId: 'ou-1',
      updatedAt: '2026-05-04T10:00:00.000Z',
      receivedAt: '2026-04-28T07:00:00.000Z',
      assigneeKey: 'u-anna',
      search: '',
      wiedervorlage: null,
      nachforderung: null,
    };
    expect(match(row)).toBe(true);
    expect(match({ ...row, receivedAt: '2026-04-28T22:30:00.000Z' })).toBe(false);
    expect(match({ ...row, assigneeKey: 'u-bert' })).toBe(false);
  });
});

describe('InboxIndex.watch', () => {
  it('reports each change with the entries before and after, and a reset on replaceAll', () => {
    const idx = new InboxIndex();
    const seen: InboxIndexChange[] = [];
    const stop = idx.watch((c) => seen.push(c));
    const a = entry();
    const b = entry();
    idx.replaceAll([a, b]);
    const a2 = { ...a, assigneeKey: 'u-bert' };
    const c = entry();
    idx.apply([a2, c], [b.id]);
    idx.apply([a2]); // no effective change: nothing reported
    stop();
    idx.apply([], [a.id]);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toEqual({ reset: true, before: [], after: [] });
    expect(seen[1]?.reset).toBe(false);
    expect(new Set(seen[1]?.before)).toEqual(new Set([a, b]));
    expect(new Set(seen[1]?.after)).toEqual(new Set([a2, c]));
  });
});

describe('berlinDayOf', () => {
  it('agrees with berlinDate across both clock changes and for other offsets', () => {
    const instants = [
      '2026-03-28T22:59:59.999Z',
      '2026-03-28T23:00:00.000Z',
      '2026-03-29T00:30:00.000Z',
      '2026-03-29T22:00:00Z',
      '2026-10-24T21:59:00.000Z',
      '2026-10-24T22:00:00.000Z',
      '2026-10-25T22:59:59.000Z',
      '2026-10-25T23:00:00.000Z',
      '2026-12-31T23:00:00.000Z',
      '2026-05-04T01:30:00+02:00',
    ];
    for (const i of instants) expect({ i, day: berlinDayOf(i) }).toEqual({ i, day: berlinDate(i) });
  });
});
