import { DomainError, berlinDate, hasRole, workBlocker, type User, type Vorgang } from '../domain/index.ts';
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

/**
 * Working on a Vorgang needs the assignee, the org unit's lead, or the assignee's deputy during
 * an absence (workBlocker, shared/domain). The assignee's absences are read only when the
 * actor is not the assignee.
 */
export async function assertMayWork(tx: MutatorTx, actor: User, v: Vorgang, now: string): Promise<void> {
  const absences = v.assigneeId !== null && v.assigneeId !== actor.id ? await tx.absencesOf(v.assigneeId) : [];
  const blocker = workBlocker(actor, v, absences, berlinDate(now));
  if (blocker === null) return;
  if (blocker === 'other_unit') throw new DomainError('not_found', `Vorgang ${v.id} not found`);
  throw new DomainError('not_assignee', `Vorgang ${v.aktenzeichen} is not assigned to you`);
}

export function touched(v: Vorgang, now: string, patch: Partial<Vorgang>): Vorgang {
  return { ...v, ...patch, version: v.version + 1, updatedAt: now };
}
