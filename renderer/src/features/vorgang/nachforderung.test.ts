import { describe, expect, it } from 'vitest';
import { nachforderungInput, nextDay } from './nachforderung.ts';

describe('Nachforderung input', () => {
  it('counts days across month and year ends', () => {
    expect(nextDay('2026-11-30')).toBe('2026-12-01');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
  });

  it('needs a Frist after today and a description', () => {
    const today = '2026-11-23';
    expect(nachforderungInput('2026-11-23', 'Lageplan', today)).toEqual({ ok: false, error: 'frist_invalid' });
    expect(nachforderungInput('', 'Lageplan', today)).toEqual({ ok: false, error: 'frist_invalid' });
    expect(nachforderungInput('2026-12-07', '  ', today)).toEqual({ ok: false, error: 'text_required' });
    expect(nachforderungInput('2026-12-07', ' Lageplan ', today)).toEqual({
      ok: true,
      value: { frist: '2026-12-07', text: 'Lageplan' },
    });
  });
});
