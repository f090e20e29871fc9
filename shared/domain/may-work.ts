import { isAbsenceActive, type Absence } from './absence.ts';
import type { IsoDate } from './ids.ts';
import { hasRole, type User } from './user.ts';
import type { Vorgang } from './vorgang.ts';

/** Why a user may not work on a Vorgang. */
export type WorkBlocker = 'other_unit' | 'unassigned' | 'not_assignee';

type Actor = Pick<User, 'id' | 'roles' | 'orgUnitId'>;
type Assignment = Pick<Vorgang, 'assigneeId' | 'orgUnitId'>;

/** Whether `actorId` stands in, on `day`, for the Vorgang's absent assignee (per `assigneeAbsences`). */
export function isDeputyFor(
  actorId: string,
  v: Assignment,
  assigneeAbsences: readonly Absence[],
  day: IsoDate,
): boolean {
  if (v.assigneeId === null || v.assigneeId === actorId) return false;
  return assigneeAbsences.some(
    (a) =>
      a.userId === v.assigneeId && a.deputyId === actorId && a.orgUnitId === v.orgUnitId && isAbsenceActive(a, day),
  );
}

/**
 * Working on a Vorgang (status, Prüfliste, Wiedervorlage, documents, Bescheid) needs the
 * assignee, the org unit's lead, or the assignee's deputy during an absence. Returns why not,
 * null when allowed. `assigneeAbsences` are the absences of the Vorgang's assignee; `day` is
 * the German calendar day the work happens on.
 */
export function workBlocker(
  actor: Actor,
  v: Assignment,
  assigneeAbsences: readonly Absence[],
  day: IsoDate,
): WorkBlocker | null {
  if (v.assigneeId === actor.id) return null;
  if (actor.orgUnitId !== v.orgUnitId) return 'other_unit';
  if (hasRole(actor, 'lead')) return null;
  if (v.assigneeId === null) return 'unassigned';
  return isDeputyFor(actor.id, v, assigneeAbsences, day) ? null : 'not_assignee';
}
