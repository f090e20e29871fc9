import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { historyStateWithPane, paneFromHistoryState, type Pane } from './pane-state.ts';

/**
 * The selected pane, kept in the history entry (see pane-state.ts). `setPane(p, { focus })`
 * also moves the focus to the selected tab, for links such as "Zur Prüfliste".
 */
export function usePane(): [
  Pane,
  (pane: Pane, options?: { focus?: boolean }) => void,
  RefObject<HTMLDivElement | null>,
] {
  const [pane, setPaneState] = useState<Pane>(() => paneFromHistoryState(window.history.state));
  const [focusRequest, setFocusRequest] = useState(0);
  const tabsRef = useRef<HTMLDivElement>(null);

  const setPane = useCallback((next: Pane, options?: { focus?: boolean }) => {
    setPaneState(next);
    window.history.replaceState(historyStateWithPane(window.history.state, next), '');
    if (options?.focus) setFocusRequest((n) => n + 1);
  }, []);

  useEffect(() => {
    if (focusRequest === 0) return;
    const tab = tabsRef.current?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]');
    tab?.focus();
    tab?.scrollIntoView({ block: 'nearest' });
  }, [focusRequest]);

  return [pane, setPane, tabsRef];
}
