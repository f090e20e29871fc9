import { canTransition, manualNextStatuses, type VorgangStatus } from '../../../../shared/domain/index.ts';

export interface StatusActionSet {
  /** One "Status ändern zu …" button each: the manual edges of the status table. */
  buttons: readonly VorgangStatus[];
  /** The Nachforderung dialog (requestNachforderung's edge). */
  requestNachforderung: boolean;
  /** Leaving `wartet` by hand is "ending the Nachforderung", a button of its own. */
  endNachforderung: boolean;
}

/**
 * What the workspace offers for a status, straight from the status table: never a step that
 * another command owns (the Freigabe comes from submitting the Bescheid, sealing and dispatch
 * from the Bescheid pane).
 */
export function statusActionsFor(status: VorgangStatus): StatusActionSet {
  const waiting = status === 'wartet';
  return {
    buttons: manualNextStatuses(status).filter((s) => !(waiting && s === 'in_bearbeitung')),
    requestNachforderung: canTransition(status, 'wartet', 'requestNachforderung'),
    endNachforderung: waiting && canTransition(status, 'in_bearbeitung', 'changeStatus'),
  };
}
