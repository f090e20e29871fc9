import type { Mutation, PushRequest, PushResponse, PushResult } from '../../../../shared/contracts/http/sync.ts';
import { DomainError } from '../../../../shared/domain/errors.ts';
import { isStorableInstant, isStorableText, storableText, unstorableTextAt } from '../../../../shared/domain/text.ts';
import type { User } from '../../../../shared/domain/user.ts';
import { verfuegeZda, wiederaufnehmen } from '../../../../shared/mutators/akte.ts';
import { approveBescheid, submitBescheid } from '../../../../shared/mutators/bescheid.ts';
import { mitzeichnen, startUmlauf } from '../../../../shared/mutators/umlauf.ts';
import { recordDispatch } from '../../../../shared/mutators/dispatch.ts';
import { abgebenAnBehoerde } from '../../../../shared/mutators/transfer.ts';
import { parseMutation, type Mutator } from '../../../../shared/mutators/index.ts';
import type { AppContext } from '../../context.ts';
import type { Queryable } from '../../db/database.ts';
import { nextChangeSeq, writeTransaction } from '../../db/write.ts';
import { enqueueAbgabe } from '../akte/abgabe.ts';
import { inRunningAussonderung } from '../akte/aussonderung.ts';
import { enqueueDmsAblage } from '../akte/dms.ts';
import { enqueueVersandvermerk, versandvermerkPending } from '../akte/versandvermerk-job.ts';
import { enqueueSeal } from '../jobs/seal-job.ts';
import { appendJournalEvent } from '../journal/store.ts';
import { claimClient, lastMutationSeq, setLastMutationSeq } from './clients.ts';
import { applyCommand, type CommandEffects, rejectedTarget } from './commands.ts';
import type { ChangeEvent } from './events.ts';
import { leftScopeOf, openUmlaufGrants } from './scopes.ts';

/**
 * The durable side effects of client commands, written in the command's transaction (jobs,
 * run after commit by the job worker, retried on failure, finished after a crash): an approval
 * asks for the seal (docs/bescheid-freigabe.md), a dispatch for its Versandvermerk, a z.d.A. for
 * the filing into the DMS where one is connected (docs/e-akte.md).
 */
function commandEffects(ctx: AppContext): CommandEffects {
  return {
    approveBescheid: async (tx, args) => {
      const { bescheidId } = approveBescheid.args.parse(args);
      await enqueueSeal(tx, bescheidId);
    },
    // An Akte offered to the archive stays closed until its Aussonderung ends.
    wiederaufnehmen: async (tx, args) => {
      if (await inRunningAussonderung(tx, wiederaufnehmen.args.parse(args).vorgangId)) {
        throw new DomainError('conflict', 'The Akte is offered to the archive (Aussonderung) and stays closed');
      }
    },
    // Refused where no connector for Abgaben is configured: the Vorgang would wait for good.
    abgebenAnBehoerde: async (tx, args, origin) => {
      await enqueueAbgabe(tx, ctx.abgabe !== undefined, abgebenAnBehoerde.args.parse(args), origin);
    },
    // The Umlauf's open step sees the Vorgang's shared rows (a grant per participant).
    startUmlauf: async (tx, args) => openUmlaufGrants(tx, startUmlauf.args.parse(args).bescheidId),
    mitzeichnen: async (tx, args) => openUmlaufGrants(tx, mitzeichnen.args.parse(args).umlaufId),
    submitBescheid: async (tx, args) => openUmlaufGrants(tx, submitBescheid.args.parse(args).bescheidId),
    recordDispatch: async (tx, args) => {
      await enqueueVersandvermerk(tx, recordDispatch.args.parse(args).vorgangId);
    },
    verfuegeZda: async (tx: Queryable, args: unknown) => {
      const { vorgangId } = verfuegeZda.args.parse(args);
      // The Akte closes complete: a Versandvermerk still being rendered goes in first (only
      // where an authority renders it; elsewhere its job waits and must not block the record).
      if (ctx.authority && (await versandvermerkPending(tx, vorgangId))) {
        throw new DomainError('conflict', 'The Versandvermerk is still being filed; try again in a moment');
      }
      if (ctx.dms) await enqueueDmsAblage(tx, vorgangId);
    },
  };
}

interface Outcome {
  result: PushResult;
  lastMutationSeq: number;
  /** Set when the outcome committed something other clients should pull. */
  event?: ChangeEvent;
}

/** A mutation whose name and args passed the mutator's schema. */
interface Parsed {
  mutator: Mutator<unknown>;
  args: unknown;
}

/**
 * Applies one mutation authoritatively through the command pipeline. Effects, the journal
 * event and the client's last mutation seq commit in one transaction, so a retried push finds
 * the seq processed and skips it (exactly once) and no effect exists without its journal event.
 */
