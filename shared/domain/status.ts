import { z } from 'zod';
import { DomainError } from './errors.ts';

/**
 * Vorgang status machine (ARCHITECTURE §3). The single source of truth for which
 * transitions exist and which command takes each; the client uses it for guidance and the
 * server re-checks it. Every status write goes through `transition`.
 */
export const VORGANG_STATUSES = [
  'eingegangen',
  'in_bearbeitung',
  'wartet',
  'entscheidungsreif',
  'zur_freigabe',
  'freigegeben',
  'zurueckgegeben',
  'bescheid_erstellt',
  'versandt',
  'abgeschlossen',
  /** Handed to another authority (Abgabe, xdomea 0401): read-only until it leaves the scope. */
  'abgegeben',
] as const;
export const vorgangStatus = z.enum(VORGANG_STATUSES);
export type VorgangStatus = z.infer<typeof vorgangStatus>;

/** The commands that move a Vorgang's status (client mutators and server commands, by name). */
export const STATUS_COMMANDS = [
  'changeStatus',
  'requestNachforderung',
  'receiveNachreichung',
  'saveBescheid',
  'submitBescheid',
  'approveBescheid',
  'returnBescheid',
  'sealBescheid',
  'recordDispatch',
  'verfuegeZda',
  'wiederaufnehmen',
  'abgebenAnBehoerde',
  'mitzeichnen',
] as const;
export type StatusCommand = (typeof STATUS_COMMANDS)[number];

export interface StatusEdge<S extends string, C extends string> {
  readonly from: S;
  readonly to: S;
  /** The one command that may take this edge. */
  readonly via: C;
}

/**
 * Every edge with the command that owns it. `changeStatus` (the clerk's status buttons) owns
 * only the steps that need nothing but the step itself; whatever needs more (a Nachforderung
 * with its Frist, a submitted Bescheid, the 4-eyes Freigabe, the seal, the dispatch record)
 * has its own command. zur_freigabe in particular is reached only by submitting a Bescheid:
 * without one, nobody could ever take the Vorgang on from there.
 */
export const VORGANG_EDGES: readonly StatusEdge<VorgangStatus, StatusCommand>[] = [
  { from: 'eingegangen', to: 'in_bearbeitung', via: 'changeStatus' },
  { from: 'in_bearbeitung', to: 'entscheidungsreif', via: 'changeStatus' },
  { from: 'in_bearbeitung', to: 'wartet', via: 'requestNachforderung' },
  // By hand this ends the Nachforderung; a Nachreichung ends it on its own.
  { from: 'wartet', to: 'in_bearbeitung', via: 'changeStatus' },
  { from: 'wartet', to: 'in_bearbeitung', via: 'receiveNachreichung' },
  { from: 'entscheidungsreif', to: 'in_bearbeitung', via: 'changeStatus' },
  { from: 'entscheidungsreif', to: 'zur_freigabe', via: 'submitBescheid' },
  { from: 'zur_freigabe', to: 'freigegeben', via: 'approveBescheid' },
  { from: 'zur_freigabe', to: 'zurueckgegeben', via: 'returnBescheid' },
  // An Einwand in the Umlauf sends the draft back to its author, as a return does.
  { from: 'zur_freigabe', to: 'zurueckgegeben', via: 'mitzeichnen' },
  // Editing the Bescheid voids its submission or Freigabe: the decision is open again.
  { from: 'zur_freigabe', to: 'entscheidungsreif', via: 'saveBescheid' },
  { from: 'freigegeben', to: 'entscheidungsreif', via: 'saveBescheid' },
  { from: 'zurueckgegeben', to: 'entscheidungsreif', via: 'saveBescheid' },
  { from: 'zurueckgegeben', to: 'entscheidungsreif', via: 'changeStatus' },
  { from: 'zurueckgegeben', to: 'in_bearbeitung', via: 'changeStatus' },
  { from: 'freigegeben', to: 'bescheid_erstellt', via: 'sealBescheid' },
  { from: 'bescheid_erstellt', to: 'versandt', via: 'recordDispatch' },
  // z.d.A. (zu den Akten): after the dispatch, or without a Bescheid (Rücknahme, Erledigung auf
  // andere Weise) from every status in which none is in flight. Only a lead reopens.
  { from: 'versandt', to: 'abgeschlossen', via: 'verfuegeZda' },
  { from: 'eingegangen', to: 'abgeschlossen', via: 'verfuegeZda' },
  { from: 'in_bearbeitung', to: 'abgeschlossen', via: 'verfuegeZda' },
  { from: 'wartet', to: 'abgeschlossen', via: 'verfuegeZda' },
  { from: 'entscheidungsreif', to: 'abgeschlossen', via: 'verfuegeZda' },
  { from: 'zurueckgegeben', to: 'abgeschlossen', via: 'verfuegeZda' },
  { from: 'abgeschlossen', to: 'in_bearbeitung', via: 'wiederaufnehmen' },
  // Abgabe to another authority (not competent): from every status in which no Bescheid is in
  // flight, and for good: the Vorgang leaves the authority once the message is delivered.
  { from: 'eingegangen', to: 'abgegeben', via: 'abgebenAnBehoerde' },
  { from: 'in_bearbeitung', to: 'abgegeben', via: 'abgebenAnBehoerde' },
  { from: 'wartet', to: 'abgegeben', via: 'abgebenAnBehoerde' },
  { from: 'entscheidungsreif', to: 'abgegeben', via: 'abgebenAnBehoerde' },
  { from: 'zurueckgegeben', to: 'abgegeben', via: 'abgebenAnBehoerde' },
];

