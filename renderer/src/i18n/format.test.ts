import { describe, expect, it } from 'vitest';
import { daysUntil, formatDate, formatDateTime, formatMoney, todayIso } from './format.ts';

describe('formatting', () => {
  it('formats calendar dates per language without shifting the day', () => {
    expect(formatDate('2026-11-23', 'de')).toBe('23.11.2026');
    expect(formatDate('2026-11-23', 'en')).toBe('23/11/2026');
    expect(formatDate('2026-01-01', 'de')).toBe('01.01.2026');
  });

  it('returns malformed dates unchanged instead of inventing one', () => {
    expect(formatDate('23.11.2026', 'de')).toBe('23.11.2026');
  });

  it('formats instants in the given time zone', () => {
    expect(formatDateTime('2026-11-23T09:05:00.000Z', 'de', 'Europe/Berlin')).toBe('23.11.2026, 10:05');
    expect(formatDateTime('2026-11-23T09:05:00.000Z', 'en', 'Europe/London')).toBe('23/11/2026, 09:05');
  });

  it('formats money in euros per language', () => {
    expect(formatMoney(1234.5, 'de').replace(/\s/g, ' ')).toBe('1.234,50 €');
    expect(formatMoney(1234.5, 'en')).toBe('€1,234.50');
  });

  it('counts calendar days to a Frist, negative when overdue', () => {
    expect(daysUntil('2026-11-25', '2026-11-23')).toBe(2);
    expect(daysUntil('2026-11-23', '2026-11-23')).toBe(0);
    expect(daysUntil('2026-11-20', '2026-11-23')).toBe(-3);
    // across the change to winter time: still whole days
    expect(daysUntil('2026-10-26', '2026-10-24')).toBe(2);
    expect(daysUntil('kaputt', '2026-10-24')).toBeNull();
  });

  it('gives the local calendar date', () => {
    expect(todayIso(new Date(2026, 10, 3, 23, 59))).toBe('2026-11-03');
  });
});
