import type { FastifyInstance } from 'fastify';
import { intakeEndpoints } from '../../../../shared/contracts/http/intake.ts';
import { hasRole } from '../../../../shared/domain/user.ts';
import type { AppContext } from '../../context.ts';
import { HttpError } from '../../http/errors.ts';
import { authedRoute } from '../../http/route.ts';
import { receiveNachreichung } from './nachreichung.ts';

/** Intake from the online-service connector, which signs in as a user with the registry role. */
export function registerIntakeRoutes(app: FastifyInstance, ctx: AppContext): void {
  authedRoute(app, ctx, intakeEndpoints.nachreichung, async ({ auth, query, stream }) => {
    if (!hasRole(auth.user, 'registry')) throw new HttpError(403, 'forbidden', 'Intake needs the registry role');
    if (!stream) throw new Error('intake without a body stream');
    return receiveNachreichung(ctx, { ...query, bytes: stream, orgUnitId: auth.user.orgUnitId });
  });
}
