import type { FastifyInstance } from 'fastify';
import { adminEndpoints } from '../../../../shared/contracts/http/admin.ts';
import { hasRole, type User } from '../../../../shared/domain/user.ts';
import type { AppContext } from '../../context.ts';
import { HttpError } from '../../http/errors.ts';
import { authedRoute } from '../../http/route.ts';
import { listJobs, retryDeadJob } from './store.ts';

function requireAdmin(user: User): void {
  if (!hasRole(user, 'admin')) throw new HttpError(403, 'forbidden', 'Job administration needs the admin role');
}

/** GET /api/admin/jobs lists jobs (dead ones with their last error); POST …/retry revives a dead one. */
export function registerJobRoutes(app: FastifyInstance, ctx: AppContext): void {
  authedRoute(app, ctx, adminEndpoints.adminJobs, async ({ auth, query }) => {
    requireAdmin(auth.user);
    return { jobs: await listJobs(ctx.db, query) };
  });

  authedRoute(app, ctx, adminEndpoints.adminJobRetry, async ({ auth, query, request }) => {
    requireAdmin(auth.user);
    const job = await ctx.db.transaction((tx) => retryDeadJob(tx, query.jobId, ctx.clock.now()));
    // Who revived which job: the one trace of an admin's hand in the job's history.
    request.log.info({ jobId: job.id, kind: job.kind, by: auth.user.id }, 'dead job set pending again');
    return job;
  });
}
