import { bescheidContentHash, type Bescheid } from '../../../../shared/domain/index.ts';

/**
 * Whether the stored content is exactly what was submitted: the approval names the submitted
 * hash, so a lead must never approve text that differs from what they read.
 */
export async function submittedContentIntact(b: Pick<Bescheid, 'content' | 'submittedHash'>): Promise<boolean> {
  return b.submittedHash !== null && (await bescheidContentHash(b.content)) === b.submittedHash;
}
