import { z } from 'zod';
import { endpoint } from './common.ts';

/** Durable jobs (docs/operations.md, "Jobs"): the states a job passes through. */
export const JOB_STATES = ['pending', 'running', 'done', 'dead'] as const;
export const jobState = z.enum(JOB_STATES);
export type JobState = z.infer<typeof jobState>;

/**
 * A job as admins see it. The payload stays out: a future kind may carry personal data, and
 * the kind and idempotency key say what the job is about.
 */
export const adminJob = z.object({
  id: z.number().int().positive(),
  kind: z.string(),
  idempotencyKey: z.string(),
  state: jobState,
  /** Runs started so far (a run whose worker died counts). */
  attempts: z.number().int().nonnegative(),
  /** Not before this instant; null: as soon as a worker is free. */
  runAfter: z.iso.datetime().nullable(),
  /** While running: the lease; after it another worker may take the job over. */
  lockedUntil: z.iso.datetime().nullable(),
  /** The error of the last failed run: a code and a system message, no personal data. */
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});
export type AdminJob = z.infer<typeof adminJob>;

export const MAX_ADMIN_JOBS_LIMIT = 500;

export const adminJobsQuery = z
  .object({
    state: jobState.optional(),
    limit: z.coerce.number().int().min(1).max(MAX_ADMIN_JOBS_LIMIT).default(100),
  })
  .strict();
export type AdminJobsQuery = z.infer<typeof adminJobsQuery>;

export const adminJobsResponse = z.object({ jobs: z.array(adminJob) });
export type AdminJobsResponse = z.infer<typeof adminJobsResponse>;

/** The job travels as a query parameter: routes have no path parameters. */
export const adminJobRetryQuery = z.object({ jobId: z.coerce.number().int().positive() }).strict();
export type AdminJobRetryQuery = z.infer<typeof adminJobRetryQuery>;

/** Administration (role admin only; 403 for everyone else). */
export const adminEndpoints = {
  adminJobs: endpoint({
    method: 'GET',
    path: '/api/admin/jobs',
    summary: 'Durable jobs, newest first, optionally of one state (dead: failed for good)',
    auth: true,
    query: adminJobsQuery,
    response: adminJobsResponse,
  }),
  adminJobRetry: endpoint({
    method: 'POST',
    path: '/api/admin/jobs/retry',
    summary: 'Sets a dead job pending again with fresh attempts (409 unless dead)',
    auth: true,
    query: adminJobRetryQuery,
    response: adminJob,
  }),
};
