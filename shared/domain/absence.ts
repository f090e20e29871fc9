import { z } from 'zod';
import { isoDate, isoDateTime, type IsoDate } from './ids.ts';

/**
 * An absence of a user (leave, illness) naming a deputy of the same org unit, entered by the
 * user or the lead. While it lasts, the deputy sees and may work the absent user's Vorgänge.
 * Absences are never deleted: cancelling keeps the record.
 */
export const absence = z.object({
  id: z.uuid(),
  userId: z.string().min(1).max(64),
  deputyId: z.string().min(1).max(64),
  orgUnitId: z.string().min(1).max(64),
  /** First and last day of the absence, both inclusive. */
  from: isoDate,
  to: isoDate,
  createdBy: z.string().min(1).max(64),
  createdAt: isoDateTime,
  cancelled: z.boolean(),
});
export type Absence = z.infer<typeof absence>;

export function isAbsenceActive(a: Absence, day: IsoDate): boolean {
  return !a.cancelled && a.from <= day && day <= a.to;
}

/** Users whose active absence on `day` names `deputyId` as deputy. */
export function absentColleaguesOf(absences: Iterable<Absence>, deputyId: string, day: IsoDate): string[] {
  const ids = new Set<string>();
  for (const a of absences) if (a.deputyId === deputyId && isAbsenceActive(a, day)) ids.add(a.userId);
  return [...ids];
}
