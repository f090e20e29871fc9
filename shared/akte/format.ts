import { formatDatum, formatEuro, formatNumberDe } from '../bescheid/template/formatters.ts';
import { berlinDate } from '../domain/clock.ts';
import type { FieldDef } from '../domain/verfahren.ts';

/** Printed for a field the applicant left empty (as the client's Antragsdaten view shows it). */
export const EMPTY_VALUE = '—';

const berlinClock = new Intl.DateTimeFormat('de-DE', {
  timeZone: 'Europe/Berlin',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as German wall time: Datum TT.MM.JJJJ and Uhrzeit HH:MM (Europe/Berlin, whatever the host's zone). */
export function berlinDateTime(instant: string): { datum: string; uhrzeit: string } {
  const day = berlinDate(instant);
  return { datum: formatDatum(day) ?? day, uhrzeit: berlinClock.format(new Date(instant)) };
}

/** A calendar date (YYYY-MM-DD) or an instant as the German calendar day, TT.MM.JJJJ. */
export function germanDay(dateOrInstant: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(dateOrInstant) ? dateOrInstant : berlinDate(dateOrInstant);
  return formatDatum(day) ?? day;
}

export type FieldValue = string | number | boolean | null | undefined;

function asNumber(v: string | number): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  const n = Number(v.trim());
  return v.trim() !== '' && Number.isFinite(n) ? n : undefined;
}

/**
 * An Antragsdaten value as German text, by the field's declared type, with the client's
 * Antragsdaten view's rules: money is integer euro cents ("649,99 €"), dates TT.MM.JJJJ,
 * booleans Ja/Nein, a select's value its option's German label. A value that does not fit
 * its type is printed as it is, so nothing the applicant sent is hidden or reinterpreted.
 */
export function formatFieldValue(field: Pick<FieldDef, 'type' | 'unit' | 'options'>, value: FieldValue): string {
  if (value === null || value === undefined || value === '') return EMPTY_VALUE;
  switch (field.type) {
    case 'boolean':
      break;
    case 'money': {
      const cents = typeof value === 'boolean' ? undefined : asNumber(value);
      const euro = cents === undefined ? undefined : formatEuro(cents);
      if (euro !== undefined) return euro;
      break;
    }
    case 'number': {
      const n = typeof value === 'boolean' ? undefined : asNumber(value);
      const shown = n === undefined ? undefined : formatNumberDe(n, true);
      if (shown !== undefined) return field.unit ? `${shown}\u00a0${field.unit}` : shown;
      break;
    }
    case 'date':
      if (typeof value === 'string') return formatDatum(value) ?? value;
      break;
    case 'select': {
      const option = field.options?.find((o) => o.value === String(value));
      if (option) return option.label.de;
      break;
    }
    default:
      break;
  }
  if (typeof value === 'boolean') return value ? 'Ja' : 'Nein';
  return String(value);
}
