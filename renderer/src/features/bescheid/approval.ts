import { bescheidContentHash, hasRole, type Bescheid, type User } from '../../../../shared/domain/index.ts';

/** Why a user may not approve a Bescheid; null when the 4-eyes rule allows it. */
export type ApprovalBlocker = 'author' | 'editor' | 'not_lead' | 'other_unit';

/**
 * The reason the UI names when it offers no Freigabe: the same four conditions as mayApprove
 * (shared/mutators), most specific first. Guidance only — the server decides and journals.
 */
export function approvalBlocker(
  user: Pick<User, 'id' | 'roles' | 'orgUnitId'>,
  b: Pick<Bescheid, 'orgUnitId' | 'authorId' | 'editorIds'>,
): ApprovalBlocker | null {
  if (user.id === b.authorId) return 'author';
  if (b.editorIds.includes(user.id)) return 'editor';
  if (!hasRole(user, 'lead')) return 'not_lead';
  if (user.orgUnitId !== b.orgUnitId) return 'other_unit';
  return null;
}

/**
 * Whether the stored content is exactly what was submitted: the approval names the submitted
 * hash, so a lead must never approve text that differs from what they read.
 */
export async function submittedContentIntact(b: Pick<Bescheid, 'content' | 'submittedHash'>): Promise<boolean> {
  return b.submittedHash !== null && (await bescheidContentHash(b.content)) === b.submittedHash;
}
