import { describe, expect, it } from 'vitest';
import { addWorkingDays, dayNumberToIsoDate, isoDateToDayNumber } from './fristen.ts';

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
