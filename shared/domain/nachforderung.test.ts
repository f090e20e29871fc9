import { describe, expect, it } from 'vitest';
import { nachforderungInput } from './nachforderung.ts';

describe('nachforderungInput', () => {
  const today = '2026-11-23';

  it('needs a Frist after today', () => {
    expect(nachforderungInput('2026-11-23', 'Lageplan', today)).toEqual({ ok: false, error: 'frist_invalid' });
    expect(nachforderungInput('2026-11-01', 'Lageplan', today)).toEqual({ ok: false, error: 'frist_invalid' });
    expect(nachforderungInput('', 'Lageplan', today)).toEqual({ ok: false, error: 'frist_invalid' });
    expect(nachforderungInput('2026-02-30', 'Lageplan', today)).toEqual({ ok: false, error: 'frist_invalid' });
    expect(nachforderungInput('2026-11-24', 'Lageplan', today).ok).toBe(true);
  });

  it('needs a description, trimmed', () => {
    expect(nachforderungInput('2026-12-07', '  ', today)).toEqual({ ok: false, error: 'text_required' });
    expect(nachforderungInput('2026-12-07', ' Lageplan ', today)).toEqual({
      ok: true,
      value: { frist: '2026-12-07', text: 'Lageplan' },
    });
  });
});
