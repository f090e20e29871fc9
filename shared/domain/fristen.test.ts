import { describe, expect, it } from 'vitest';
import { holidaySet, LAENDER } from './feiertage.ts';
import {
  addWorkingDays,
  computeFrist,
  dayNumberToIsoDate,
  daysUntil,
  isoDateToDayNumber,
  isOverdue,
} from './fristen.ts';

// 2026-03-02 is a Monday.
describe('addWorkingDays', () => {
  it('counts Monday to Friday and skips the weekend', () => {
    expect(addWorkingDays('2026-03-02', 1)).toBe('2026-03-03');
    expect(addWorkingDays('2026-03-02', 4)).toBe('2026-03-06');
    expect(addWorkingDays('2026-03-02', 5)).toBe('2026-03-09');
    expect(addWorkingDays('2026-03-06', 1)).toBe('2026-03-09');
    expect(addWorkingDays('2026-03-02', 10)).toBe('2026-03-16');
    expect(addWorkingDays('2026-03-02', 20)).toBe('2026-03-30');
  });

  it('never counts the start day, also when it falls on a weekend', () => {
    expect(addWorkingDays('2026-03-07', 1)).toBe('2026-03-09');
    expect(addWorkingDays('2026-03-08', 1)).toBe('2026-03-09');
    expect(addWorkingDays('2026-03-08', 5)).toBe('2026-03-13');
  });

  it('returns the date itself for zero days', () => {
    expect(addWorkingDays('2026-03-07', 0)).toBe('2026-03-07');
  });

  it('skips given holidays, including one on a weekend without double counting', () => {
    const holidays = new Set(['2026-04-03', '2026-04-06', '2026-04-04']); // Karfreitag, Ostermontag, a Saturday
    expect(addWorkingDays('2026-04-02', 1, holidays)).toBe('2026-04-07');
    expect(addWorkingDays('2026-04-02', 5, holidays)).toBe('2026-04-13');
    expect(addWorkingDays('2026-04-02', 1, new Set())).toBe('2026-04-03');
  });

  it('crosses month, year and leap-day boundaries', () => {
    expect(addWorkingDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addWorkingDays('2026-12-31', 2)).toBe('2027-01-04');
    expect(addWorkingDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addWorkingDays('2027-02-26', 1)).toBe('2027-03-01');
  });

  it('matches a day-by-day count over a long span', () => {
    let d = '2026-01-01';
    for (let i = 0; i < 300; i++) d = addWorkingDays(d, 1);
    expect(addWorkingDays('2026-01-01', 300)).toBe(d);
  });

  it('rejects impossible dates and invalid counts', () => {
    expect(() => addWorkingDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-3-1', 1)).toThrow(/calendar date/);
    expect(() => addWorkingDays('2026-03-02', -1)).toThrow(/non-negative/);
    expect(() => addWorkingDays('2026-03-02', 1.5)).toThrow(RangeError);
  });
});

describe('day numbers', () => {
  it('agree with Date for every day from 1899 to 2101', () => {
    const from = Date.UTC(1899, 0, 1) / 86_400_000;
    const to = Date.UTC(2101, 11, 31) / 86_400_000;
    const mismatches: string[] = [];
    for (let day = from; day <= to; day++) {
      const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
      if (dayNumberToIsoDate(day) !== iso || isoDateToDayNumber(iso) !== day) mismatches.push(iso);
    }
    expect(to - from).toBeGreaterThan(73_000);
    expect(mismatches).toEqual([]);
    expect(isoDateToDayNumber('1970-01-01')).toBe(0);
  });

  it('reject dates that do not exist', () => {
    for (const bad of ['2026-02-29', '2100-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '']) {
      expect(() => isoDateToDayNumber(bad)).toThrow(RangeError);
    }
    expect(isoDateToDayNumber('2000-02-29')).toBe(11016);
  });
});

describe('computeFrist', () => {
  it('skips Christmas and New Year across the year end, and Epiphany in Bavaria', () => {
    // 2026-12-22 is a Tuesday; 25 Dec and 1 Jan are Fridays.
    expect(addWorkingDays('2026-12-22', 10)).toBe('2027-01-05');
    expect(computeFrist({ received: '2026-12-22', arbeitstage: 10, land: 'BE' })).toBe('2027-01-07');
    expect(computeFrist({ received: '2026-12-22', arbeitstage: 10, land: 'BY' })).toBe('2027-01-08');
  });

  it('skips Karfreitag and Ostermontag everywhere', () => {
    for (const land of LAENDER) {
      expect(computeFrist({ received: '2026-04-01', arbeitstage: 3, land })).toBe('2026-04-08');
    }
  });

  it('counts 29 February and skips the Frauentag only where it holds', () => {
    expect(computeFrist({ received: '2028-02-25', arbeitstage: 3, land: 'NW' })).toBe('2028-03-01');
    expect(computeFrist({ received: '2027-02-25', arbeitstage: 3, land: 'NW' })).toBe('2027-03-02');
    expect(computeFrist({ received: '2028-02-28', arbeitstage: 8, land: 'NW' })).toBe('2028-03-09');
    expect(computeFrist({ received: '2028-02-28', arbeitstage: 8, land: 'BE' })).toBe('2028-03-10');
  });

  it('follows the year-dependent rules (Reformationstag 2016/2017 in Hamburg)', () => {
    expect(computeFrist({ received: '2016-10-28', arbeitstage: 1, land: 'HH' })).toBe('2016-10-31');
    expect(computeFrist({ received: '2017-10-30', arbeitstage: 1, land: 'HH' })).toBe('2017-11-01');
    expect(computeFrist({ received: '2017-10-30', arbeitstage: 1, land: 'NW' })).toBe('2017-11-02');
  });

  it('never counts the receipt day, also when it is a holiday', () => {
    expect(computeFrist({ received: '2026-12-25', arbeitstage: 1, land: 'HB' })).toBe('2026-12-28');
    expect(computeFrist({ received: '2026-12-24', arbeitstage: 1, land: 'HB' })).toBe('2026-12-28');
  });

  it('matches stepping one working day at a time, and ends on a working day, also for long Fristen', () => {
    for (const land of ['BY', 'SN', 'TH', 'HH'] as const) {
      const all = holidaySet(land, 2025, 2029);
      for (const received of ['2025-12-19', '2026-03-31', '2026-11-17', '2026-12-31']) {
        let stepped = received;
        for (let n = 1; n <= 400; n++) {
          stepped = addWorkingDays(stepped, 1, all);
          if (n % 37 !== 0 && n !== 1 && n !== 400) continue;
          const frist = computeFrist({ received, arbeitstage: n, land });
          expect(frist).toBe(stepped);
          const weekday = new Date(`${frist}T00:00:00Z`).getUTCDay();
          expect(weekday !== 0 && weekday !== 6 && !all.has(frist)).toBe(true);
        }
      }
    }
  });

  it('rejects invalid input and Fristen past the known holidays', () => {
    expect(() => computeFrist({ received: '2026-03-02', arbeitstage: 0, land: 'BY' })).toThrow(RangeError);
    expect(() => computeFrist({ received: '2026-03-02', arbeitstage: 1.5, land: 'BY' })).toThrow(RangeError);
    expect(() => computeFrist({ received: '2026-02-30', arbeitstage: 1, land: 'BY' })).toThrow(/calendar date/);
    expect(() => computeFrist({ received: '2200-01-05', arbeitstage: 1, land: 'BY' })).toThrow(RangeError);
    expect(() => computeFrist({ received: '2199-12-30', arbeitstage: 5, land: 'BY' })).toThrow(/after 2199/);
    expect(computeFrist({ received: '2199-12-01', arbeitstage: 5, land: 'BY' })).toBe('2199-12-06');
  });
});

describe('daysUntil and isOverdue', () => {
  it('counts calendar days, negative once the Frist has passed', () => {
    expect(daysUntil('2026-03-10', '2026-03-10')).toBe(0);
    expect(daysUntil('2026-03-10', '2026-03-02')).toBe(8);
    expect(daysUntil('2026-03-10', '2026-03-12')).toBe(-2);
    expect(daysUntil('2028-03-01', '2028-02-28')).toBe(2);
    expect(daysUntil('2027-01-04', '2026-12-31')).toBe(4);
  });

  it('is overdue from the day after the Frist', () => {
    expect(isOverdue('2026-03-10', '2026-03-09')).toBe(false);
    expect(isOverdue('2026-03-10', '2026-03-10')).toBe(false);
    expect(isOverdue('2026-03-10', '2026-03-11')).toBe(true);
    expect(() => isOverdue('2026-03-10', '10.03.2026')).toThrow(RangeError);
  });
});
