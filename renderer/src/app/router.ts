import { useSyncExternalStore } from 'react';
import {
  inboxLinkQuery,
  isInboxView,
  parseInboxLink,
  type InboxFilter,
  type InboxView,
  type StatusFilter,
} from '../features/inbox/index.ts';

/**
 * Hash routes: they work the same under file:// (desktop) and http(s):// (web mode). An inbox
 * route may carry a link's narrowing and starting status in its query (features/inbox/route-filter.ts).
 */
export type Route =
  | { name: 'inbox'; view: InboxView; filter?: InboxFilter; status?: StatusFilter }
  | { name: 'vorgang'; id: string }
  | { name: 'team' }
  | { name: 'absences' }
  | { name: 'freigaben' }
  | { name: 'akten' }
  | { name: 'akte'; id: string }
  | { name: 'aussonderung' };

export const DEFAULT_ROUTE: Route = { name: 'inbox', view: 'mine' };

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const query = q < 0 ? '' : raw.slice(q + 1);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second] = parts;
  if (first === 'inbox' && parts.length === 2 && second !== undefined && isInboxView(second)) {
    return { name: 'inbox', view: second, ...parseInboxLink(new URLSearchParams(query)) };
  }
  if (first === 'team' && parts.length === 1) return { name: 'team' };
  if (first === 'vorgang' && parts.length === 2 && second) return { name: 'vorgang', id: second };
  if (first === 'team' && second === 'absences' && parts.length === 2) return { name: 'absences' };
  if (first === 'freigaben' && parts.length === 1) return { name: 'freigaben' };
  if (first === 'akten' && parts.length === 1) return { name: 'akten' };
  if (first === 'akte' && parts.length === 2 && second) return { name: 'akte', id: second };
  if (first === 'aussonderung' && parts.length === 1) return { name: 'aussonderung' };
  return DEFAULT_ROUTE;
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'inbox': {
      const query = inboxLinkQuery(route);
      return `#/inbox/${route.view}${query ? `?${query}` : ''}`;
    }
    case 'team':
      return '#/team';
    case 'vorgang':
      return `#/vorgang/${encodeURIComponent(route.id)}`;
    case 'absences':
      return '#/team/absences';
    case 'freigaben':
      return '#/freigaben';
    case 'akten':
      return '#/akten';
    case 'akte':
      return `#/akte/${encodeURIComponent(route.id)}`;
    case 'aussonderung':
      return '#/aussonderung';
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefFor(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseHash(hash);
}
