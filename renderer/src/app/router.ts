import { useSyncExternalStore } from 'react';
import { isInboxView, type InboxView } from '../features/inbox/index.ts';

/** Hash routes: they work the same under file:// (desktop) and http(s):// (web mode). */
export type Route =
  | { name: 'inbox'; view: InboxView }
  | { name: 'vorgang'; id: string }
  | { name: 'absences' }
  | { name: 'freigaben' }
  | { name: 'akten' }
  | { name: 'akte'; id: string }
  | { name: 'aussonderung' };

export const DEFAULT_ROUTE: Route = { name: 'inbox', view: 'mine' };

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second] = parts;
  if (first === 'inbox' && parts.length === 2 && second !== undefined && isInboxView(second)) {
    return { name: 'inbox', view: second };
  }
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
    case 'inbox':
      return `#/inbox/${route.view}`;
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
