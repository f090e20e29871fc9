import { isoDate, type IsoDate } from './ids.ts';

/** Upper bound of a Nachforderung's text (what is missing), in characters. */
export const NACHFORDERUNG_TEXT_MAX = 2000;

export type NachforderungProblem = 'frist_invalid' | 'text_required';

export type NachforderungCheck =
  { ok: true; value: { frist: IsoDate; text: string } } | { ok: false; error: NachforderungProblem };

/**
 * A Nachforderung as asked for: a Frist after `today` (the German calendar day; the applicant
 * needs at least one day) and a description of what is missing. The form checks with it
 * before sending, requestNachforderung refuses with it.
 */
export function nachforderungInput(frist: string, text: string, today: IsoDate): NachforderungCheck {
  if (!isoDate.safeParse(frist).success || frist <= today) return { ok: false, error: 'frist_invalid' };
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'text_required' };
  return { ok: true, value: { frist, text: trimmed } };
}
