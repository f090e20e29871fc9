import type { IsoDate } from '../../../../shared/domain/index.ts';

/** The calendar day after `day` (YYYY-MM-DD). */
export function nextDay(day: IsoDate): IsoDate {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + 1)).toISOString().slice(0, 10);
}
