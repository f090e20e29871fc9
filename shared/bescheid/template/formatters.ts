import { isoDateToDayNumber } from '../../domain/fristen.ts';
import type { FormatterCall } from './ast.ts';

/** A value a placeholder can print. Objects (e.g. `antragsteller`) and arrays are not printable. */
export type Scalar = string | number | boolean;

/** U+00A0 keeps "1.234,50 €" on one line (DIN 5008). */
const NBSP = '\u00a0';

/** `-1234.5` → "-1.234,5" (grouped) or "-1234,5"; German decimal comma. */
export function formatNumberDe(n: number, grouping: boolean): string | undefined {
  if (!Number.isFinite(n)) return undefined;
  const sign = n < 0 ? '-' : '';
  const plain = String(Math.abs(n));
  // Exponent notation (≥ 1e21 or < 1e-6) is no amount anyone writes in a letter; keep it readable.
  if (plain.includes('e')) return sign + plain.replace('.', ',');
  const [int = '0', frac] = plain.split('.');
  const digits = grouping ? groupThousands(int) : int;
  return sign + (frac === undefined ? digits : `${digits},${frac}`);
}

function groupThousands(digits: string): string {
  const head = digits.length % 3;
  const groups = head > 0 ? [digits.slice(0, head)] : [];
  for (let i = head; i < digits.length; i += 3) groups.push(digits.slice(i, i + 3));
  return groups.join('.');
}

/** Integer euro cents → "1.234,50 €" (no-break space before the sign). */
export function formatEuro(cents: number): string | undefined {
  if (!Number.isSafeInteger(cents)) return undefined;
  const abs = Math.abs(cents);
  const euros = groupThousands(String(Math.floor(abs / 100)));
  const rest = String(abs % 100).padStart(2, '0');
  return `${cents < 0 ? '-' : ''}${euros},${rest}${NBSP}€`;
}

/** YYYY-MM-DD → TT.MM.JJJJ; anything but a real calendar date gives undefined. */
export function formatDatum(iso: string): string | undefined {
  try {
    isoDateToDayNumber(iso);
  } catch {
    return undefined;
  }
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

/** A value counts as absent when undefined, null or only whitespace (as in the rule language). */
export function isAbsent(v: Scalar | undefined): v is undefined {
  return v === undefined || (typeof v === 'string' && !/\S/.test(v));
}

/**
 * One formatter step. An absent value stays absent until `default` supplies one; a value of the
 * wrong type (text where cents are expected) becomes absent, so it is reported as unresolved
 * rather than printed wrongly.
 */
export function applyFormatter(call: FormatterCall, v: Scalar | undefined): Scalar | undefined {
  if (call.name === 'default') return isAbsent(v) ? call.arg : v;
  if (isAbsent(v)) return undefined;
  switch (call.name) {
    case 'euro':
      return typeof v === 'number' ? formatEuro(v) : undefined;
    case 'datum':
      return typeof v === 'string' ? formatDatum(v) : undefined;
    case 'zahl':
      return typeof v === 'number' ? formatNumberDe(v, true) : undefined;
    case 'upper':
      return typeof v === 'string' ? v.toLocaleUpperCase('de-DE') : undefined;
  }
}

/** How a value prints without (further) formatting: numbers German, yes/no as "ja"/"nein". */
export function scalarText(v: Scalar | undefined): string | undefined {
  if (isAbsent(v)) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumberDe(v, false);
  return v ? 'ja' : 'nein';
}
