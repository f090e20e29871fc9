import { describe, expect, it } from 'vitest';
import { InboxIndex, searchTerms, type InboxEntry, type InboxQuery } from './inbox-index.ts';

let n = 0;
function entry(p: Partial<InboxEntry> = {}): InboxEntry {
  n++;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    frist: '2026-12-01',
    status: 'eingegangen',
    verfahrenId: 'bewohnerparken',
    orgUnitId: 'ou-1',
    assigneeKey: '',
    search: `32.10.05-2026/${String(n).padStart(5, '0')} mustermann erika`,
    updatedAt: '2026-11-23T10:00:00.000Z',
    receivedDay: '2026-11-20',
    updatedDay: '2026-11-23',
    wiedervorlage: '',
    nachforderungFrist: '',
    ...p,
  };
}

const base: InboxQuery = {
  view: 'team',
  userId: 'u-anna',
  orgUnitId: 'ou-1',
  status: 'open',
  verfahrenId: null,
  text: '',
  today: '2026-11-23',
};

describe('InboxIndex', () => {
  it('sorts by Frist ascending, ties by id', () => {
    const a = entry({ frist: '2026-12-05' });
    const b = entry({ frist: '2026-11-30' });
    const c = entry({ frist: '2026-12-05' });
    const idx = new InboxIndex();
    idx.replaceAll([c, a, b]);
    expect(idx.query(base)).toEqual([b.id, a.id, c.id]);
  });

  it('filters the views: mine by assignee, open by unassigned, team by org unit', () => {
    const mine = entry({ assigneeKey: 'u-anna' });
    const other = entry({ assigneeKey: 'u-bert' });
    const free = entry({ assigneeKey: '' });
    const foreign = entry({ orgUnitId: 'ou-2' });
    const idx = new InboxIndex();
    idx.replaceAll([mine, other, free, foreign]);
    expect(idx.query({ ...base, view: 'mine' })).toEqual([mine.id]);
    expect(idx.query({ ...base, view: 'open' })).toEqual([free.id]);
    expect(new Set(idx.query({ ...base, view: 'team' }))).toEqual(new Set([mine.id, other.id, free.id]));
  });

  it('filters by status: open statuses by default, one status, or all', () => {
    const neu = entry({ status: 'eingegangen' });
    const bearbeitung = entry({ status: 'in_bearbeitung' });
    const fertig = entry({ status: 'abgeschlossen' });
    const idx = new InboxIndex();
    idx.replaceAll([neu, bearbeitung, fertig]);
    expect(idx.query(base)).toEqual([neu.id, bearbeitung.id]);
    expect(idx.query({ ...base, status: 'in_bearbeitung' })).toEqual([bearbeitung.id]);
    expect(idx.query({ ...base, status: 'all' })).toHaveLength(3);
  });

  it('filters by Verfahren', () => {
    const park = entry({ verfahrenId: 'bewohnerparken' });
    const gewerbe = entry({ verfahrenId: 'gewerbeanmeldung' });
    const idx = new InboxIndex();
    idx.replaceAll([park, gewerbe]);
    expect(idx.query({ ...base, verfahrenId: 'gewerbeanmeldung' })).toEqual([gewerbe.id]);
  });

  it('searches case-insensitively over Aktenzeichen and applicant; every term must match', () => {
    const erika = entry({ search: '32.10.05-2026/00042 mustermann erika' });
    const max = entry({ search: '32.10.05-2026/00043 mustermann max' });
    const idx = new InboxIndex();
    idx.replaceAll([erika, max]);
    expect(idx.query({ ...base, text: 'MUSTERMANN' })).toEqual([erika.id, max.id]);
    expect(idx.query({ ...base, text: ' Erika  mustermann ' })).toEqual([erika.id]);
    expect(idx.query({ ...base, text: '2026/00043' })).toEqual([max.id]);
    expect(idx.query({ ...base, text: 'niemand' })).toEqual([]);
  });

  it('splits search text into terms normalised like the rows (case, umlauts)', () => {
    expect(searchTerms('  Müller   32.10 ')).toEqual(['muller', '32.10']);
  });

  it('applies inserts, moves and removals incrementally, keeping the order', () => {
    const a = entry({ frist: '2026-12-01' });
    const b = entry({ frist: '2026-12-02' });
    const c = entry({ frist: '2026-12-03' });
    const idx = new InboxIndex();
    idx.replaceAll([a, b, c]);
    const rev = idx.revision;

    const d = entry({ frist: '2026-12-02' });
    const movedA = { ...a, frist: '2026-12-10', updatedAt: '2026-11-24T08:00:00.000Z' };
    expect(idx.apply([d, movedA], [b.id])).toBe(true);
    expect(idx.query(base)).toEqual([d.id, c.id, a.id]);
    expect(idx.size).toBe(3);
    expect(idx.get(a.id)?.frist).toBe('2026-12-10');
    expect(idx.revision).toBeGreaterThan(rev);
    expect(idx.maxUpdatedAt()).toBe('2026-11-24T08:00:00.000Z');
  });

  it('reports no change (and keeps its revision) for identical upserts and unknown removals', () => {
    const a = entry();
    const idx = new InboxIndex();
    idx.replaceAll([a]);
    const rev = idx.revision;
    expect(idx.apply([{ ...a }], ['unknown-id'])).toBe(false);
    expect(idx.revision).toBe(rev);
  });

  it('status changes move a row out of and into the filtered result', () => {
    const a = entry({ assigneeKey: '' });
    const idx = new InboxIndex();
    idx.replaceAll([a]);
    expect(idx.query({ ...base, view: 'open' })).toEqual([a.id]);
    idx.apply([{ ...a, assigneeKey: 'u-anna' }]);
    expect(idx.query({ ...base, view: 'open' })).toEqual([]);
    expect(idx.query({ ...base, view: 'mine' })).toEqual([a.id]);
  });

  it('stays in the same order as a full sort after many random incremental batches', () => {
    const idx = new InboxIndex();
    const model = new Map<string, InboxEntry>();
    let seed = 7;
    const rand = (m: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % m;
    };
    const pool: InboxEntry[] = Array.from({ length: 300 }, () => entry());
    for (let batch = 0; batch < 40; batch++) {
      const ups: InboxEntry[] = [];
      const dels: string[] = [];
      for (let i = 0; i < 20; i++) {
        const e = pool[rand(pool.length)] as InboxEntry;
        if (rand(5) === 0) dels.push(e.id);
        else ups.push({ ...e, frist: `2026-12-${String(1 + rand(28)).padStart(2, '0')}` });
      }
      // a removal wins unless the same batch also upserts the id (then the upsert stands)
      const upIds = new Set(ups.map((u) => u.id));
      idx.apply(ups, dels);
      for (const d of dels) if (!upIds.has(d)) model.delete(d);
      for (const u of ups) model.set(u.id, u);
    }
    const expected = [...model.values()]
      .sort((a, b) => (a.frist === b.frist ? (a.id < b.id ? -1 : 1) : a.frist < b.frist ? -1 : 1))
      .map((e) => e.id);
    expect(idx.query({ ...base, status: 'all' })).toEqual(expected);
  });
});
