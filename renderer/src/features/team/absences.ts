import {
  hasRole,
  isAbsenceActive,
  isoDate,
  type Absence,
  type IsoDate,
  type User,
} from '../../../../shared/domain/index.ts';

export type AbsenceState = 'current' | 'upcoming' | 'cancelled';

export function absenceState(a: Absence, today: IsoDate): AbsenceState {
  if (a.cancelled) return 'cancelled';
  return isAbsenceActive(a, today) ? 'current' : 'upcoming';
}

/**
 * The org unit's absences that have not ended (also cancelled ones, shown greyed), by first
 * day, then by person. Past absences are history and stay out of the list.
 */
export function listedAbsences(all: Iterable<Absence>, orgUnitId: string, today: IsoDate): Absence[] {
  const out: Absence[] = [];
  for (const a of all) if (a.orgUnitId === orgUnitId && a.to >= today) out.push(a);
  return out.sort((a, b) => (a.from !== b.from ? (a.from < b.from ? -1 : 1) : a.userId < b.userId ? -1 : 1));
}

/**
 * Who may enter or cancel an absence: the person, or the lead of the org unit. Guidance for the
 * UI only; the setAbsence and cancelAbsence mutators decide (and the server re-checks).
 */
export function mayManageAbsence(actor: User, absentUser: Pick<User, 'id' | 'orgUnitId'>): boolean {
  return actor.id === absentUser.id || (hasRole(actor, 'lead') && actor.orgUnitId === absentUser.orgUnitId);
}

/** Members of the org unit who work cases (possible absentees, deputies and assignees), by name. */
export function colleaguesOf(users: Iterable<User>, orgUnitId: string): User[] {
  const out: User[] = [];
  for (const u of users) if (u.orgUnitId === orgUnitId && (hasRole(u, 'clerk') || hasRole(u, 'lead'))) out.push(u);
  return out.sort((a, b) => a.displayName.localeCompare(b.displayName, 'de'));
}

export interface AbsenceDraft {
  userId: string;
  deputyId: string;
  from: string;
  to: string;
}

export type AbsenceFieldError =
  'fromRequired' | 'toRequired' | 'toBeforeFrom' | 'inPast' | 'deputyRequired' | 'deputySelf';

export interface AbsenceErrors {
  from?: AbsenceFieldError;
  to?: AbsenceFieldError;
  deputyId?: AbsenceFieldError;
}

/** Field errors of the absence form ({} when it may be submitted). */
export function validateAbsence(d: AbsenceDraft, today: IsoDate): AbsenceErrors {
  const errors: AbsenceErrors = {};
  const fromOk = isoDate.safeParse(d.from).success;
  const toOk = isoDate.safeParse(d.to).success;
  if (!fromOk) errors.from = 'fromRequired';
  if (!toOk) errors.to = 'toRequired';
  else if (fromOk && d.to < d.from) errors.to = 'toBeforeFrom';
  else if (d.to < today) errors.to = 'inPast';
  if (d.deputyId === '') errors.deputyId = 'deputyRequired';
  else if (d.deputyId === d.userId) errors.deputyId = 'deputySelf';
  return errors;
}

export function hasErrors(e: AbsenceErrors): boolean {
  return e.from !== undefined || e.to !== undefined || e.deputyId !== undefined;
}
