import { describe, expect, it } from 'vitest';
import { assertRenderable, normalizeText } from './text.ts';

describe('normalizeText', () => {
  it('composes to NFC so umlauts from macOS clipboards match the font cmap', () => {
    expect(normalizeText('Mu\u0308ller')).toBe('Müller');
  });

  it('unifies line ends and drops soft hyphens, zero-width and control characters', () => {
    expect(normalizeText('a\r\nb\rc')).toBe('a\nb\nc');
    expect(normalizeText('Straßen\u00adverkehrs\u200bbehörde\u0007')).toBe('Straßenverkehrsbehörde');
  });

  it('turns tabs and typographic spaces into spaces, narrow no-break space into no-break space', () => {
    expect(normalizeText('a\tb\u2009c\u202fd')).toBe('a b c\u00a0d');
  });
});

describe('assertRenderable', () => {
  const supported = new Set(Array.from('abcÄ ').map((c) => c.codePointAt(0) ?? 0));

  it('accepts text the font covers, including line breaks', () => {
    expect(() => assertRenderable('ab\ncÄ', supported, 'betreff')).not.toThrow();
  });

  it('rejects a missing glyph with validation_failed, naming field and code point but not the text', () => {
    let error: unknown;
    try {
      assertRenderable('cabbac😀', supported, 'anrede');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'validation_failed' });
    const message = (error as Error).message;
    expect(message).toContain('anrede');
    expect(message).toContain('U+1F600');
    expect(message).not.toContain('cabbac');
  });
});
