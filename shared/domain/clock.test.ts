import { describe, expect, it } from 'vitest';
import { berlinDate } from './clock.ts';

describe('berlinDate', () => {
  it('uses the German calendar day, across midnight and daylight saving time', () => {
    expect(berlinDate('2026-11-23T22:59:59Z')).toBe('2026-11-23');
    expect(berlinDate('2026-11-23T23:00:00Z')).toBe('2026-11-24'); // CET = UTC+1
    expect(berlinDate('2026-07-01T21:59:59Z')).toBe('2026-07-01');
    expect(berlinDate('2026-07-01T22:00:00Z')).toBe('2026-07-02'); // CEST = UTC+2
    expect(berlinDate('2026-12-31T23:30:00Z')).toBe('2027-01-01');
  });
  it('rejects what is not an instant', () => {
    expect(() => berlinDate('gestern')).toThrow(RangeError);
  });
});
