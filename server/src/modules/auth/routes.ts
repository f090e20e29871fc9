import type { FastifyInstance } from 'fastify';
import { authEndpoints } from '../../../../shared/contracts/http/auth.ts';
import type { AppContext } from '../../context.ts';
import { HttpError } from '../../http/errors.ts';
import { authedRoute, publicRoute } from '../../http/route.ts';
import { verifyPassword } from './passwords.ts';
import { createSession, revokeSession } from './sessions.ts';
import { beginLoginAttempt, clearLoginFailures } from './throttle.ts';
import { USER_COLUMNS, userFromRow, type UserRow } from './users.ts';

export function registerAuthRoutes(app: FastifyInstance, ctx: AppContext): void {
  publicRoute(app, ctx, authEndpoints.login, async ({ body, request }) => {
    const now = ctx.clock.now();
    const username = body.username.toLowerCase();
    const ip = request.ip;
    const retryAfter = await beginLoginAttempt(ctx.db, username, ip, now, ctx.throttle);
    if (retryAfter > 0) {
      throw new HttpError(429, 'too_many_requests', `Too many failed logins; try again in ${retryAfter} s`, {
        'retry-after': String(retryAfter),
      });
    }
    const [row] = await ctx.db.query<UserRow & { password_hash: string; is_demo: boolean }>(
      `SELECT ${USER_COLUMNS}, u.password_hash, u.is_demo FROM users u WHERE u.username = $1`,
      [username],
    );
    const usable = row && (!row.is_demo || ctx.demoMode) ? row : undefined;
    // Always verify (against a dummy hash for unknown users) so timing does not reveal usernames.
    if (!(await verifyPassword(usable?.password_hash, body.password)) || !usable) {
      // The attempt's row, written before the check, stays as the failure.
      throw new HttpError(401, 'unauthenticated', 'Unknown username or wrong password');
    }
    await clearLoginFailures(ctx.db, username);
    const user = userFromRow(usable);
    const session = await createSession(ctx.db, user.id, now, ctx.sessionTtlMs);
    request.log.info({ userId: user.id }, 'login');
    const [unit] = await ctx.db.query<{ id: string; name: string }>('SELECT id, name FROM org_units WHERE id = $1', [
      user.orgUnitId,
    ]);
    const orgUnit = unit ?? { id: user.orgUnitId, name: user.orgUnitId };
    return { token: session.token, expiresAt: session.expiresAt.toISOString(), user, orgUnit };
  });

  authedRoute(app, ctx, authEndpoints.logout, async ({ auth }) => {
    await revokeSession(ctx.db, auth.tokenHash, ctx.clock.now());
  });

  authedRoute(app, ctx, authEndpoints.me, async ({ auth }) => ({ user: auth.user }));
}
