import { z } from 'zod';
import type { IsoDate } from './ids.ts';

/** The 16 Länder by their official two-letter codes. */
export const LAENDER = [
  'BW',
  'BY',
  'BE',
  'BB',
  'HB',
  'HH',
  'HE',
  'MV',
  'NI',
  'NW',
  'RP',
  'SL',
  'SN',
  'ST',
  'SH',
  'TH',
] as const;
export const land = z.enum(LAENDER);
export type Land = z.infer<typeof land>;

export interface PublicHoliday {
  date: IsoDate;
  name: { de: string; en: string };
}

/** Years the holiday rules are defined for; outside, `publicHolidays` and `holidaySet` throw RangeError. */
export const HOLIDAY_YEARS = { from: 1900, to: 2199 } as const;

interface Rule {
  name: PublicHoliday['name'];
  /** Month (1–12) and day of month; a day beyond the month's end rolls over (Easter offsets). */
  date: (year: number, easter: { month: number; day: number }) => { month: number; day: number };
  applies: (land: Land, year: number) => boolean;
}

const fixed = (month: number, day: number) => () => ({ month, day });
const easterPlus = (days: number) => (_year: number, e: { month: number; day: number }) => ({
  month: e.month,
  day: e.day + days,
});
const everywhere =
  (fromYear: number = HOLIDAY_YEARS.from) =>
  (_land: Land, year: number) =>
    year >= fromYear;
const inLaender =
  (laender: readonly Land[], fromYear: number = HOLIDAY_YEARS.from) =>
  (l: Land, year: number) =>
    year >= fromYear && laender.includes(l);

/*
 * Only holidays that hold in the whole Land count. Holidays of single Gemeinden (Mariä
 * Himmelfahrt in Bavaria's Catholic Gemeinden, Fronleichnam in parts of Saxony and Thuringia,
 * the Augsburger Friedensfest) are left out: a Frist is computed per Land, and leaving them
 * out errs towards the earlier Frist. Sunday-only holidays (Ostersonntag, Pfingstsonntag)
 * are left out because they never move a Frist.
 */
const RULES: readonly Rule[] = [
  { name: { de: 'Neujahr', en: "New Year's Day" }, date: fixed(1, 1), applies: everywhere() },
  {
    name: { de: 'Heilige Drei Könige', en: 'Epiphany' },
    date: fixed(1, 6),
    applies: inLaender(['BW', 'BY', 'ST']),
  },
  {
    name: { de: 'Internationaler Frauentag', en: "International Women's Day" },
    date: fixed(3, 8),
    applies: (l, year) => (l === 'BE' && year >= 2019) || (l === 'MV' && year >= 2023),
  },
  { name: { de: 'Karfreitag', en: 'Good Friday' }, date: easterPlus(-2), applies: everywhere() },
  { name: { de: 'Ostermontag', en: 'Easter Monday' }, date: easterPlus(1), applies: everywhere() },
  { name: { de: 'Tag der Arbeit', en: 'Labour Day' }, date: fixed(5, 1), applies: everywhere() },
  {
    name: { de: 'Tag der Befreiung', en: 'Liberation Day' },
    date: fixed(5, 8),
    applies: (l, year) => l === 'BE' && (year === 2020 || year === 2025),
  },
  { name: { de: 'Christi Himmelfahrt', en: 'Ascension Day' }, date: easterPlus(39), applies: everywhere() },
  { name: { de: 'Pfingstmontag', en: 'Whit Monday' }, date: easterPlus(50), applies: everywhere() },
  {
    name: { de: 'Fronleichnam', en: 'Corpus Christi' },
    date: easterPlus(60),
    applies: inLaender(['BW', 'BY', 'HE', 'NW', 'RP', 'SL']),
  },
  { name: { de: 'Mariä Himmelfahrt', en: 'Assumption Day' }, date: fixed(8, 15), applies: inLaender(['SL']) },
  {
    name: { de: 'Weltkindertag', en: "World Children's Day" },
    date: fixed(9, 20),
    applies: inLaender(['TH'], 2019),
  },
  { name: { de: 'Tag der Deutschen Einheit', en: 'German Unity Day' }, date: fixed(10, 3), applies: everywhere(1990) },
  {
    name: { de: 'Reformationstag', en: 'Reformation Day' },
    date: fixed(10, 31),
    // 2017 (500 years of the Reformation) it was a one-off holiday in every Land.
    applies: (l, year) =>
      year === 2017 ||
      inLaender(['BB', 'MV', 'SN', 'ST', 'TH'])(l, year) ||
      inLaender(['HB', 'HH', 'NI', 'SH'], 2018)(l, year),
  },
  {
    name: { de: 'Allerheiligen', en: "All Saints' Day" },
    date: fixed(11, 1),
    applies: inLaender(['BW', 'BY', 'NW', 'RP', 'SL']),
  },
  {
    name: { de: 'Buß- und Bettag', en: 'Day of Repentance and Prayer' },
    date: (year) => ({ month: 11, day: bussUndBettag(year) }),
    applies: inLaender(['SN']),
  },
  { name: { de: '1. Weihnachtstag', en: 'Christmas Day' }, date: fixed(12, 25), applies: everywhere() },
  { name: { de: '2. Weihnachtstag', en: 'Second Day of Christmas' }, date: fixed(12, 26), applies: everywhere() },
];