async function apply(ctx: AppContext, actor: User, clientId: string, m: Mutation, parsed: Parsed): Promise<Outcome> {
  const now = ctx.clock.now().toISOString();
  return writeTransaction(ctx.db, async (tx) => {
    // The write lock serialises pushes, so this read cannot race with a concurrent retry.
    const last = await lastMutationSeq(tx, clientId);
    if (m.seq <= last) return { result: { seq: m.seq, status: 'skipped' }, lastMutationSeq: last };
    let event: ChangeEvent | undefined;
    try {
      event = await applyCommand(
        tx,
        ctx,
        parsed.mutator,
        parsed.args,
        { actor, now, authoritative: true },
        { actorId: actor.id, deviceTime: m.clientTime, serverTime: now },
        commandEffects(ctx),
      );
    } catch (error) {
      throw await explained(tx, ctx, actor, parsed, error);
    }
    await setLastMutationSeq(tx, clientId, m.seq, new Date(now));
    return { result: { seq: m.seq, status: 'applied' }, lastMutationSeq: m.seq, ...(event ? { event } : {}) };
  });
}

/**
 * Client data the database cannot store (NUL, lone surrogates, instants outside years 1–9999)
 * is refused per mutation, before anything runs: a push must never fail as a whole, and so
 * wedge the outbox, on what one mutation carries.
 */
function assertStorable(m: Mutation): void {
  if (!isStorableText(m.name)) throw new DomainError('validation_failed', 'The mutation name has unstorable text');
  if (!isStorableInstant(m.clientTime)) {
    throw new DomainError('validation_failed', 'clientTime lies outside the years 1 to 9999');
  }
  const at = unstorableTextAt(m.args);
  if (at !== null) {
    throw new DomainError(
      'validation_failed',
      `Text at ${at} contains NUL or a lone surrogate, which cannot be stored`,
    );
  }
}

/** A Vorgang that left the actor's scope reads as not found to the command; say why instead. */
async function explained(
  tx: Queryable,
  ctx: AppContext,
  actor: User,
  parsed: Parsed,
  error: unknown,
): Promise<unknown> {
  if (!(error instanceof DomainError) || error.code !== 'not_found') return error;
  const vorgangId = await rejectedTarget(tx, ctx, parsed.mutator, parsed.args);
  if (vorgangId === undefined || !(await leftScopeOf(tx, actor, vorgangId))) return error;
  return new DomainError('out_of_scope', `Vorgang ${vorgangId} is no longer in your org unit`);
}

/**
 * Records a rejected mutation (its effects were rolled back): the rejection gets a change seq
 * so it reaches the client through pull, the seq counts as processed, the target Vorgang's
 * journal gets a `rejected` event, and a Vorgang of the caller's org unit (with its Bescheide)
 * gets a fresh change seq so the client re-pulls the authoritative rows over its optimistic ones.
 */
async function reject(
  ctx: AppContext,
  actor: User,
  clientId: string,
  m: Mutation,
  parsed: Parsed | undefined,
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
      // The record of bad input must itself be storable.
      [
        clientId,
        m.seq,
        actor.id,
        storableText(m.name),
        error.code,
        storableText(error.message),
        now.toISOString(),
        rejectionSeq,
      ],
    );
    await setLastMutationSeq(tx, clientId, m.seq, now);
    let cursor = rejectionSeq;
    const orgUnitIds: string[] = [];
    const vorgangId = parsed ? await rejectedTarget(tx, ctx, parsed.mutator, parsed.args) : undefined;
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
        deviceTime: isStorableInstant(m.clientTime) ? m.clientTime : null,
        serverTime: now.toISOString(),
        summary: { mutation: m.name, code: error.code },
      });
      if (target.org_unit_id === actor.orgUnitId) {
        // Each row gets its own seq: the pull cursor must never fall between two rows of one seq.
        await tx.query(`UPDATE bescheide SET change_seq = nextval('change_seq_seq') WHERE vorgang_id = $1`, [
          vorgangId,
        ]);
        cursor = await nextChangeSeq(tx);
        await tx.query('UPDATE vorgaenge SET change_seq = $2 WHERE id = $1', [vorgangId, cursor]);
        orgUnitIds.push(actor.orgUnitId);
      }
    }
    const event = { cursor, orgUnitIds, userIds: [actor.id] };
    await ctx.changes.announce(tx, event);
    const answer = { code: error.code, message: storableText(error.message) };
    return { result: { seq: m.seq, status: 'rejected', error: answer }, lastMutationSeq: m.seq, event };
  });
}

/**
 * Processes a push in seq order, one transaction per mutation. A DomainError rejects just
 * that mutation; any other error aborts the push (500) with the earlier mutations committed,
 * and the client's retry skips those.
 */
export async function push(ctx: AppContext, actor: User, request: PushRequest): Promise<PushResponse> {
  let last = await writeTransaction(ctx.db, (tx) => claimClient(tx, request.clientId, actor.id, ctx.clock.now()));
  const results: PushResult[] = [];
  for (const m of request.mutations) {
    let outcome: Outcome;
    let parsed: Parsed | undefined;
    try {
      assertStorable(m);
      parsed = parseMutation(m.name, m.args);
      outcome = await apply(ctx, actor, request.clientId, m, parsed);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      outcome = await reject(ctx, actor, request.clientId, m, parsed, error);
    }
    results.push(outcome.result);
    last = outcome.lastMutationSeq;
    if (outcome.event) ctx.changes.committed(outcome.event);
    if (outcome.result.status !== 'skipped')
      await ctx.hooks.afterPushCommit?.({ clientId: request.clientId, seq: m.seq });
  }
  return { results, lastMutationSeq: last };
}
