import type { FastifyInstance } from 'fastify';
import { syncEndpoints } from '../../../../shared/contracts/http/sync.ts';
import type { AppContext } from '../../context.ts';
import { authedRoute } from '../../http/route.ts';
import { pull } from './pull.ts';
import { push } from './push.ts';
import { registerEventsRoute } from './sse.ts';

export function registerSyncRoutes(app: FastifyInstance, ctx: AppContext): void {
  authedRoute(app, ctx, syncEndpoints.pull, ({ auth, query }) => pull(ctx, auth.user, query));
  authedRoute(app, ctx, syncEndpoints.push, ({ auth, body }) => push(ctx, auth.user, body));
  authedRoute(app, ctx, syncEndpoints.verfahren, async () => ({ verfahren: [...ctx.verfahren] }));
  authedRoute(app, ctx, syncEndpoints.aktenplan, async () => ({ aktenplan: ctx.aktenplan }));
  registerEventsRoute(app, ctx);
}
