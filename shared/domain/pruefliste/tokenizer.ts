import { err, ok, type Result } from '../errors.ts';
import { ruleError, type RuleError } from './errors.ts';
import { RULE_LIMITS } from './limits.ts';

export type TokenKind = 'number' | 'string' | 'name' | 'symbol' | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** Source text; for strings the decoded value, for `end` the empty string. */
  readonly text: string;
  /** Only for numbers. */
  readonly value: number;
  readonly start: number;
  readonly end: number;
}

/** Longest first, so "<=" wins over "<". */
const SYMBOLS = ['<=', '>=', '!=', '=', '<', '>', '+', '-', '*', '/', '(', ')', '[', ']', ',', '.'] as const;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isNameStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isNameChar = (c: number) => isNameStart(c) || isDigit(c);
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * Splits rule source into tokens. Hand-written (one pass over char codes, no regular
 * expressions) so its cost is linear and its limits are checked as it goes: a 2,000-character
 * rule of single-character tokens is refused at the 501st token, not after building 2,000.
 */
export function tokenize(source: string): Result<Token[], RuleError> {
  if (source.length > RULE_LIMITS.maxSourceLength) {
    return err(ruleError('source_too_long', { limit: RULE_LIMITS.maxSourceLength }));
  }
  const tokens: Token[] = [];
  let i = 0;
  while (true) {
    while (i < source.length && isSpace(source.charCodeAt(i))) i++;
    if (i >= source.length) break;
    if (tokens.length >= RULE_LIMITS.maxTokens) {
      return err(ruleError('too_many_tokens', { limit: RULE_LIMITS.maxTokens }, i));
    }
    const start = i;
    const c = source.charCodeAt(i);

    if (isDigit(c)) {
      while (i < source.length && isDigit(source.charCodeAt(i))) i++;
      if (source.charCodeAt(i) === 46 && isDigit(source.charCodeAt(i + 1))) {
        i++;
        while (i < source.length && isDigit(source.charCodeAt(i))) i++;
      }
      const text = source.slice(start, i);
      const value = Number(text);
      // Integers beyond 2^53 and fractions with more digits than a double holds would silently
      // compare as a different number than the one written down.
      if (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value)) || text.length > 20) {
        return err(ruleError('invalid_number', { text: text.slice(0, 30) }, start));
      }
      tokens.push({ kind: 'number', text, value, start, end: i });
      continue;
    }

    if (isNameStart(c)) {
      while (i < source.length && isNameChar(source.charCodeAt(i))) i++;
      if (i - start > RULE_LIMITS.maxIdentifierLength) {
        return err(ruleError('identifier_too_long', { limit: RULE_LIMITS.maxIdentifierLength }, start));
      }
      tokens.push({ kind: 'name', text: source.slice(start, i), value: 0, start, end: i });
      continue;
    }

    if (c === 34 || c === 39) {
      const string = readString(source, start);
      if (!string.ok) return string;
      i = string.value.end;
      tokens.push({ kind: 'string', text: string.value.text, value: 0, start, end: i });
      continue;
    }

    const symbol = SYMBOLS.find((s) => source.startsWith(s, i));
    if (symbol === undefined) {
      const cp = source.codePointAt(i) ?? c;
      return err(ruleError('unexpected_char', { char: String.fromCodePoint(cp) }, start));
    }
    i += symbol.length;
    tokens.push({ kind: 'symbol', text: symbol, value: 0, start, end: i });
  }
  tokens.push({ kind: 'end', text: '', value: 0, start: source.length, end: source.length });
  return ok(tokens);
}

/** A text in "double" or 'single' quotes; the only escapes are \\, \" and \'. */
function readString(source: string, start: number): Result<{ text: string; end: number }, RuleError> {
  const quote = source.charCodeAt(start);
  let text = '';
  let chunkStart = start + 1;
  let i = start + 1;
  while (i < source.length) {
    const c = source.charCodeAt(i);
    if (c === quote) {
      text += source.slice(chunkStart, i);
      if (text.length > RULE_LIMITS.maxStringLength) {
        return err(ruleError('string_too_long', { limit: RULE_LIMITS.maxStringLength }, start));
      }
      return ok({ text, end: i + 1 });
    }
    if (c === 92) {
      const next = source.charCodeAt(i + 1);
      if (next !== 92 && next !== 34 && next !== 39) {
        if (Number.isNaN(next)) break;
        return err(ruleError('invalid_escape', { char: String.fromCodePoint(source.codePointAt(i + 1) ?? next) }, i));
      }
      text += source.slice(chunkStart, i) + String.fromCharCode(next);
      i += 2;
      chunkStart = i;
      continue;
    }
    i++;
  }
  return err(ruleError('unterminated_string', {}, start));
}
