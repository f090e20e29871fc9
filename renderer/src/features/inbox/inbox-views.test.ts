import { describe, expect, it } from 'vitest';
import { parkedReason } from '../../../../shared/domain/index.ts';
import { InboxIndex, isParked, toInboxEntry, type InboxEntry, type InboxQuery } from './inbox-index.ts';

let n = 0;
function entry(p: Partial<InboxEntry> = {}): InboxEntry {
  n++;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    frist: '2026-12-01',
    status: 'in_bearbeitung',
    verfahrenId: 'bewohnerparken',
    orgUnitId: 'ou-1',
    assigneeKey: 'u-anna',
    search: `32.10.05-2026/${String(n).padStart(5, '0')} mustermann erika`,
    updatedAt: '2026-11-23T10:00:00.000Z',
    receivedDay: '2026-11-20',
    updatedDay: '2026-11-23',
    wiedervorlage: '',
    nachforderungFrist: '',
    ...p,
  };
}

const q = (view: InboxQuery['view'], today: string, p: Partial<InboxQuery> = {}): InboxQuery => ({
  view,
  userId: 'u-anna',
  orgUnitId: 'ou-1',
  status: 'open',
  verfahrenId: null,
  text: '',
  today,
  ...p,
});

function index(...entries: InboxEntry[]): InboxIndex {
  const idx = new InboxIndex();
  idx.replaceAll(entries);
  return idx;
}

describe('Wiedervorlage: out of the work lists until its date, then back', () => {
  const plain = entry();
  const parked = entry({ wiedervorlage: '2026-11-25' });
  const unassignedParked = entry({ assigneeKey: '', wiedervorlage: '2026-11-25' });
  const idx = index(plain, parked, unassignedParked);

  it('before the date: only in the Wiedervorlagen view', () => {
    for (const view of ['mine', 'team', 'open'] as const) {
      const ids = idx.query(q(view, '2026-11-24'));
      expect(ids).not.toContain(parked.id);
      expect(ids).not.toContain(unassignedParked.id);
    }
    expect(idx.query(q('mine', '2026-11-24'))).toEqual([plain.id]);
    expect(new Set(idx.query(q('wiedervorlagen', '2026-11-24')))).toEqual(new Set([parked.id, unassignedParked.id]));
  });

  it('from the date on: back in mine, team and open, and out of the Wiedervorlagen view', () => {
    expect(idx.query(q('mine', '2026-11-25'))).toContain(parked.id);
    expect(idx.query(q('team', '2026-11-25'))).toHaveLength(3);
    expect(idx.query(q('open', '2026-11-25'))).toEqual([unassignedParked.id]);
    expect(idx.query(q('wiedervorlagen', '2026-11-25'))).toEqual([]);
    expect(idx.query(q('wiedervorlagen', '2026-12-31'))).toEqual([]);
  });

  it('agrees with the shared rule (parkedReason) on every day around the date', () => {
    for (const today of ['2026-11-01', '2026-11-24', '2026-11-25', '2026-11-26', '2027-01-01']) {
      expect(isParked('2026-11-25', '', today)).toBe(parkedReason('2026-11-25', '', today) !== null);
      expect(isParked('', '2026-11-25', today)).toBe(parkedReason('', '2026-11-25', today) !== null);
    }
    expect(isParked('', '', '2026-11-25')).toBe(false);
  });

  it('sorts the Wiedervorlagen view by the Wiedervorlage date, then by Frist', () => {
    const late = entry({ wiedervorlage: '2026-12-20', frist: '2026-11-30' });
    const early = entry({ wiedervorlage: '2026-12-01', frist: '2026-12-24' });
    const earlySameDay = entry({ wiedervorlage: '2026-12-01', frist: '2026-12-02' });
    const i = index(late, early, earlySameDay);
    expect(i.query(q('wiedervorlagen', '2026-11-23'))).toEqual([earlySameDay.id, early.id, late.id]);
  });
});

