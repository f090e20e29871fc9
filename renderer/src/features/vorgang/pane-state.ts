/** The panes of the Vorgang workspace, in tab order. */
export const PANES = ['antragsdaten', 'dokumente', 'pruefliste', 'bescheid', 'notizen', 'journal'] as const;
export type Pane = (typeof PANES)[number];

export function isPane(x: unknown): x is Pane {
  return typeof x === 'string' && (PANES as readonly string[]).includes(x);
}

const KEY = 'amtsplatzVorgangPane';

/**
 * The pane remembered in a history entry's state. The hash route stays `#/vorgang/<id>` (the
 * router's), while the pane rides on the entry: reload, back and forward bring it back.
 */
export function paneFromHistoryState(state: unknown): Pane {
  if (typeof state !== 'object' || state === null) return 'antragsdaten';
  const pane: unknown = (state as Record<string, unknown>)[KEY];
  return isPane(pane) ? pane : 'antragsdaten';
}

/** The history state with the pane set, keeping whatever else others put there. */
export function historyStateWithPane(state: unknown, pane: Pane): Record<string, unknown> {
  const base = typeof state === 'object' && state !== null ? (state as Record<string, unknown>) : {};
  return { ...base, [KEY]: pane };
}
