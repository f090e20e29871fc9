import type { FastifyInstance } from 'fastify';
import { authorityEndpoints } from '../../../../shared/contracts/http/authority.ts';
import { bescheidEndpoints } from '../../../../shared/contracts/http/bescheid.ts';
import { hasRole } from '../../../../shared/domain/user.ts';
import type { AppContext } from '../../context.ts';
import { HttpError } from '../../http/errors.ts';
import { authedRoute } from '../../http/route.ts';
import type { SealService } from './seal-service.ts';
import { getBescheid } from './store.ts';

/**
 * GET /api/authority: the authority the clients' Textvorlagen and previews speak for, the same
 * configuration the seal service renders the sealed letter with. Any signed-in user may read it.
 */
export function registerAuthorityRoute(app: FastifyInstance, ctx: AppContext): void {
  authedRoute(app, ctx, authorityEndpoints.authority, async () => ({ authority: ctx.authority ?? null }));
}

/**
 * GET /api/bescheid/trust answers the seal's trust anchors; POST /api/bescheid/seal retries the
 * sealing of an approved Bescheid for its author or a lead of its org unit. Without a seal
 * service (no keys configured, not demo) both say so instead of failing later.
 */
export function registerBescheidRoutes(app: FastifyInstance, ctx: AppContext, service: SealService | undefined): void {
  authedRoute(app, ctx, bescheidEndpoints.bescheidTrust, async () => {
    if (!service) throw new HttpError(404, 'not_found', 'This server has no seal service configured');
    return { caPem: service.trustAnchorsPem };
  });

  authedRoute(app, ctx, bescheidEndpoints.bescheidSeal, async ({ auth, query }) => {
    const b = await getBescheid(ctx.db, query.bescheidId);
    // Another org unit's Bescheid answers like an unknown one: its existence is not disclosed.
    if (!b || b.orgUnitId !== auth.user.orgUnitId) {
      throw new HttpError(404, 'not_found', `Bescheid ${query.bescheidId} not found`);
    }
    if (b.authorId !== auth.user.id && !hasRole(auth.user, 'lead')) {
      throw new HttpError(403, 'forbidden', 'Only the author or a lead of the org unit can have a Bescheid sealed');
    }
    if (!service) throw new HttpError(409, 'conflict', 'This server has no seal service configured');
    const { sealed, dokument } = await service.sealApproved(ctx, b.id);
    return { bescheidId: b.id, dokument, sealed };
  });
}
