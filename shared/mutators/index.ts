import { z } from 'zod';
import { DomainError } from '../domain/index.ts';
import type { CommandJournal, Mutator, MutatorContext, MutatorTx } from './types.ts';
import { serverCommands } from './server-commands.ts';
import { cancelAbsence, setAbsence } from './absences.ts';
import { approveBescheid, returnBescheid, saveBescheid, submitBescheid } from './bescheid.ts';
import { recordDispatch } from './dispatch.ts';
import { verfuegeZda, wiederaufnehmen } from './akte.ts';
import { abgebenAnBehoerde, transferVorgang } from './transfer.ts';
import { mitzeichnen, startUmlauf } from './umlauf.ts';
import { addDokument } from './dokumente.ts';
import { addNote, deleteNote, editNote } from './notes.ts';
import { decidePruefItem, overridePruefRule } from './pruefliste.ts';
import {
  assign,
  changeStatus,
  claim,
  clearWiedervorlage,
  requestNachforderung,
  setWiedervorlage,
  takeOver,
} from './vorgang.ts';

export type {
  Command,
  CommandJournal,
  JournalFromTo,
  Mutator,
  MutatorContext,
  MutatorTx,
  ServerCommand,
  ServerCommandContext,
} from './types.ts';
export {
  fileAntrag,
  receiveNachreichung,
  recordSeal,
  serverCommands,
  type ServerCommandName,
} from './server-commands.ts';
export { TRANSFERABLE_STATUSES, abgabeEmpfaenger, type AbgabeEmpfaenger } from './transfer.ts';
export { dispatchDateProblem, sealedOn, type DispatchDateProblem } from './dispatch.ts';

/** Every mutator by name: the one registry the client outbox and the server push use. */
export const mutators = {
  claim,
  assign,
  changeStatus,
  setWiedervorlage,
  clearWiedervorlage,
  requestNachforderung,
  takeOver,
  addNote,
  editNote,
  deleteNote,
  decidePruefItem,
  overridePruefRule,
  addDokument,
  setAbsence,
  cancelAbsence,
  saveBescheid,
  submitBescheid,
  approveBescheid,
  returnBescheid,
  recordDispatch,
  transferVorgang,
  abgebenAnBehoerde,
  verfuegeZda,
  wiederaufnehmen,
  startUmlauf,
  mitzeichnen,
} as const;

export type Mutators = typeof mutators;
export type MutationName = keyof Mutators;
export type MutationArgs<N extends MutationName> = Mutators[N] extends Mutator<infer A> ? A : never;

export const mutationName = z.enum(Object.keys(mutators) as [MutationName, ...MutationName[]]);

export function isMutationName(name: string): name is MutationName {
  return Object.hasOwn(mutators, name);
}

/**
 * Looks up the named mutator and validates its args. Throws DomainError (`unknown_mutation`,
 * `validation_failed`) when the mutation must be rejected before it runs.
 */
export function parseMutation(name: string, args: unknown): { mutator: Mutator<unknown>; args: unknown } {
  if (!isMutationName(name)) throw new DomainError('unknown_mutation', `Unknown mutation "${name}"`);
  const mutator = mutators[name] as Mutator<unknown>;
  const parsed = mutator.args.safeParse(args);
  if (!parsed.success) {
    throw new DomainError('validation_failed', `Invalid arguments for ${name}: ${z.prettifyError(parsed.error)}`);
  }
  return { mutator, args: parsed.data };
}

/**
 * Validates args and runs the named mutator. Throws DomainError (code `unknown_mutation`,
 * `validation_failed` or the mutator's own) when the mutation must be rejected.
 */
export async function runMutation(tx: MutatorTx, ctx: MutatorContext, name: string, args: unknown): Promise<void> {
  const parsed = parseMutation(name, args);
  await parsed.mutator.run(tx, ctx, parsed.args);
}

/** The journal declaration of a command (client mutator or server command) by its journal action name. */
export function commandJournal(action: string): CommandJournal<never> | null | undefined {
  if (isMutationName(action)) return mutators[action].journal;
  if (Object.hasOwn(serverCommands, action)) {
    return serverCommands[action as keyof typeof serverCommands].journal;
  }
  return undefined;
}
