import type { Bescheid } from './bescheid.ts';
import { hasRole, type User } from './user.ts';

/** Why a user may not approve (or return) a Bescheid. */
export type ApprovalBlocker = 'author' | 'editor' | 'not_lead' | 'other_unit';

/**
 * Four eyes: only a lead of the Bescheid's org unit who neither wrote nor edited the draft
 * decides on it. Returns the most specific reason against it, null when allowed. The
 * approveBescheid and returnBescheid commands refuse with it; the UI names it.
 */
export function approvalBlocker(
  actor: Pick<User, 'id' | 'roles' | 'orgUnitId'>,
  b: Pick<Bescheid, 'orgUnitId' | 'authorId' | 'editorIds'>,
): ApprovalBlocker | null {
  if (actor.id === b.authorId) return 'author';
  if (b.editorIds.includes(actor.id)) return 'editor';
  if (!hasRole(actor, 'lead')) return 'not_lead';
  if (actor.orgUnitId !== b.orgUnitId) return 'other_unit';
  return null;
}

export function mayApprove(
  actor: Pick<User, 'id' | 'roles' | 'orgUnitId'>,
  b: Pick<Bescheid, 'orgUnitId' | 'authorId' | 'editorIds'>,
): boolean {
  return approvalBlocker(actor, b) === null;
}
