import { useLiveQuery } from 'dexie-react-hooks';
import type { Authority } from '../../../../shared/bescheid/authority.ts';
import { getMeta, type AmtsplatzDb } from '../../db/index.ts';

/**
 * The authority the Textvorlagen and the preview letter speak for: the server's configuration
 * (`--behoerde`), fetched by the sync worker with the Verfahren and kept in the local database,
 * so drafting works offline. Nothing here falls back to a built-in authority: a Bescheid drafted
 * for the wrong one would carry the wrong bank account, court and Rechtsbehelfsbelehrung.
 * `loading`: not fetched yet (first sync pending); `none`: the server has none configured.
 */
export type AuthorityState = { kind: 'loading' } | { kind: 'none' } | { kind: 'ready'; authority: Authority };

const LOADING: AuthorityState = { kind: 'loading' };
const NONE: AuthorityState = { kind: 'none' };

export async function readAuthority(db: AmtsplatzDb): Promise<AuthorityState> {
  const authority = await getMeta(db, 'authority');
  if (authority === undefined) return LOADING;
  return authority === null ? NONE : { kind: 'ready', authority };
}

export function useAuthority(db: AmtsplatzDb): AuthorityState {
  return useLiveQuery(() => readAuthority(db), [db], LOADING);
}

/** The i18n key saying why nothing can be drafted or previewed yet; null when the authority is there. */
export function authorityMissingKey(
  state: AuthorityState,
): 'bescheid.authority.loading' | 'bescheid.authority.none' | null {
  if (state.kind === 'ready') return null;
  return state.kind === 'loading' ? 'bescheid.authority.loading' : 'bescheid.authority.none';
}
