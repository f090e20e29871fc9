import { z } from 'zod';
import type { Queryable } from '../../db/database.ts';
import type { SealDeps, SealService } from '../bescheid/seal-service.ts';
import { getBescheid } from '../bescheid/store.ts';
import { defineJobHandler, type JobHandler } from './registry.ts';
import { enqueueJob } from './store.ts';

export const SEAL_JOB_KIND = 'seal-bescheid';

export const sealJobPayload = z.object({ bescheidId: z.uuid() }).strict();
export type SealJobPayload = z.infer<typeof sealJobPayload>;

/**
 * Asks for the seal of an approved Bescheid, inside the approving transaction: the job exists
 * exactly when the approval committed. One job per Bescheid (an approved Bescheid never goes
 * back), so a repeated call is a no-op. Resolves to true when this call created the job.
 */
export async function enqueueSeal(tx: Queryable, bescheidId: string): Promise<boolean> {
  const id = await enqueueJob(tx, {
    kind: SEAL_JOB_KIND,
    idempotencyKey: bescheidId,
    payload: { bescheidId } satisfies SealJobPayload,
  });
  return id !== undefined;
}

/**
 * Seals through the seal service. Exactly one sealed Dokument whatever crashes: the service
 * stores the Dokument and marks the Bescheid `gesiegelt` in one transaction that first
 * re-checks the state under the write lock (and the database refuses any change of a sealed
 * Bescheid), so a run repeated after a crash between that commit and the job's completion
 * finds the Bescheid sealed and completes without sealing again. At worst the repeat leaves
 * an unreferenced blob (a PDF rendered by a run that lost the race), never a second Dokument.
 */
export function sealJobHandler(deps: SealDeps, service: SealService): JobHandler {
  return defineJobHandler({
    kind: SEAL_JOB_KIND,
    payload: sealJobPayload,
    // With the backoff below about 40 minutes of retries: a TSA outage of that length is rare,
    // and the dead job waits for an admin's retry after it.
    maxAttempts: 10,
    backoff: { baseMs: 5_000, maxMs: 10 * 60_000 },
    // Retries cannot change these: the Bescheid is gone, not approved, or not as approved.
    permanent: ['not_found', 'invalid_transition', 'stale_content', 'validation_failed'],
    async run(ctx, { bescheidId }) {
      const b = await getBescheid(ctx.db, bescheidId);
      // Sealed before: by an earlier run that crashed before its completion, or by a manual
      // POST /api/bescheid/seal. Nothing to do.
      if (b?.state === 'gesiegelt') return;
      await service.sealApproved(deps, bescheidId);
    },
  });
}