function distinct<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

/** Every status reachable from `from` in one step, by any command. */
export function allowedNextStatuses(from: VorgangStatus): readonly VorgangStatus[] {
  return distinct(VORGANG_EDGES.filter((e) => e.from === from).map((e) => e.to));
}

/** Whether `via` may move a Vorgang from `from` to `to`. */
export function canTransition(from: VorgangStatus, to: VorgangStatus, via: StatusCommand): boolean {
  return VORGANG_EDGES.some((e) => e.from === from && e.to === to && e.via === via);
}

/** The statuses `via` can reach from `from`. */
export function nextStatusesVia(from: VorgangStatus, via: StatusCommand): readonly VorgangStatus[] {
  return VORGANG_EDGES.filter((e) => e.from === from && e.via === via).map((e) => e.to);
}

/** Next steps a clerk may take with the generic status change (the workspace's status buttons). */
export function manualNextStatuses(from: VorgangStatus): readonly VorgangStatus[] {
  return nextStatusesVia(from, 'changeStatus');
}

/** Throws DomainError invalid_transition unless `via` may move a Vorgang from `from` to `to`. */
export function assertTransition(from: VorgangStatus, to: VorgangStatus, via: StatusCommand): void {
  if (!canTransition(from, to, via)) {
    throw new DomainError('invalid_transition', `Status change ${from} → ${to} is not allowed`);
  }
}

/** The Vorgang in status `to`, if the table lets `via` take that edge; the one way to set a status. */
export function transition<T extends { readonly status: VorgangStatus }>(
  v: T,
  to: VorgangStatus,
  via: StatusCommand,
): T {
  assertTransition(v.status, to, via);
  return { ...v, status: to };
}

/** Statuses in which a Vorgang counts as open work (shown in the inbox). */
export const OPEN_STATUSES: readonly VorgangStatus[] = VORGANG_STATUSES.filter(
  (s) => s !== 'abgeschlossen' && s !== 'versandt' && s !== 'abgegeben',
);

/** Statuses in which the Prüfliste may still change; from entscheidungsreif on it is frozen. */
export const PRUEFLISTE_EDITABLE_STATUSES: readonly VorgangStatus[] = [
  'eingegangen',
  'in_bearbeitung',
  'wartet',
  'zurueckgegeben',
];