describe('Nachforderung: out of the work lists while its Frist runs, then back', () => {
  const waiting = entry({ status: 'wartet', nachforderungFrist: '2026-12-10' });
  const idx = index(waiting);

  it('until the end of the Frist day: only in the view "Wartet auf Unterlagen"', () => {
    for (const today of ['2026-11-23', '2026-12-10']) {
      expect(idx.query(q('mine', today))).toEqual([]);
      expect(idx.query(q('team', today))).toEqual([]);
      expect(idx.query(q('waiting', today))).toEqual([waiting.id]);
    }
  });

  it('the day after the Frist: back in the lists, no longer waiting', () => {
    expect(idx.query(q('mine', '2026-12-11'))).toEqual([waiting.id]);
    expect(idx.query(q('waiting', '2026-12-11'))).toEqual([]);
  });

  it('only a waiting Vorgang is parked by its Nachforderung (toInboxEntry)', () => {
    const row = {
      id: 'x',
      frist: '2026-12-01',
      verfahrenId: 'v',
      orgUnitId: 'ou-1',
      updatedAt: '2026-11-23T10:00:00.000Z',
      receivedAt: '2026-11-20T09:00:00.000Z',
      assigneeKey: '',
      search: '',
      wiedervorlage: { date: '2026-12-05' },
      nachforderung: { frist: '2026-12-10', requestedAt: '2026-11-20T10:00:00.000Z', text: 'Meldebescheinigung' },
    };
    expect(toInboxEntry({ ...row, status: 'wartet' })).toMatchObject({
      wiedervorlage: '2026-12-05',
      nachforderungFrist: '2026-12-10',
    });
    expect(toInboxEntry({ ...row, status: 'in_bearbeitung' }).nachforderungFrist).toBe('');
  });

  it('sorts the waiting view by the end of the Nachforderung', () => {
    const later = entry({ status: 'wartet', nachforderungFrist: '2026-12-20', frist: '2026-11-30' });
    const sooner = entry({ status: 'wartet', nachforderungFrist: '2026-12-05', frist: '2026-12-30' });
    expect(index(later, sooner).query(q('waiting', '2026-11-23'))).toEqual([sooner.id, later.id]);
  });
});

describe('overdue view', () => {
  it('lists open work of the org unit past its Frist, oldest first, whoever owns it', () => {
    const older = entry({ frist: '2026-11-02', assigneeKey: 'u-bert' });
    const old = entry({ frist: '2026-11-20', assigneeKey: '' });
    const dueToday = entry({ frist: '2026-11-23' });
    const closed = entry({ frist: '2026-11-01', status: 'abgeschlossen' });
    const foreign = entry({ frist: '2026-11-01', orgUnitId: 'ou-2' });
    const parked = entry({ frist: '2026-11-10', wiedervorlage: '2026-12-01' });
    const idx = index(dueToday, old, closed, older, foreign, parked);
    expect(idx.query(q('overdue', '2026-11-23'))).toEqual([older.id, parked.id, old.id]);
    // A closed Vorgang stays out even when the filter asks for all statuses.
    expect(idx.query(q('overdue', '2026-11-23', { status: 'all' }))).toEqual([older.id, parked.id, old.id]);
    // The next day, today's Frist has passed too.
    expect(idx.query(q('overdue', '2026-11-24'))).toContain(dueToday.id);
  });
});

describe('deputy view', () => {
  it('lists the open, unparked work of the colleagues the user stands in for', () => {
    const bert = entry({ assigneeKey: 'u-bert' });
    const bertParked = entry({ assigneeKey: 'u-bert', wiedervorlage: '2026-12-01' });
    const bertClosed = entry({ assigneeKey: 'u-bert', status: 'abgeschlossen' });
    const carla = entry({ assigneeKey: 'u-carla' });
    const own = entry({ assigneeKey: 'u-anna' });
    const idx = index(bert, bertParked, bertClosed, carla, own);
    expect(idx.query(q('deputy', '2026-11-23', { deputyFor: ['u-bert'] }))).toEqual([bert.id]);
    expect(idx.query(q('deputy', '2026-11-23', { deputyFor: [] }))).toEqual([]);
    expect(idx.query(q('deputy', '2026-11-23'))).toEqual([]);
  });
});

describe('filters apply in the new views too', () => {
  it('search and Verfahren narrow the Wiedervorlagen view', () => {
    const a = entry({ wiedervorlage: '2026-12-01', search: '32.10.05-2026/00001 schmidt jana' });
    const b = entry({ wiedervorlage: '2026-12-01', verfahrenId: 'gewerbe' });
    const idx = index(a, b);
    expect(idx.query(q('wiedervorlagen', '2026-11-23', { text: 'Schmidt' }))).toEqual([a.id]);
    expect(idx.query(q('wiedervorlagen', '2026-11-23', { verfahrenId: 'gewerbe' }))).toEqual([b.id]);
  });
});
