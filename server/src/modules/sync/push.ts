import type { FastifyBaseLogger } from 'fastify';
import type { Mutation, PushRequest, PushResponse, PushResult } from '../../../../shared/contracts/http/sync.ts';
import { DomainError } from '../../../../shared/domain/errors.ts';
import type { User } from '../../../../shared/domain/user.ts';
import { runMutation } from '../../../../shared/mutators/index.ts';
import type { AppContext } from '../../context.ts';
import type { Queryable } from '../../db/database.ts';
import { nextChangeSeq, writeTransaction } from '../../db/write.ts';
import { sealAfterApproval } from '../bescheid/after-approval.ts';
import { touchBescheid, vorgangIdOfBescheid } from '../bescheid/store.ts';
import { appendJournalEvent } from '../journal/store.ts';
import { journalSummaryOf, type StateBefore } from '../journal/summary.ts';
import { claimClient, lastMutationSeq, setLastMutationSeq } from './clients.ts';
import type { ChangeEvent } from './events.ts';
import { sqlMutatorTx, type SqlMutatorTx } from './server-tx.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Outcome {
  result: PushResult;
  lastMutationSeq: number;
  /** Set when the outcome committed something other clients should pull. */
  event?: ChangeEvent;
}

/**
 * Applies one mutation authoritatively. Effects, the journal event of the target Vorgang and
 * the client's last mutation seq commit in one transaction, so a retried push finds the seq
 * processed and skips it (exactly once) and no effect exists without its journal event.
 */
async function apply(ctx: AppContext, actor: User, clientId: string, m: Mutation): Promise<Outcome> {
  const now = ctx.clock.now();
  return writeTransaction(ctx.db, async (tx) => {
    // The write lock serialises pushes, so this read cannot race with a concurrent retry.
    const last = await lastMutationSeq(tx, clientId);
    if (m.seq <= last) return { result: { seq: m.seq, status: 'skipped' }, lastMutationSeq: last };
    const mtx = sqlMutatorTx(tx, ctx.verfahren);
    const vorgangId = await targetVorgangId(tx, m.args);
    const before = vorgangId === undefined ? undefined : await stateBefore(mtx, vorgangId, m.args);
    await runMutation(mtx, { actor, now: now.toISOString(), authoritative: true }, m.name, m.args);
    // An accepted mutation naming a Vorgang has loaded it, so `before` is set whenever vorgangId is.
    if (vorgangId !== undefined && before) {
      const after = (await mtx.getVorgang(vorgangId)) ?? before.vorgang;
      await appendJournalEvent(tx, {
        vorgangId,
        actorId: actor.id,
        action: m.name,
        deviceTime: m.clientTime,
        serverTime: now.toISOString(),
        summary: journalSummaryOf(m.name, m.args, before, after),
      });
    }
    await setLastMutationSeq(tx, clientId, m.seq, now);
    const { orgUnitIds, maxSeq } = mtx.written;
    const event = maxSeq > 0 ? { cursor: maxSeq, orgUnitIds: [...orgUnitIds], userIds: [] } : undefined;
    if (event) await ctx.changes.announce(tx, event);
    return { result: { seq: m.seq, status: 'applied' }, lastMutationSeq: m.seq, ...(event ? { event } : {}) };
  });
}

function uuidArg(args: unknown, name: string): string | undefined {
  if (typeof args !== 'object' || args === null || !(name in args)) return undefined;
  const id = (args as Record<string, unknown>)[name];
  return typeof id === 'string' && UUID.test(id) ? id : undefined;
}

/** The Vorgang whose journal records the mutation: named directly, or through the Bescheid it names. */
async function targetVorgangId(q: Queryable, args: unknown): Promise<string | undefined> {
  const direct = uuidArg(args, 'vorgangId');
  if (direct !== undefined) return direct;
  const bescheidId = uuidArg(args, 'bescheidId');
  return bescheidId === undefined ? undefined : vorgangIdOfBescheid(q, bescheidId);
}

/** What the journal summary compares against: the Vorgang and the note the mutation names. */
async function stateBefore(mtx: SqlMutatorTx, vorgangId: string, args: unknown): Promise<StateBefore | undefined> {
  const vorgang = await mtx.getVorgang(vorgangId);
  if (!vorgang) return undefined;
  const noteId = uuidArg(args, 'noteId');
  const note = noteId === undefined ? undefined : await mtx.getNote(noteId);
  return note === undefined ? { vorgang } : { vorgang, note };
}

