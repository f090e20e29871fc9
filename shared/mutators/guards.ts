import { DomainError, hasRole, type User, type Vorgang } from '../domain/index.ts';
import type { MutatorTx } from './types.ts';

/** Loads a Vorgang the actor may see (same org unit); unknown and foreign look the same. */
export async function loadVisible(tx: MutatorTx, actor: User, id: string): Promise<Vorgang> {
  const v = await tx.getVorgang(id);
  if (!v || v.orgUnitId !== actor.orgUnitId) throw new DomainError('not_found', `Vorgang ${id} not found`);
  return v;
}

export function isLeadOf(actor: User, v: Vorgang): boolean {
  return hasRole(actor, 'lead') && actor.orgUnitId === v.orgUnitId;
}

/** Working on a Vorgang (status, Wiedervorlage) needs the assignee or the org unit's lead. */
export function assertMayWork(actor: User, v: Vorgang): void {
  if (v.assigneeId === actor.id || isLeadOf(actor, v)) return;
  throw new DomainError('not_assignee', `Vorgang ${v.aktenzeichen} is not assigned to you`);
}

export function touched(v: Vorgang, now: string, patch: Partial<Vorgang>): Vorgang {
  return { ...v, ...patch, version: v.version + 1, updatedAt: now };
}
