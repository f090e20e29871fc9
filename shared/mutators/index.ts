import { z } from 'zod';
import { DomainError } from '../domain/index.ts';
import type { Mutator, MutatorContext, MutatorTx } from './types.ts';
import { cancelAbsence, setAbsence } from './absences.ts';
import { approveBescheid, returnBescheid, saveBescheid, submitBescheid } from './bescheid.ts';
import { recordDispatch } from './dispatch.ts';
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

export type { Mutator, MutatorContext, MutatorTx } from './types.ts';
export { mayApprove } from './bescheid.ts';
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
} as const;

export type Mutators = typeof mutators;
export type MutationName = keyof Mutators;
export type MutationArgs<N extends MutationName> = Mutators[N] extends Mutator<infer A> ? A : never;

export const mutationName = z.enum(Object.keys(mutators) as [MutationName, ...MutationName[]]);

export function isMutationName(name: string): name is MutationName {
  return Object.hasOwn(mutators, name);
}

/**
 * Validates args and runs the named mutator. Throws DomainError (code `unknown_mutation`,
 * `validation_failed` or the mutator's own) when the mutation must be rejected.
 */
export async function runMutation(tx: MutatorTx, ctx: MutatorContext, name: string, args: unknown): Promise<void> {
  if (!isMutationName(name)) throw new DomainError('unknown_mutation', `Unknown mutation "${name}"`);
  const m = mutators[name] as Mutator<unknown>;
  const parsed = m.args.safeParse(args);
  if (!parsed.success) {
    throw new DomainError('validation_failed', `Invalid arguments for ${name}: ${z.prettifyError(parsed.error)}`);
  }
  await m.run(tx, ctx, parsed.data);
}
