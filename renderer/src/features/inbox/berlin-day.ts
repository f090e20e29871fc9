import { berlinDate, type IsoDate } from '../../../../shared/domain/index.ts';

/** Instants as the app writes them (Date#toISOString): the hour prefix decides the Berlin day. */
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z$/;
const dayOfHour = new Map<string, IsoDate>();

/**
 * The Berlin calendar day of an instant (berlinDate), fast enough for a pass over every row:
 * Germany's offsets from UTC are whole hours, so the day depends only on the UTC date and hour,
 * and one Intl call per distinct hour serves every instant in it. Instants with another offset
 * take the plain berlinDate.
 */
export function berlinDayOf(instant: string): IsoDate {
  if (!UTC_INSTANT.test(instant)) return berlinDate(instant);
  const hour = instant.slice(0, 13);
  let day = dayOfHour.get(hour);
  if (day === undefined) {
    day = berlinDate(`${hour}:00:00Z`);
    dayOfHour.set(hour, day);
  }
  return day;
}
