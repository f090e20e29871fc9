import type { IsoDate } from './ids.ts';

const berlinDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The calendar day in Germany at an instant. Fristen, Wiedervorlagen and absences are German
 * calendar days, whatever the time zone of the device or server.
 */
export function berlinDate(instant: string | Date): IsoDate {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(d.getTime())) throw new RangeError(`not an instant: ${String(instant)}`);
  // en-CA formats as YYYY-MM-DD.
  return berlinDay.format(d);
}
