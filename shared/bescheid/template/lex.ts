import { templateError, type TemplateError } from './errors.ts';
import { TEMPLATE_LIMITS } from './limits.ts';

/** A token inside one `{{ … }}` tag. */
export type TagToken =
  | { readonly kind: 'name'; readonly text: string; readonly offset: number }
  | { readonly kind: 'number'; readonly value: number; readonly text: string; readonly offset: number }
  | { readonly kind: 'string'; readonly value: string; readonly offset: number }
  | { readonly kind: 'punct'; readonly text: string; readonly offset: number };

/** Thrown inside the parser only and caught by parseTemplate: never leaves the module. */
export class ParseFailure extends Error {
  readonly error: TemplateError;
  constructor(error: TemplateError) {
    super(error.message);
    this.name = 'ParseFailure';
    this.error = error;
  }
}

export function fail(source: string, offset: number, code: TemplateError['code'], de: string, en: string): never {
  throw new ParseFailure(templateError(code, { de, en }, { source, offset }));
}

const TWO_CHAR = new Set(['==', '!=', '>=', '<=']);
const ONE_CHAR = new Set(['.', '|', '(', ')', ',', '#', '/', '>', '<', '!', '-', '=']);
const isNameStart = (c: string) => /[A-Za-z_$]/.test(c);
const isNamePart = (c: string) => /[A-Za-z0-9_$]/.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';

/**
 * Splits the inside of a tag that starts at `open` (the offset of its `{{`) into tokens, up to
 * the closing `}}` outside a string. Returns the tokens and the offset after `}}`. Names are
 * read leniently (with `_` and `$`) so that `__proto__` gets a precise error from the parser.
 */
export function lexTag(source: string, open: number): { tokens: TagToken[]; end: number } {
  const tokens: TagToken[] = [];
  let i = open + 2;
  while (i < source.length) {
    const c = source.charAt(i);
    if (c === '}' && source.charAt(i + 1) === '}') return { tokens, end: i + 2 };
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (isNameStart(c)) {
      const start = i;
      while (i < source.length && isNamePart(source.charAt(i))) i++;
      tokens.push({ kind: 'name', text: source.slice(start, i), offset: start });
    } else if (isDigit(c)) {
      const start = i;
      while (isDigit(source.charAt(i))) i++;
      if (source.charAt(i) === '.' && isDigit(source.charAt(i + 1))) {
        i++;
        while (isDigit(source.charAt(i))) i++;
      }
      const text = source.slice(start, i);
      const value = Number(text);
      if (!Number.isFinite(value) || (!text.includes('.') && !Number.isSafeInteger(value))) {
        fail(
          source,
          start,
          'syntax_error',
          `Die Zahl ${text.slice(0, 20)} ist nicht exakt darstellbar`,
          `The number ${text.slice(0, 20)} cannot be represented exactly`,
        );
      }
      tokens.push({ kind: 'number', value, text, offset: start });
    } else if (c === '"' || c === "'") {
      const { value, end } = lexString(source, i);
      tokens.push({ kind: 'string', value, offset: i });
      i = end;
    } else if (TWO_CHAR.has(source.slice(i, i + 2))) {
      tokens.push({ kind: 'punct', text: source.slice(i, i + 2), offset: i });
      i += 2;
    } else if (ONE_CHAR.has(c)) {
      tokens.push({ kind: 'punct', text: c, offset: i });
      i++;
    } else {
      const shown = JSON.stringify(String.fromCodePoint(source.codePointAt(i) ?? 0));
      fail(source, i, 'syntax_error', `Unerwartetes Zeichen ${shown} im Tag`, `Unexpected character ${shown} in a tag`);
    }
  }
  return fail(
    source,
    open,
    'syntax_error',
    'Das Tag „{{“ wird nicht mit „}}“ geschlossen',
    'The tag "{{" is not closed with "}}"',
  );
}

/** A quoted text; the only escapes are \\, \" and \'. */
function lexString(source: string, open: number): { value: string; end: number } {
  const quote = source.charAt(open);
  let value = '';
  let i = open + 1;
  while (i < source.length) {
    const c = source.charAt(i);
    if (c === quote) return { value, end: i + 1 };
    // A text in a tag never spans lines: a missing quote is reported here, not 500 characters on.
    if (c === '\n') break;
    if (c === '\\') {
      const next = source.charAt(i + 1);
      if (next !== '\\' && next !== '"' && next !== "'") {
        fail(
          source,
          i,
          'syntax_error',
          'Unbekannte Maskierung im Text (erlaubt: \\\\, \\", \\\')',
          'Unknown escape in a text (allowed: \\\\, \\", \\\')',
        );
      }
      value += next;
      i += 2;
    } else {
      value += c;
      i++;
    }
    if (value.length > TEMPLATE_LIMITS.maxLiteralLength) {
      fail(
        source,
        open,
        'limit_exceeded',
        `Der Text ist länger als ${TEMPLATE_LIMITS.maxLiteralLength} Zeichen`,
        `The text is longer than ${TEMPLATE_LIMITS.maxLiteralLength} characters`,
      );
    }
  }
  return fail(
    source,
    open,
    'syntax_error',
    'Dem Text fehlt das schließende Anführungszeichen',
    'The text is missing its closing quote',
  );
}
