import type { z } from 'zod';
import {
  DomainError,
  type Absence,
  type JournalSummary,
  type Role,
  type User,
  type VerfahrenDef,
  type Vorgang,
} from '../domain/index.ts';
import type { AktenplanEinheit } from '../domain/aktenplan.ts';
import type { EntityValue, WritableEntity } from '../sync/entities.ts';

/**
 * The storage a mutator sees. The client implements it over a Dexie transaction (optimistic),
 * the server over its SQL transaction (authoritative). Mutators never touch storage otherwise.
 * Rows are read and written by entity name (shared/sync/entities.ts); the few queries that are
 * not a lookup by id are named.
 */
export interface MutatorTx {
  get<E extends WritableEntity>(entity: E, id: string): Promise<EntityValue<E> | undefined>;
  put<E extends WritableEntity>(entity: E, value: EntityValue<E>): Promise<void>;
  getUser(id: string): Promise<User | undefined>;
  getVerfahren(id: string): Promise<VerfahrenDef | undefined>;
  /** An Einheit of the Aktenplan (the client's synced copy, the server's loaded one). */
  getAktenplanEinheit(kennzeichen: string): Promise<AktenplanEinheit | undefined>;
  /**
   * Whether the actor may attach these bytes as `mediaType`: `ok`; `missing` — not stored, or
   * stored only for others (possession is an upload of one's own or a document one may see,
   * never the hash alone); `wrong_type` — the bytes are not of that type (the server reads
   * them; a client trusts its own upload, which it checked when the file was picked).
   */
  blobUsable(sha256: string, mediaType: string, actor: User): Promise<BlobUse>;
  /** All absences (also cancelled and past ones) in which the user is the absent one. */
  absencesOf(userId: string): Promise<Absence[]>;
  /** Whether the org unit exists; only the server knows every one (clients answer false). */
  orgUnitExists(id: string): Promise<boolean>;
}

export type BlobUse = 'ok' | 'missing' | 'wrong_type';

export interface MutatorContext {
  /** Who performs the mutation (the server uses the authenticated user, never client data). */
  actor: User;
  /** Effect time: device time on the client, server time on the server. */
  now: string;
  /** True when running authoritatively on the server. */
  authoritative: boolean;
}

/** What `from` and `to` of a journal summary are, for the journal view. */
export type JournalFromTo = 'assignee' | 'status' | 'wiedervorlage' | 'orgUnit';

/**
 * The journal entry a command declares next to itself. The server's command pipeline writes
 * it (target, summary) in the command's transaction; the journal view reads the same
 * declaration to put it in words. A summary holds ids, statuses, dates, sizes and hashes; free
 * text only where the record must keep it by law (justifications, a note's previous text).
 */
export interface CommandJournal<A> {
  /** The Vorgang whose journal records the command. */
  vorgang(tx: MutatorTx, args: A): Promise<string | undefined>;
  /** Fields captured before the command runs (e.g. the text a note edit replaces). */
  before?(tx: MutatorTx, args: A): Promise<JournalSummary>;
  summary(change: { args: A; before: Vorgang; after: Vorgang }): JournalSummary;
  fromTo?: JournalFromTo;
}

/** A command's storage, time and actor; `C` is the mutator context or the server's own. */
export interface Command<A, C> {
  readonly name: string;
  readonly args: z.ZodType<A>;
  /** Null: the command records nothing in a Vorgang's journal (e.g. absences). */
  readonly journal: CommandJournal<NoInfer<A>> | null;
  run(tx: MutatorTx, ctx: C, args: NoInfer<A>): Promise<void>;
}

/** A command a client sends (optimistic locally, authoritative on the server). */
export type Mutator<A> = Command<A, MutatorContext>;

/** Who does case work: every client mutator needs one of these roles unless it names its own. */
export const CASE_WORK_ROLES: readonly Role[] = ['clerk', 'lead'];

/**
 * Declares a client mutator. Authorization by role wraps the command (least privilege: the
 * intake and admin accounts do no case work); the org unit, assignee and 4-eyes checks are
 * the command's own, because they depend on the rows it reads.
 */
export function defineMutator<A>(m: Mutator<A> & { roles?: readonly Role[] }): Mutator<A> {
  const roles = m.roles ?? CASE_WORK_ROLES;
  return {
    ...m,
    async run(tx, ctx, args) {
      if (!roles.some((r) => ctx.actor.roles.includes(r))) {
        throw new DomainError('forbidden', `${m.name} needs one of the roles ${roles.join(', ')}`);
      }
      await m.run(tx, ctx, args);
    },
  };
}

/** Who and when, for a command the server runs on its own (intake, sealing). */
export interface ServerCommandContext {
  /** Journal actor, e.g. `system:intake`. */
  actorId: string;
  now: string;
}

/** A command only the server runs: never accepted from a client's push. */
export type ServerCommand<A> = Command<A, ServerCommandContext>;

export function defineServerCommand<A>(c: ServerCommand<A>): ServerCommand<A> {
  return c;
}
