import { dayNumberToIsoDate, isoDateToDayNumber } from '../fristen.ts';

/** Types of the rule language. Dates exist only inside rules; the Antragsdaten hold them as text. */
export type ValueType = 'number' | 'text' | 'boolean' | 'date';

/** A calendar date as its day number (days since 1970-01-01), so comparing and subtracting is exact. */
export class RuleDate {
  readonly day: number;
  /** YYYY-MM-DD and year/month/day, computed on first use: dates from the cache below are reused. */
  iso: string | undefined;
  parts: { year: number; month: number; day: number } | undefined;
  constructor(day: number, iso?: string) {
    this.day = day;
    this.iso = iso;
  }
}

/** A value while a rule runs: plain primitives, dates as RuleDate. */
export type RuleValue = number | string | boolean | RuleDate;

export function typeOf(v: RuleValue): ValueType {
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'text';
  if (typeof v === 'boolean') return 'boolean';
  return 'date';
}

/** Years 0000–9999, the range dayNumberToIsoDate can write. */
export const MIN_DAY = -719528;
export const MAX_DAY = 2932896;

/*
 * Date fields are read as text on every evaluation, and the same few thousand dates recur
 * across Vorgänge: a bounded cache of parsed dates saves most of the parsing.
 */
const parsedDates = new Map<string, RuleDate | null>();
const MAX_CACHED_DATES = 10_000;

/** The date of a YYYY-MM-DD text, or undefined for anything else (including 2026-02-30). */
export function parseIsoDate(text: string): RuleDate | undefined {
  if (text.length !== 10) return undefined;
  const cached = parsedDates.get(text);
  if (cached !== undefined) return cached ?? undefined;
  let parsed: RuleDate | null;
  try {
    parsed = new RuleDate(isoDateToDayNumber(text), text);
  } catch {
    parsed = null;
  }
  if (parsedDates.size >= MAX_CACHED_DATES) parsedDates.clear();
  parsedDates.set(text, parsed);
  return parsed ?? undefined;
}

export function isoOf(d: RuleDate): string {
  d.iso ??= dayNumberToIsoDate(d.day);
  return d.iso;
}

/** Year, month (1–12) and day of a day number. */
export function civil(d: RuleDate): { year: number; month: number; day: number } {
  if (d.parts === undefined) {
    const iso = isoOf(d);
    d.parts = { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) };
  }
  return d.parts;
}

export function dateFromCivil(year: number, month: number, day: number): RuleDate | undefined {
  if (year < 0 || year > 9999) return undefined;
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return parseIsoDate(iso);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Plain, JSON-safe form of a value for explanations: dates as YYYY-MM-DD. */
export function plain(v: RuleValue): number | string | boolean {
  return v instanceof RuleDate ? isoOf(v) : v;
}
