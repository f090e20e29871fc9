import type { FastifyInstance } from 'fastify';
import { aussonderungEndpoints } from '../../../../shared/contracts/http/aussonderung.ts';
import { berlinDate } from '../../../../shared/domain/clock.ts';
import { hasRole, type User } from '../../../../shared/domain/user.ts';
import type { AppContext } from '../../context.ts';
import { HttpError } from '../../http/errors.ts';
import { authedRoute } from '../../http/route.ts';
import { faelligeAkten, listAussonderungen, startAussonderung } from './aussonderung.ts';

function requireRecords(user: User): void {
  if (!hasRole(user, 'records') && !hasRole(user, 'admin')) {
    throw new HttpError(403, 'forbidden', 'The Aussonderung needs the records role');
  }
}

/**
 * GET /api/aussonderung: the Akten due and the Aussonderungen; POST starts one. Only where an
 * archive is connected (otherwise 404: the server has no Aussonderung).
 */
export function registerAussonderungRoutes(app: FastifyInstance, ctx: AppContext): void {
  const connected = () => {
    if (!ctx.archiv) throw new HttpError(404, 'not_found', 'This server has no archive connected (--archiv-dir)');
  };
  authedRoute(app, ctx, aussonderungEndpoints.aussonderungOverview, async ({ auth }) => {
    requireRecords(auth.user);
    connected();
    return {
      faellig: await faelligeAkten(ctx.db, berlinDate(ctx.clock.now())),
      aussonderungen: await listAussonderungen(ctx.db),
    };
  });
  authedRoute(app, ctx, aussonderungEndpoints.aussonderungStart, async ({ auth, request }) => {
    requireRecords(auth.user);
    connected();
    const started = await startAussonderung(ctx.db, ctx.clock, auth.user.id);
    request.log.info({ prozessId: started.prozessId, akten: started.akten, by: auth.user.id }, 'Aussonderung started');
    return started;
  });
}