/**
 * Records a rejected mutation (its effects were rolled back): the rejection gets a change seq
 * so it reaches the client through pull, the seq counts as processed, the target Vorgang's
 * journal gets a `rejected` event, and a Vorgang of the caller's org unit gets a fresh change
 * seq so the client re-pulls the authoritative row over its optimistic one.
 */
async function reject(
  ctx: AppContext,
  actor: User,
  clientId: string,
  m: Mutation,
  error: DomainError,
): Promise<Outcome> {
  const now = ctx.clock.now();
  return writeTransaction(ctx.db, async (tx) => {
    const last = await lastMutationSeq(tx, clientId);
    if (m.seq <= last) return { result: { seq: m.seq, status: 'skipped' }, lastMutationSeq: last };
    const rejectionSeq = await nextChangeSeq(tx);
    await tx.query(
      `INSERT INTO mutation_rejections (client_id, mutation_seq, user_id, name, code, message, rejected_at, change_seq)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [clientId, m.seq, actor.id, m.name, error.code, error.message, now.toISOString(), rejectionSeq],
    );
    await setLastMutationSeq(tx, clientId, m.seq, now);
    let cursor = rejectionSeq;
    const orgUnitIds: string[] = [];
    const vorgangId = await targetVorgangId(tx, m.args);
    const [target] =
      vorgangId === undefined
        ? []
        : await tx.query<{ org_unit_id: string }>('SELECT org_unit_id FROM vorgaenge WHERE id = $1', [vorgangId]);
    if (vorgangId !== undefined && target) {
      // The attempt belongs to the Vorgang's record, also when it came from another org unit:
      // the owning unit sees it. Name and code only; the message may quote the clerk's input.
      await appendJournalEvent(tx, {
        vorgangId,
        actorId: actor.id,
        action: 'rejected',
        deviceTime: m.clientTime,
        serverTime: now.toISOString(),
        summary: { mutation: m.name, code: error.code },
      });
      if (target.org_unit_id === actor.orgUnitId) {
        // A named Bescheid as well: the client's optimistic copy (approved, submitted) is replaced.
        // Each row gets its own seq: the pull cursor must never fall between two rows of one seq.
        const bescheidId = uuidArg(m.args, 'bescheidId');
        if (bescheidId !== undefined) await touchBescheid(tx, bescheidId, await nextChangeSeq(tx));
        cursor = await nextChangeSeq(tx);
        await tx.query('UPDATE vorgaenge SET change_seq = $2 WHERE id = $1', [vorgangId, cursor]);
        orgUnitIds.push(actor.orgUnitId);
      }
    }
    const event = { cursor, orgUnitIds, userIds: [actor.id] };
    await ctx.changes.announce(tx, event);
    return { result: { seq: m.seq, status: 'rejected', error: error.toJSON() }, lastMutationSeq: m.seq, event };
  });
}

/**
 * Processes a push in seq order, one transaction per mutation. A DomainError rejects just
 * that mutation; any other error aborts the push (500) with the earlier mutations committed,
 * and the client's retry skips those.
 */
export async function push(
  ctx: AppContext,
  actor: User,
  request: PushRequest,
  log?: Pick<FastifyBaseLogger, 'warn'>,
): Promise<PushResponse> {
  let last = await writeTransaction(ctx.db, (tx) => claimClient(tx, request.clientId, actor.id, ctx.clock.now()));
  const results: PushResult[] = [];
  for (const m of request.mutations) {
    let outcome: Outcome;
    try {
      outcome = await apply(ctx, actor, request.clientId, m);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      outcome = await reject(ctx, actor, request.clientId, m, error);
    }
    results.push(outcome.result);
    last = outcome.lastMutationSeq;
    if (outcome.event) ctx.changes.committed(outcome.event);
    if (outcome.result.status === 'applied') {
      // The approval stands whatever happens here; a failed seal can be retried (POST /api/bescheid/seal).
      const sealing = await sealAfterApproval(ctx, ctx.seal, m);
      if (sealing && !sealing.ok)
        // Seal errors name system parts (key, TSA host, step), never Bescheid text or persons.
        log?.warn({ code: sealing.error.code, reason: sealing.error.message }, 'sealing after approval failed');
    }
    if (outcome.result.status !== 'skipped')
      await ctx.hooks.afterPushCommit?.({ clientId: request.clientId, seq: m.seq });
  }
  return { results, lastMutationSeq: last };
}
