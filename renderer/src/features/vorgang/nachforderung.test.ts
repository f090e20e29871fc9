import { describe, expect, it } from 'vitest';
import { nextDay } from './nachforderung.ts';

describe('Nachforderung input', () => {
  it('counts days across month and year ends', () => {
    expect(nextDay('2026-11-30')).toBe('2026-12-01');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
  });
});
