import { z } from 'zod';

/**
 * Vorgang status machine (ARCHITECTURE §3). The single source of truth for which
 * transitions exist; the client uses it for guidance and the server re-checks it.
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
] as const;
export const vorgangStatus = z.enum(VORGANG_STATUSES);
export type VorgangStatus = z.infer<typeof vorgangStatus>;

const TRANSITIONS: Readonly<Record<VorgangStatus, readonly VorgangStatus[]>> = {
  eingegangen: ['in_bearbeitung'],
  in_bearbeitung: ['wartet', 'entscheidungsreif'],
  wartet: ['in_bearbeitung'],
  entscheidungsreif: ['in_bearbeitung', 'zur_freigabe'],
  zur_freigabe: ['freigegeben', 'zurueckgegeben'],
  zurueckgegeben: ['in_bearbeitung', 'entscheidungsreif'],
  freigegeben: ['bescheid_erstellt'],
  bescheid_erstellt: ['versandt'],
  versandt: ['abgeschlossen'],
  abgeschlossen: [],
};

/**
 * Transitions that need more than the status machine (Nachforderung, 4-eyes Freigabe, sealing, dispatch)
 * and are therefore not reachable through the generic changeStatus mutator.
 */
const DEDICATED_TRANSITIONS: ReadonlySet<VorgangStatus> = new Set([
  // Waiting needs a Nachforderung with its own Frist (requestNachforderung).
  'wartet',
  'freigegeben',
  'zurueckgegeben',
  'bescheid_erstellt',
  // Dispatch records channel and date with it (recordDispatch).
  'versandt',
]);

export function allowedNextStatuses(from: VorgangStatus): readonly VorgangStatus[] {
  return TRANSITIONS[from];
}

export function canTransition(from: VorgangStatus, to: VorgangStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Next steps a clerk may take with the generic status change (no dedicated workflow). */
export function manualNextStatuses(from: VorgangStatus): readonly VorgangStatus[] {
  return TRANSITIONS[from].filter((s) => !DEDICATED_TRANSITIONS.has(s));
}

/** Statuses in which a Vorgang counts as open work (shown in the inbox). */
export const OPEN_STATUSES: readonly VorgangStatus[] = VORGANG_STATUSES.filter(
  (s) => s !== 'abgeschlossen' && s !== 'versandt',
);

/** Statuses in which the Prüfliste may still change; from entscheidungsreif on it is frozen. */
export const PRUEFLISTE_EDITABLE_STATUSES: readonly VorgangStatus[] = [
  'eingegangen',
  'in_bearbeitung',
  'wartet',
  'zurueckgegeben',
];
