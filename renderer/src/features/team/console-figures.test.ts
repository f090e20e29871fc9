import { describe, expect, it } from 'vitest';
import { holidaySet, type Absence, type User } from '../../../../shared/domain/index.ts';
import {
  absenceToday,
  dueSoonEnd,
  fristenByWorkingDay,
  isoWeek,
  mondayOf,
  throughputByWeek,
  workloadRows,
  type FigureDay,
} from './console-figures.ts';
import { Tally, TeamCounters } from './team-counters.ts';
import type { InboxEntry } from '../inbox/index.ts';

// Wednesday before Easter 2026 in Berlin: Karfreitag 3 April and Ostermontag 6 April are holidays.
const DAY: FigureDay = { today: '2026-04-01', holidays: holidaySet('BE', 2026) };

let n = 0;
function entry(p: Partial<InboxEntry> = {}): InboxEntry {
  n++;
  return {
    id: `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`,
    frist: '2026-04-20',
    status: 'in_bearbeitung',
    verfahrenId: 'v',
    orgUnitId: 'ou-1',
    assigneeKey: 'u-anna',
    search: '',
    updatedAt: '2026-03-30T10:00:00.000Z',
    receivedDay: '2026-03-16',
    updatedDay: '2026-03-30',
    wiedervorlage: '',
    nachforderungFrist: '',
    ...p,
  };
}

const user = (id: string, displayName: string): User => ({
  id,
  username: id,
  displayName,
  roles: ['clerk'],
  orgUnitId: 'ou-1',
});

const absence = (p: Partial<Absence>): Absence => ({
  id: '00000000-0000-4000-b000-000000000001',
  userId: 'u-anna',
  deputyId: 'u-bert',
  orgUnitId: 'ou-1',
  from: '2026-03-30',
  to: '2026-04-03',
  createdBy: 'u-anna',
  createdAt: '2026-03-20T10:00:00.000Z',
  cancelled: false,
  ...p,
});

function counted(...entries: InboxEntry[]): TeamCounters {
  const c = new TeamCounters('ou-1');
  c.reset(entries);
  return c;
}

describe('due soon: today through the fifth working day, holidays skipped', () => {
  it('ends on 10 April when Karfreitag and Ostermontag lie between', () => {
    expect(dueSoonEnd(DAY)).toBe('2026-04-10');
    expect(dueSoonEnd({ today: '2026-04-01', holidays: new Set() })).toBe('2026-04-08');
  });
});

describe('workloadRows', () => {
  const anna = user('u-anna', 'Anna');
  const bert = user('u-bert', 'Bert');

  it('counts open, overdue, due soon, waiting and Freigabe per person, and the team total', () => {
    const c = counted(
      entry({ frist: '2026-03-31' }), // overdue
      entry({ frist: '2026-04-01' }), // due today
      entry({ frist: '2026-04-10' }), // the fifth working day
      entry({ frist: '2026-04-13' }), // later
      entry({ status: 'wartet', nachforderungFrist: '2026-04-01', frist: '2026-05-01' }),
      entry({ status: 'wartet', nachforderungFrist: '2026-03-31', frist: '2026-05-01' }), // expired: back in the inbox
      entry({ status: 'zur_freigabe', frist: '2026-03-20' }),
      entry({ status: 'abgeschlossen', frist: '2026-03-01' }), // not open: in no figure
      entry({ assigneeKey: '', frist: '2026-03-02' }),
      entry({ assigneeKey: 'u-gone', frist: '2026-04-02' }),
      entry({ orgUnitId: 'ou-2', frist: '2026-03-02' }), // another unit
    );
    const { rows, total } = workloadRows(c, [anna, bert], [absence({})], DAY);
    expect(rows.map((r) => [r.key, r.kind])).toEqual([
      ['u-anna', 'member'],
      ['u-bert', 'member'],
      ['', 'queue'],
      ['u-gone', 'former'],
    ]);
    expect(rows[0]?.figures).toEqual({ open: 7, overdue: 2, dueSoon: 2, waiting: 1, freigabe: 1 });
    expect(rows[1]?.figures).toEqual({ open: 0, overdue: 0, dueSoon: 0, waiting: 0, freigabe: 0 });
    expect(rows[2]?.figures).toEqual({ open: 1, overdue: 1, dueSoon: 0, waiting: 0, freigabe: 0 });
    expect(total).toEqual({ open: 9, overdue: 3, dueSoon: 3, waiting: 1, freigabe: 1 });
    expect(rows[0]?.absence?.deputyId).toBe('u-bert');
    expect(rows[1]?.absence).toBeNull();
  });

  it('the same counters give the next day’s figures without a recount', () => {
    const c = counted(entry({ frist: '2026-04-01' }), entry({ status: 'wartet', nachforderungFrist: '2026-04-01' }));
    const next = { ...DAY, today: '2026-04-02' };
    expect(workloadRows(c, [anna], [], next).rows[0]?.figures).toMatchObject({ overdue: 1, waiting: 0 });
  });
});

