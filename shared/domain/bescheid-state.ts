import type { BescheidState } from './bescheid.ts';
import { DomainError } from './errors.ts';
import type { StatusEdge } from './status.ts';

/** The commands that move a Bescheid's state (client mutators and the seal, by name). */
export const BESCHEID_COMMANDS = [
  'saveBescheid',
  'submitBescheid',
  'approveBescheid',
  'returnBescheid',
  'sealBescheid',
  'mitzeichnen',
] as const;
export type BescheidCommand = (typeof BESCHEID_COMMANDS)[number];

/** A new Bescheid is a draft (saveBescheid creates it so). */
export const BESCHEID_INITIAL_STATE: BescheidState = 'entwurf';

/**
 * The Bescheid's own state machine, with the command that owns each edge. It runs beside the
 * Vorgang's (status.ts): submitting, approving and returning move both, an edit pulls both
 * back. Saving a draft keeps it a draft, hence the one loop. Nothing leaves `gesiegelt`.
 */
export const BESCHEID_EDGES: readonly StatusEdge<BescheidState, BescheidCommand>[] = [
  { from: 'entwurf', to: 'entwurf', via: 'saveBescheid' },
  { from: 'entwurf', to: 'eingereicht', via: 'submitBescheid' },
  { from: 'eingereicht', to: 'freigegeben', via: 'approveBescheid' },
  { from: 'eingereicht', to: 'zurueckgegeben', via: 'returnBescheid' },
  // An Einwand in the Umlauf.
  { from: 'eingereicht', to: 'zurueckgegeben', via: 'mitzeichnen' },
  // An edit voids the submission, the return comment's round or the Freigabe.
  { from: 'eingereicht', to: 'entwurf', via: 'saveBescheid' },
  { from: 'zurueckgegeben', to: 'entwurf', via: 'saveBescheid' },
  { from: 'freigegeben', to: 'entwurf', via: 'saveBescheid' },
  { from: 'zurueckgegeben', to: 'eingereicht', via: 'submitBescheid' },
  { from: 'freigegeben', to: 'gesiegelt', via: 'sealBescheid' },
];

/** Whether `via` may move a Bescheid from `from` to `to`. */
export function canBescheidTransition(from: BescheidState, to: BescheidState, via: BescheidCommand): boolean {
  return BESCHEID_EDGES.some((e) => e.from === from && e.to === to && e.via === via);
}

/** The states from which `via` applies at all (e.g. the states a Bescheid can be submitted in). */
export function bescheidStatesFor(via: BescheidCommand): readonly BescheidState[] {
  return [...new Set(BESCHEID_EDGES.filter((e) => e.via === via).map((e) => e.from))];
}

/** Throws DomainError invalid_transition unless `via` may move a Bescheid from `from` to `to`. */
export function assertBescheidTransition(from: BescheidState, to: BescheidState, via: BescheidCommand): void {
  if (!canBescheidTransition(from, to, via)) {
    throw new DomainError('invalid_transition', `A Bescheid in state ${from} cannot go to ${to} (${via})`);
  }
}

/** The Bescheid in state `to`, if the table lets `via` take that edge; the one way to set a state. */
export function bescheidTransition<T extends { readonly state: BescheidState }>(
  b: T,
  to: BescheidState,
  via: BescheidCommand,
): T {
  assertBescheidTransition(b.state, to, via);
  return { ...b, state: to };
}
