import type { z } from 'zod';
import type { Note, User, Vorgang } from '../domain/index.ts';

/**
 * The storage a mutator sees. The client implements it over a Dexie transaction (optimistic),
 * the server over its SQL transaction (authoritative). Mutators never touch storage otherwise.
 */
export interface MutatorTx {
  getVorgang(id: string): Promise<Vorgang | undefined>;
  putVorgang(v: Vorgang): Promise<void>;
  getNote(id: string): Promise<Note | undefined>;
  putNote(n: Note): Promise<void>;
  getUser(id: string): Promise<User | undefined>;
}

export interface MutatorContext {
  /** Who performs the mutation (the server uses the authenticated user, never client data). */
  actor: User;
  /** Effect time: device time on the client, server time on the server. */
  now: string;
  /** True when running authoritatively on the server. */
  authoritative: boolean;
}

export interface Mutator<A> {
  readonly name: string;
  readonly args: z.ZodType<A>;
  run(tx: MutatorTx, ctx: MutatorContext, args: A): Promise<void>;
}

export function defineMutator<A>(m: Mutator<A>): Mutator<A> {
  return m;
}
