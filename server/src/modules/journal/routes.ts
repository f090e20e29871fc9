import type { FastifyInstance } from 'fastify';
import { journalEndpoints } from '../../../../shared/contracts/http/journal.ts';
import { verifyChain } from '../../../../shared/domain/journal.ts';
import type { User } from '../../../../shared/domain/user.ts';
import type { AppContext } from '../../context.ts';
import { HttpError } from '../../http/errors.ts';
import { authedRoute } from '../../http/route.ts';
import { journalEvents, journalHeadOf } from './store.ts';

/** 404 rather than 403 for another org unit's Vorgang: its existence is not disclosed. */
async function readableJournal(ctx: AppContext, user: User, vorgangId: string) {
  const [visible] = await ctx.db.query('SELECT 1 FROM vorgaenge WHERE id = $1 AND org_unit_id = $2', [
    vorgangId,
    user.orgUnitId,
  ]);
  if (!visible) throw new HttpError(404, 'not_found', `Vorgang ${vorgangId} not found`);
  // One snapshot: the head and the events must describe the same moment.
  return ctx.db.transaction(async (tx) => ({
    events: await journalEvents(tx, vorgangId),
    head: await journalHeadOf(tx, vorgangId),
  }));
}

export function registerJournalRoutes(app: FastifyInstance, ctx: AppContext): void {
  authedRoute(app, ctx, journalEndpoints.journal, async ({ auth, query }) =>
    readableJournal(ctx, auth.user, query.vorgangId),
  );
  authedRoute(app, ctx, journalEndpoints.journalVerify, async ({ auth, query }) => {
    const { events, head } = await readableJournal(ctx, auth.user, query.vorgangId);
    return verifyChain(events, { vorgangId: query.vorgangId, head });
  });
}
