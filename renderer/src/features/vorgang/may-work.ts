import {
  hasRole,
  isAbsenceActive,
  type Absence,
  type IsoDate,
  type User,
  type Vorgang,
} from '../../../../shared/domain/index.ts';

/**
 * The client's view of assertMayWork (shared/mutators/guards.ts): the assignee, the org unit's
 * lead, or the assignee's deputy during an absence. `assigneeAbsences` are the absences of the
 * Vorgang's assignee. Guidance only; the server decides.
 */
export function mayWorkOn(
  user: User,
  v: Pick<Vorgang, 'assigneeId' | 'orgUnitId'>,
  assigneeAbsences: readonly Absence[],
  today: IsoDate,
): boolean {
  if (v.assigneeId === user.id) return true;
  if (hasRole(user, 'lead') && user.orgUnitId === v.orgUnitId) return true;
  if (v.assigneeId === null) return false;
  return assigneeAbsences.some(
    (a) =>
      a.userId === v.assigneeId && a.deputyId === user.id && a.orgUnitId === v.orgUnitId && isAbsenceActive(a, today),
  );
}
