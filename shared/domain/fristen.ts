import { HOLIDAY_YEARS, holidaySet, type Land } from './feiertage.ts';
import type { IsoDate } from './ids.ts';
import type { Wiedervorlage } from './vorgang.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/*
 * Day numbers count days since 1970-01-01. Calendar dates carry no time zone, so integer
 * day arithmetic is exact; the conversions are H. Hinnant's civil-calendar algorithms,
 * several times faster than a Date round trip (the demo generator converts millions).
 */

/** Days since 1970-01-01 of a calendar date; throws RangeError for anything but a real YYYY-MM-DD date. */
export function isoDateToDayNumber(date: IsoDate): number {
  const m = ISO_DATE.exec(date);
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  const day = Number(m?.[3]);
  if (!m || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`not a calendar date (YYYY-MM-DD): "${date}"`);
  }
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The calendar date of a day number (days since 1970-01-01), for years 0000–9999. */
export function dayNumberToIsoDate(dayNumber: number): IsoDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** 1970-01-01 was a Thursday: day 0 → weekday 4 (0 = Sunday … 6 = Saturday). */
function isWeekend(day: number): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7;
  return weekday === 0 || weekday === 6;
}

/**
 * The date `n` working days after `date` (Monday–Friday, minus the given holidays). The start
 * day itself never counts, so a Friday plus one working day is the Monday, and an Antrag
 * received on a Saturday plus one working day is also the Monday. `n = 0` returns `date`.
 *
 * Public holidays differ per Land and year; the caller supplies them.
 */
export function addWorkingDays(date: IsoDate, n: number, holidays?: ReadonlySet<IsoDate>): IsoDate {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`working days must be a non-negative integer: ${n}`);
  let day = isoDateToDayNumber(date);
  const checkHolidays = holidays !== undefined && holidays.size > 0;
  let remaining = n;
  while (remaining > 0) {
    day += 1;
    if (isWeekend(day)) continue;
    if (checkHolidays && holidays.has(dayNumberToIsoDate(day))) continue;
    remaining -= 1;
  }
  return dayNumberToIsoDate(day);
}

/*
 * Every year has at least 260 weekdays and fewer than 20 weekday holidays in any Land, so n
 * working days end at most floor(n / 200) + 1 years after the receipt year: holidays for that
 * span suffice.
 */
const MIN_WORKING_DAYS_PER_YEAR = 200;

/**
 * The processing Frist: `arbeitstage` working days after receipt in the given Land. The
 * receipt day never counts, and the Frist always falls on a working day of that Land.
 */
export function computeFrist(input: { received: IsoDate; arbeitstage: number; land: Land }): IsoDate {
  const { received, arbeitstage, land } = input;
  if (!Number.isSafeInteger(arbeitstage) || arbeitstage < 1) {
    throw new RangeError(`Arbeitstage must be a positive integer: ${arbeitstage}`);
  }
  isoDateToDayNumber(received); // throws on a malformed date before its year is read
  const fromYear = Number(received.slice(0, 4));
  const toYear = Math.min(fromYear + Math.floor(arbeitstage / MIN_WORKING_DAYS_PER_YEAR) + 1, HOLIDAY_YEARS.to);
  const frist = addWorkingDays(received, arbeitstage, holidaySet(land, fromYear, toYear));
  if (Number(frist.slice(0, 4)) > toYear) {
    throw new RangeError(`Frist falls after ${HOLIDAY_YEARS.to}, beyond the known holidays`);
  }
  return frist;
}

/** Calendar days from `today` to the Frist: 0 on the day itself, negative once it has passed. */
export function daysUntil(frist: IsoDate, today: IsoDate): number {
  return isoDateToDayNumber(frist) - isoDateToDayNumber(today);
}

/** A Frist is overdue from the day after it; on the Frist day itself there is still time. */
export function isOverdue(frist: IsoDate, today: IsoDate): boolean {
  return daysUntil(frist, today) < 0;
}

/**
 * A Wiedervorlage takes the Vorgang out of the inbox until its date. From that date on it is
 * due: the Vorgang is back in the inbox, flagged, until the clerk clears the Wiedervorlage.
 */
export function isWiedervorlageDue(wiedervorlage: Pick<Wiedervorlage, 'date'> | null, today: IsoDate): boolean {
  return wiedervorlage !== null && isoDateToDayNumber(wiedervorlage.date) <= isoDateToDayNumber(today);
}
