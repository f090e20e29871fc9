import { INBOX_VIEWS, type InboxView, type StatusFilter } from './inbox-index.ts';

/**
 * Inbox filters and positions, kept by the Shell while the clerk looks at a Vorgang and comes
 * back: the inbox screen unmounts in between, so nothing of this may live in its own state.
 * The filters are shared by all views; scroll position and active row are per view.
 */
export interface InboxUiState {
  status: StatusFilter;
  verfahrenId: string | null;
  text: string;
  scrollTop: Record<InboxView, number>;
  activeId: Record<InboxView, string | null>;
  /** Where "back to the inbox" goes. */
  lastView: InboxView;
}

function perView<T>(value: T): Record<InboxView, T> {
  return Object.fromEntries(INBOX_VIEWS.map((v) => [v, value])) as Record<InboxView, T>;
}

export function initialInboxUiState(): InboxUiState {
  return {
    status: 'open',
    verfahrenId: null,
    text: '',
    scrollTop: perView(0),
    activeId: perView<string | null>(null),
    lastView: 'mine',
  };
}

export interface InboxFilters {
  status: StatusFilter;
  verfahrenId: string | null;
  text: string;
}

export function filtersOf(s: InboxUiState): InboxFilters {
  return { status: s.status, verfahrenId: s.verfahrenId, text: s.text };
}

export function rememberFilters(s: InboxUiState, f: InboxFilters): void {
  s.status = f.status;
  s.verfahrenId = f.verfahrenId;
  s.text = f.text;
}

/** What a view shows when it mounts: where the clerk left it, and whether they come back to it. */
export interface ViewPosition {
  scrollTop: number;
  activeId: string | null;
  /** Back from a Vorgang opened here: the focus goes to the grid, not to the heading. */
  returning: boolean;
}

export function positionOf(s: InboxUiState, view: InboxView): ViewPosition {
  const activeId = s.activeId[view];
  return { scrollTop: s.scrollTop[view], activeId, returning: activeId !== null };
}

export function rememberScroll(s: InboxUiState, view: InboxView, top: number): void {
  s.scrollTop[view] = top;
}

export function rememberActive(s: InboxUiState, view: InboxView, id: string | null): void {
  s.activeId[view] = id;
}
