import type { Vorgang } from './vorgang.ts';

/** Why a Vorgang is out of the work lists today. */
export type ParkedReason = 'wiedervorlage' | 'nachforderung';

// Dates are ISO days, '' for none: they compare as strings and '' sorts before every date, so
// the inbox can run these over every row.

/** A Wiedervorlage parks until its date; from that day on it is due and the Vorgang is back. */
export function parkedByWiedervorlage(wiedervorlageDate: string, today: string): boolean {
  return wiedervorlageDate > today;
}

/** A Nachforderung parks through its whole Frist day (the applicant has all of it). */
export function parkedByNachforderung(nachforderungFrist: string, today: string): boolean {
  return nachforderungFrist >= today;
}

/** Why the Vorgang is out of the work lists today (the Wiedervorlage named first), null when it is not. */
export function parkedReason(
  wiedervorlageDate: string,
  nachforderungFrist: string,
  today: string,
): ParkedReason | null {
  if (parkedByWiedervorlage(wiedervorlageDate, today)) return 'wiedervorlage';
  if (parkedByNachforderung(nachforderungFrist, today)) return 'nachforderung';
  return null;
}

/**
 * The Frist of the Nachforderung that can park the Vorgang, '' for none: only while it waits.
 * Rows stored before the Nachforderung existed lack the field, hence the optional chain.
 */
export function parkingNachforderungFrist(v: Pick<Vorgang, 'status' | 'nachforderung'>): string {
  return v.status === 'wartet' ? (v.nachforderung?.frist ?? '') : '';
}

export function parkedReasonOf(
  v: Pick<Vorgang, 'status' | 'wiedervorlage' | 'nachforderung'>,
  today: string,
): ParkedReason | null {
  return parkedReason(v.wiedervorlage?.date ?? '', parkingNachforderungFrist(v), today);
}
