import {
  MAX_DAY,
  MIN_DAY,
  RuleDate,
  civil,
  dateFromCivil,
  daysInMonth,
  type RuleValue,
  type ValueType,
} from './values.ts';

/**
 * Parameter types. `date` also accepts a text of the form YYYY-MM-DD — that is how date fields
 * arrive from the Antragsdaten — and any other text is a type error; `integer` is a number that
 * must be whole.
 */
export type ParamType = 'number' | 'integer' | 'text' | 'date';

/** What the function sees: its arguments converted to their parameter types, and the caller's today. */
export type Args = readonly RuleValue[];

export interface FunctionDef {
  readonly params: readonly ParamType[];
  readonly result: ValueType;
  /** Money in, money out (min, max, abs) or money always (euro): only affects how values are shown. */
  readonly money: 'never' | 'args' | 'always';
  /** Depends on the caller's today, so calls are never folded into constants. */
  readonly readsToday?: true;
  /** Returns undefined when the result is out of range (a date beyond 9999, an infinite number). */
  readonly run: (args: Args, today: RuleDate) => RuleValue | undefined;
}

const num = (v: RuleValue | undefined) => v as number;
const str = (v: RuleValue | undefined) => v as string;
const day = (v: RuleValue | undefined) => (v as RuleDate).day;

function dateOrUndefined(d: number): RuleDate | undefined {
  return d >= MIN_DAY && d <= MAX_DAY ? new RuleDate(d) : undefined;
}

/** Whole years from a to b, counted like an age: the year is full on the anniversary. */
function yearsBetween(a: RuleDate, b: RuleDate): number {
  if (b.day < a.day) return -yearsBetween(b, a);
  const from = civil(a);
  const to = civil(b);
  const beforeAnniversary = to.month < from.month || (to.month === from.month && to.day < from.day);
  return to.year - from.year - (beforeAnniversary ? 1 : 0);
}

/** Same day n months later; a day the target month lacks becomes its last day (01-31 + 1 → 02-28). */
function addMonths(d: RuleDate, n: number): RuleDate | undefined {
  const { year, month, day } = civil(d);
  const index = year * 12 + (month - 1) + n;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  if (y < 0 || y > 9999) return undefined;
  return dateFromCivil(y, m, Math.min(day, daysInMonth(y, m)));
}

/** ISO 13616 check: country code, two check digits, up to 30 letters or digits, mod 97 = 1. */
function ibanValid(raw: string): boolean {
  const iban = raw.replace(/ /g, '').toUpperCase();
  if (iban.length < 15 || iban.length > 34 || !/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return false;
  if (iban.startsWith('DE') && iban.length !== 22) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const c = rearranged.charCodeAt(i);
    const value = c <= 57 ? c - 48 : c - 55;
    rest = (value < 10 ? rest * 10 + value : rest * 100 + value) % 97;
  }
  return rest === 1;
}

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

const finite = (n: number) => (Number.isFinite(n) ? n : undefined);

/** The functions of the language. A Map, so no name can reach Object.prototype. */
export const RULE_FUNCTIONS: ReadonlyMap<string, FunctionDef> = new Map<string, FunctionDef>([
  ['date', { params: ['date'], result: 'date', money: 'never', run: (a) => a[0] }],
  ['days_between', { params: ['date', 'date'], result: 'number', money: 'never', run: (a) => day(a[1]) - day(a[0]) }],
  [
    'add_days',
    { params: ['date', 'integer'], result: 'date', money: 'never', run: (a) => dateOrUndefined(day(a[0]) + num(a[1])) },
  ],
  [
    'add_months',
    {
      params: ['date', 'integer'],
      result: 'date',
      money: 'never',
      run: (a) => addMonths(a[0] as RuleDate, num(a[1])),
    },
  ],
  [
    'years_between',
    {
      params: ['date', 'date'],
      result: 'number',
      money: 'never',
      run: (a) => yearsBetween(a[0] as RuleDate, a[1] as RuleDate),
    },
  ],
  [
    'age_years',
    {
      params: ['date'],
      result: 'number',
      money: 'never',
      readsToday: true,
      run: (a, today) => yearsBetween(a[0] as RuleDate, today),
    },
  ],
  ['year', { params: ['date'], result: 'number', money: 'never', run: (a) => civil(a[0] as RuleDate).year }],
  [
    'min',
    { params: ['number', 'number'], result: 'number', money: 'args', run: (a) => Math.min(num(a[0]), num(a[1])) },
  ],
  [
    'max',
    { params: ['number', 'number'], result: 'number', money: 'args', run: (a) => Math.max(num(a[0]), num(a[1])) },
  ],
  ['abs', { params: ['number'], result: 'number', money: 'args', run: (a) => Math.abs(num(a[0])) }],
  // Money is stored in cents; euro(200) lets a rule say 200 € instead of 20000.
  ['euro', { params: ['number'], result: 'number', money: 'always', run: (a) => finite(Math.round(num(a[0]) * 100)) }],
  ['length', { params: ['text'], result: 'number', money: 'never', run: (a) => codePoints(str(a[0])) }],
  ['lower', { params: ['text'], result: 'text', money: 'never', run: (a) => str(a[0]).toLowerCase() }],
  ['trim', { params: ['text'], result: 'text', money: 'never', run: (a) => str(a[0]).trim() }],
  [
    'starts_with',
    { params: ['text', 'text'], result: 'boolean', money: 'never', run: (a) => str(a[0]).startsWith(str(a[1])) },
  ],
  [
    'ends_with',
    { params: ['text', 'text'], result: 'boolean', money: 'never', run: (a) => str(a[0]).endsWith(str(a[1])) },
  ],
  [
    'contains',
    { params: ['text', 'text'], result: 'boolean', money: 'never', run: (a) => str(a[0]).includes(str(a[1])) },
  ],
  ['iban_valid', { params: ['text'], result: 'boolean', money: 'never', run: (a) => ibanValid(str(a[0])) }],
]);

/** present(field) and missing(field) take a field name, not a value, so they are syntax, not functions. */
export const PRESENCE_CHECKS: ReadonlySet<string> = new Set(['present', 'missing']);
