import { createContext, useContext } from 'react';
import type { IsoDate, User, VerfahrenDef } from '../../../shared/domain/index.ts';
import type { InboxSource, InboxUiState } from '../features/inbox/index.ts';
import type { AmtsplatzDb, SyncHandle } from '../sync/index.ts';
import type { StoredSession } from './session-store.ts';

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
  /** Today in Germany; changes at Berlin midnight (Fristen, Wiedervorlagen and absences are Berlin days). */
  today: IsoDate;
}

export const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const w = useContext(WorkspaceContext);
  if (!w) throw new Error('useWorkspace outside of the Shell');
  return w;
}
