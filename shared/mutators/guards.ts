import { DomainError, berlinDate, hasRole, isAbsenceActive, type User, type Vorgang } from '../domain/index.ts';
import type { MutatorTx } from './types.ts';

/** Loads a Vorgang the actor may see (same org unit); unknown and foreign look the same. */
export async function loadVisible(tx: MutatorTx, actor: User, id: string): Promise<Vorgang> {
  const v = await tx.get('vorgang', id);
  if (!v || v.orgUnitId !== actor.orgUnitId) throw new DomainError('not_found', `Vorgang ${id} not found`);
  return v;
}

export function isLeadOf(actor: User, v: Vorgang): boolean {
  return hasRole(actor, 'lead') && actor.orgUnitId === v.orgUnitId;
}

/** Whether the actor deputizes, on the day of `now`, for the Vorgang's absent assignee. */
export async function isDeputyFor(tx: MutatorTx, actor: User, v: Vorgang, now: string): Promise<boolean> {
  if (v.assigneeId === null || v.assigneeId === actor.id) return false;
  const day = berlinDate(now);
  const absences = await tx.absencesOf(v.assigneeId);
  return absences.some((a) => a.deputyId === actor.id && a.orgUnitId === v.orgUnitId && isAbsenceActive(a, day));
}

/**
 * Working on a Vorgang (status, Prüfliste, Wiedervorlage, documents) needs the assignee, the
 * org unit's lead, or the assignee's deputy during an absence.
 */
export async function assertMayWork(tx: MutatorTx, actor: User, v: Vorgang, now: string): Promise<void> {
  if (v.assigneeId === actor.id || isLeadOf(actor, v)) return;
  if (await isDeputyFor(tx, actor, v, now)) return;
  throw new DomainError('not_assignee', `Vorgang ${v.aktenzeichen} is not assigned to you`);
}

export function touched(v: Vorgang, now: string, patch: Partial<Vorgang>): Vorgang {
  return { ...v, ...patch, version: v.version + 1, updatedAt: now };
}