const LAND_CODES: ReadonlySet<string> = new Set(LAENDER);

function checkArgs(l: Land, year: number): void {
  if (!LAND_CODES.has(l)) throw new RangeError(`unknown Land: "${l}"`);
  if (!Number.isInteger(year) || year < HOLIDAY_YEARS.from || year > HOLIDAY_YEARS.to) {
    throw new RangeError(`holidays are defined for ${HOLIDAY_YEARS.from}–${HOLIDAY_YEARS.to}, not ${year}`);
  }
}

/** Easter Sunday in the Gregorian calendar (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const { month, day } = easter(year);
  return toIso(year, month, day);
}

function easter(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return { month: Math.floor(n / 31), day: (n % 31) + 1 };
}

/** Buß- und Bettag is the Wednesday before 23 November, i.e. the Wednesday between 16 and 22 November. */
function bussUndBettag(year: number): number {
  const weekdayOf22nd = new Date(Date.UTC(year, 10, 22)).getUTCDay();
  return 22 - ((weekdayOf22nd - 3 + 7) % 7);
}

/** Date.UTC rolls day overflow into the next month, which the Easter offsets rely on. */
function toIso(year: number, month: number, day: number): IsoDate {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

/** The statewide public holidays of a Land in a year, by date (two may share a date, e.g. 1 May and Ascension). */
export function publicHolidays(l: Land, year: number): PublicHoliday[] {
  checkArgs(l, year);
  const e = easter(year);
  return RULES.filter((r) => r.applies(l, year))
    .map((r) => {
      const { month, day } = r.date(year, e);
      return { date: toIso(year, month, day), name: { ...r.name } };
    })
    .sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

const setCache = new Map<string, ReadonlySet<IsoDate>>();

function yearSet(l: Land, year: number): ReadonlySet<IsoDate> {
  const key = `${l}${year}`;
  let set = setCache.get(key);
  if (!set) {
    set = new Set(publicHolidays(l, year).map((h) => h.date));
    setCache.set(key, set);
  }
  return set;
}

/**
 * The holiday dates of a Land for the years fromYear…toYear, for `addWorkingDays`. Each
 * Land and year is computed once; a single year returns the cached set itself.
 */
export function holidaySet(l: Land, fromYear: number, toYear: number = fromYear): ReadonlySet<IsoDate> {
  checkArgs(l, fromYear);
  checkArgs(l, toYear);
  if (fromYear > toYear) throw new RangeError(`fromYear ${fromYear} is after toYear ${toYear}`);
  if (fromYear === toYear) return yearSet(l, fromYear);
  const union = new Set<IsoDate>();
  for (let year = fromYear; year <= toYear; year++) for (const d of yearSet(l, year)) union.add(d);
  return union;
}
