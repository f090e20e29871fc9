import { DomainError, berlinDate, hasRole, workBlocker, type User, type Vorgang } from '../domain/index.ts';
import { isClosed, isHandedOver } from '../domain/akte.ts';
import type { MutatorTx } from './types.ts';

/**
 * Loads a Vorgang the actor may see (same org unit); unknown and foreign look the same. A
 * Vorgang verfügt z.d.A. is read-only for every command but the lead's Wiederaufnahme, which
 * asks for it with `closed: 'allow'`.
 */
export async function loadVisible(
  tx: MutatorTx,
  actor: User,
  id: string,
  options: { closed?: 'refuse' | 'allow' } = {},
): Promise<Vorgang> {
  const v = await tx.get('vorgang', id);
  if (!v || v.orgUnitId !== actor.orgUnitId) throw new DomainError('not_found', `Vorgang ${id} not found`);
  if (isHandedOver(v) || (isClosed(v) && options.closed !== 'allow')) assertOpen(v);
  return v;
}

/**
 * Throws DomainError closed for a Vorgang verfügt z.d.A., and out_of_scope for one handed to
 * another authority (for the server's own commands too).
 */
export function assertOpen(v: Vorgang): void {
  if (isHandedOver(v)) {
    throw new DomainError('out_of_scope', `Vorgang ${v.aktenzeichen} was handed to another authority (Abgabe)`);
  }
  if (isClosed(v)) {
    throw new DomainError('closed', `Vorgang ${v.aktenzeichen} is zu den Akten verfügt and read-only`);
  }
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
