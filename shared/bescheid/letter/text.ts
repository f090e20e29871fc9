import { DomainError } from '../../domain/errors.ts';

/*
 * Clerks paste text from mails and word processors. Characters without a visible glyph of
 * their own are dropped or mapped here, because a PDF/A file must not show .notdef boxes and
 * pdf-lib would silently encode unknown characters as glyph 0.
 */
const DROP = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const AS_SPACE = /[\t\u2000-\u200a\u205f\u3000]/g;
const AS_NO_BREAK_SPACE = /\u202f/g;

/** NFC, "\n" line ends, soft hyphens and zero-width characters removed, odd spaces as plain or no-break spaces. */
export function normalizeText(s: string): string {
  const cleaned = s
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(DROP, '')
    .replace(AS_SPACE, ' ')
    .replace(AS_NO_BREAK_SPACE, '\u00a0');
  let out = '';
  for (const ch of cleaned) if (ch === '\n' || !isControl(ch.codePointAt(0) ?? 0)) out += ch;
  return out;
}

function isControl(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
}

/**
 * Throws `validation_failed` naming the field and the code point (never the text itself,
 * which may hold personal data) if the font has no glyph for a character.
 */
export function assertRenderable(s: string, supported: ReadonlySet<number>, field: string): void {
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch !== '\n' && !supported.has(cp)) {
      const hex = cp.toString(16).toUpperCase().padStart(4, '0');
      throw new DomainError('validation_failed', `${field}: character U+${hex} is not available in the letter font`);
    }
  }
}
