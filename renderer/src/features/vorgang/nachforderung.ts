import { isoDate, type IsoDate } from '../../../../shared/domain/index.ts';
import type { InputCheck } from './pruefliste-view.ts';

/** The calendar day after `day` (YYYY-MM-DD). */
export function nextDay(day: IsoDate): IsoDate {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + 1)).toISOString().slice(0, 10);
}

/**
 * A Nachforderung from the form, checked as requestNachforderung will: a Frist after today
 * (Berlin) and a description of what is missing.
 */
export function nachforderungInput(
  frist: string,
  text: string,
  today: IsoDate,
): InputCheck<{ frist: IsoDate; text: string }, 'frist_invalid' | 'text_required'> {
  if (!isoDate.safeParse(frist).success || frist <= today) return { ok: false, error: 'frist_invalid' };
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'text_required' };
  return { ok: true, value: { frist, text: trimmed } };
}
