import { DomainError } from '../../../../shared/domain/errors.ts';
import type { JournalSummary } from '../../../../shared/domain/journal.ts';
import type { Command, MutatorTx } from '../../../../shared/mutators/index.ts';
import type { AppContext } from '../../context.ts';
import type { Queryable } from '../../db/database.ts';
import { appendJournalEvent } from '../journal/store.ts';
import type { ChangeEvent } from './events.ts';
import { sqlMutatorTx } from './server-tx.ts';

/** Who ran a command, for its journal event. */
export interface CommandOrigin {
  /** The user's id, or a system actor such as `system:intake`. */
  actorId: string;
  /** Device time the clerk acted at; null for the server's own commands. */
  deviceTime: string | null;
  /** Server time of the effects. */
  serverTime: string;
}

/**
 * Side effects a command causes beyond its rows, written in the command's transaction (durable
 * jobs: they run after commit and survive a crash). Keyed by command name.
 */
export type CommandEffects = Readonly<
  Record<string, (tx: Queryable, args: unknown, origin: CommandOrigin) => Promise<EffectChange | undefined>>
>;

/** What an effect changed for other clients beyond the command's rows (a grant opened): whom to poke. */
export interface EffectChange {
  maxSeq: number;
  orgUnitIds: readonly string[];
  userIds: readonly string[];
}

/**
 * The one way a write happens on the server, for a client's mutator from push and for the
 * server's own commands (Nachreichung, sealing) alike. Inside the caller's write transaction it
 * runs the command against the registry-backed storage (authorization and the status machine
 * are the command's own checks), appends the journal event the command declares, records
 * the command's durable effects and announces the change to the clients whose scope it
 * touched. The caller calls `ctx.changes.committed(event)` after commit (the poke).
 *
 * Throws the command's DomainError; the caller's transaction then rolls back as a whole.
 */
export async function applyCommand<A, C>(
  tx: Queryable,
  ctx: Pick<AppContext, 'verfahren' | 'changes'> & Partial<Pick<AppContext, 'blobs' | 'aktenplan'>>,
  command: Command<A, C>,
  args: A,
  runContext: C,
  origin: CommandOrigin,
  effects: CommandEffects = {},
): Promise<ChangeEvent | undefined> {
  const mtx = sqlMutatorTx(tx, ctx, ctx.blobs);
  const journal = command.journal;
  const vorgangId = journal ? await journal.vorgang(mtx, args) : undefined;
  const before = vorgangId === undefined ? undefined : await mtx.get('vorgang', vorgangId);
  const captured: JournalSummary = journal?.before && before ? await journal.before(mtx, args) : {};
  await command.run(mtx, runContext, args);
  if (journal && before) {
    const after = (await mtx.get('vorgang', before.id)) ?? before;
    await appendJournalEvent(tx, {
      vorgangId: before.id,
      actorId: origin.actorId,
      action: command.name,
      deviceTime: origin.deviceTime,
      serverTime: origin.serverTime,
      summary: { ...captured, ...journal.summary({ args, before, after }) },
    });
  }
  const extra = (await effects[command.name]?.(tx, args, origin)) ?? undefined;
  const { orgUnitIds, userIds } = mtx.written;
  const maxSeq = Math.max(mtx.written.maxSeq, extra?.maxSeq ?? 0);
  if (maxSeq === 0) return undefined;
  const event: ChangeEvent = {
    cursor: maxSeq,
    orgUnitIds: [...new Set([...orgUnitIds, ...(extra?.orgUnitIds ?? [])])],
    userIds: [...new Set([...userIds, ...(extra?.userIds ?? [])])],
  };
  await ctx.changes.announce(tx, event);
  return event;
}

/** The Vorgang a rejected command names (for its `rejected` journal event), if it exists. */
export async function rejectedTarget<A>(
  tx: Queryable,
  ctx: Pick<AppContext, 'verfahren'>,
  command: Command<A, unknown>,
  args: A,
): Promise<string | undefined> {
  if (!command.journal) return undefined;
  const mtx: MutatorTx = sqlMutatorTx(tx, ctx);
  try {
    return await command.journal.vorgang(mtx, args);
  } catch (error) {
    if (error instanceof DomainError) return undefined;
    throw error;
  }
}