describe('absenceToday', () => {
  it('ignores cancelled and other days, and takes the one ending last', () => {
    const list = [
      absence({ to: '2026-04-01' }),
      absence({ to: '2026-04-09' }),
      absence({ to: '2026-04-30', cancelled: true }),
      absence({ from: '2026-04-02', to: '2026-05-01' }),
    ];
    expect(absenceToday(list, 'u-anna', '2026-04-01')?.to).toBe('2026-04-09');
    expect(absenceToday(list, 'u-bert', '2026-04-01')).toBeNull();
    expect(absenceToday(list, 'u-anna', '2026-05-02')).toBeNull();
  });
});

describe('fristenByWorkingDay', () => {
  it('one bar per working day of four weeks; weekend and holiday Fristen count on the next working day', () => {
    const t = new Tally();
    for (const [day, k] of [
      ['2026-03-31', 9], // overdue: not in the chart
      ['2026-04-01', 1],
      ['2026-04-03', 2], // Karfreitag
      ['2026-04-04', 3], // Saturday
      ['2026-04-07', 4],
      ['2026-04-28', 5], // the last day of the window
      ['2026-04-29', 6], // beyond it
    ] as const) {
      t.add(day, k);
    }
    const bars = fristenByWorkingDay(t, DAY);
    expect(bars).toHaveLength(18);
    expect(bars.map((b) => b.day).slice(0, 3)).toEqual(['2026-04-01', '2026-04-02', '2026-04-07']);
    expect(bars[2]).toEqual({ day: '2026-04-07', from: '2026-04-03', to: '2026-04-07', count: 9 });
    expect(bars.at(-1)).toEqual({ day: '2026-04-28', from: '2026-04-28', to: '2026-04-28', count: 5 });
    expect(bars.reduce((s, b) => s + b.count, 0)).toBe(15);
  });

  it('starting on a Saturday, the first bar (Monday) takes the weekend', () => {
    const t = new Tally();
    t.add('2026-04-25', 1);
    const [first] = fristenByWorkingDay(t, { today: '2026-04-25', holidays: new Set() }, 1);
    expect(first).toEqual({ day: '2026-04-27', from: '2026-04-25', to: '2026-04-27', count: 1 });
  });
});

describe('ISO weeks and throughput', () => {
  it('Monday and ISO week numbers, across year ends', () => {
    expect(mondayOf('2026-04-01')).toBe('2026-03-30');
    expect(mondayOf('2026-03-30')).toBe('2026-03-30');
    expect(mondayOf('2026-04-05')).toBe('2026-03-30');
    expect(isoWeek('2025-12-29')).toEqual({ week: 1, year: 2026 });
    expect(isoWeek('2027-01-01')).toEqual({ week: 53, year: 2026 });
    expect(isoWeek('2027-01-04')).toEqual({ week: 1, year: 2027 });
    expect(isoWeek('2026-04-01')).toEqual({ week: 14, year: 2026 });
  });

  it('counts received and concluded per week, the last 12 weeks up to this one', () => {
    const c = counted(
      entry({ receivedDay: '2026-03-30' }),
      entry({ receivedDay: '2026-04-05' }),
      entry({
        receivedDay: '2026-03-29',
        status: 'abgeschlossen',
        updatedAt: '2026-03-31T21:30:00.000Z',
        updatedDay: '2026-04-01',
      }),
      entry({ receivedDay: '2026-01-12' }), // week 3: the oldest week shown
      entry({ receivedDay: '2026-01-11' }), // week 2: one too old
    );
    const weeks = throughputByWeek(c.received, c.closed, DAY.today);
    expect(weeks).toHaveLength(12);
    expect(weeks[0]).toMatchObject({ monday: '2026-01-12', sunday: '2026-01-18', week: 3, received: 1, closed: 0 });
    // 21:30 UTC on 31 March is 1 April in Berlin (the index's updatedDay): concluded in week 14.
    expect(weeks[11]).toEqual({
      monday: '2026-03-30',
      sunday: '2026-04-05',
      week: 14,
      year: 2026,
      received: 2,
      closed: 1,
    });
    expect(weeks[10]).toMatchObject({ week: 13, received: 1, closed: 0 });
  });
});
