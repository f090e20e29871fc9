import { DomainError, type Result } from '../../../../shared/domain/errors.ts';
import type { SealDeps, SealOutcome, SealService } from './seal-service.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type SealAttempt = Result<SealOutcome>;

/**
 * The push's post-commit step: once an `approveBescheid` has committed, seal that Bescheid.
 * Returns undefined for every other mutation (and when no seal service is configured). A
 * failure comes back as a value for the caller to log: the approval stands, and the author or
 * the lead can retry with POST /api/bescheid/seal.
 */
export async function sealAfterApproval(
  deps: SealDeps,
  service: SealService | undefined,
  mutation: { name: string; args: unknown },
): Promise<SealAttempt | undefined> {
  if (!service || mutation.name !== 'approveBescheid') return undefined;
  const { args } = mutation;
  const bescheidId = typeof args === 'object' && args !== null && 'bescheidId' in args ? args.bescheidId : undefined;
  // The mutator validated the args before it committed; this only narrows the type.
  if (typeof bescheidId !== 'string' || !UUID.test(bescheidId)) return undefined;
  try {
    return { ok: true, value: await service.sealApproved(deps, bescheidId) };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error: error.toJSON() };
    // Name and message only, as the app's error handler logs them (no driver details).
    const message = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
    return { ok: false, error: { code: 'internal', message } };
  }
}
