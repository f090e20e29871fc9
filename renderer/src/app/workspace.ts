import { createContext, useContext } from 'react';
import type { User, VerfahrenDef } from '../../../shared/domain/index.ts';
import type { InboxSource } from '../features/inbox/inbox-source.ts';
import type { AmtsplatzDb, SyncHandle } from '../sync/index.ts';
import type { StoredSession } from './session-store.ts';
import type { InboxView, StatusFilter } from '../features/inbox/inbox-index.ts';

/** Inbox filters and positions, kept while the clerk looks at a Vorgang and comes back. */
export interface InboxUiState {
  status: StatusFilter;
  verfahrenId: string | null;
  text: string;
  scrollTop: Record<InboxView, number>;
  activeId: Record<InboxView, string | null>;
  /** Where "back to the inbox" goes. */
  lastView: InboxView;
}

export function initialInboxUiState(): InboxUiState {
  return {
    status: 'open',
    verfahrenId: null,
    text: '',
    scrollTop: { mine: 0, team: 0, open: 0 },
    activeId: { mine: null, team: null, open: null },
    lastView: 'mine',
  };
}

export interface Lookups {
  users: ReadonlyMap<string, User>;
  verfahren: ReadonlyMap<string, VerfahrenDef>;
}

/** Everything a logged-in screen needs; provided by the Shell. */
export interface Workspace {
  session: StoredSession;
  handle: SyncHandle;
  db: AmtsplatzDb;
  source: InboxSource;
  lookups: Lookups;
  inboxState: InboxUiState;
}

export const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const w = useContext(WorkspaceContext);
  if (!w) throw new Error('useWorkspace outside of the Shell');
  return w;
}
