import type { z } from 'zod';
import type { Absence, Bescheid, Dokument, Note, User, VerfahrenDef, Vorgang } from '../domain/index.ts';

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
  getVerfahren(id: string): Promise<VerfahrenDef | undefined>;
  getDokument(id: string): Promise<Dokument | undefined>;
  putDokument(d: Dokument): Promise<void>;
  /** Whether the blob's bytes are stored (server) or queued for upload / cached (client). */
  hasBlob(sha256: string): Promise<boolean>;
  getAbsence(id: string): Promise<Absence | undefined>;
  putAbsence(a: Absence): Promise<void>;
  /** All absences (also cancelled and past ones) in which the user is the absent one. */
  absencesOf(userId: string): Promise<Absence[]>;
  getBescheid(id: string): Promise<Bescheid | undefined>;
  putBescheid(b: Bescheid): Promise<void>;
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
