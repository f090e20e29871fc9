import { describe, expect, it } from 'vitest';
import { isStorableInstant, isStorableText, storableText, unstorableTextAt } from './text.ts';

describe('storable text', () => {
  it('refuses NUL and lone surrogates, accepts paired ones', () => {
    expect(isStorableText('Müller 😀')).toBe(true);
    expect(isStorableText('a\u0000b')).toBe(false);
    expect(isStorableText('a\ud800b')).toBe(false);
    expect(isStorableText('a\udc00')).toBe(false);
    expect(storableText('a\u0000b\ud800')).toBe('a\ufffdb\ufffd');
  });

  it('names the path of the first bad string, keys included', () => {
    expect(unstorableTextAt({ a: ['ok', { b: 'x\u0000' }] })).toBe('$.a[1].b');
    expect(unstorableTextAt({ ['k\ud800']: 1 })).toBe('$.k\ufffd');
    expect(unstorableTextAt({ a: 1, b: null, c: [true] })).toBeNull();
  });

  it('accepts instants of the years 1 to 9999 only', () => {
    expect(isStorableInstant('2026-12-07T10:00:00+01:00')).toBe(true);
    expect(isStorableInstant('0000-01-01T00:00:00Z')).toBe(false);
    expect(isStorableInstant('9999-12-31T23:30:00-01:00')).toBe(false);
  });
});
