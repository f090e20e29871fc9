import type { FastifyInstance } from 'fastify';
import { searchEndpoints } from '../../../../shared/contracts/http/search.ts';
import { CASE_WORK_ROLES } from '../../../../shared/mutators/types.ts';
import type { AppContext } from '../../context.ts';
import { HttpError } from '../../http/errors.ts';
import { authedRoute } from '../../http/route.ts';
import { searchAkten } from './search.ts';

/**
 * POST /api/search: the full-text search of the Akten view, for case work only (the intake
 * connector and admins hold no case data, as in the pull). The query travels in the body and
 * is never logged: it names people.
 */
export function registerSearchRoutes(app: FastifyInstance, ctx: AppContext): void {
  authedRoute(app, ctx, searchEndpoints.search, async ({ auth, body }) => {
    if (!CASE_WORK_ROLES.some((r) => auth.user.roles.includes(r))) {
      throw new HttpError(403, 'forbidden', 'The full-text search is for case work');
    }
    return searchAkten(ctx.db, auth.user, body);
  });
}
