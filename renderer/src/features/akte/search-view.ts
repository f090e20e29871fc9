import {
  MAX_SEARCH_CHARS,
  MIN_SEARCH_CHARS,
  type NotSearchable,
  type SearchHit,
  type SnippetSegment,
} from '../../../../shared/contracts/http/search.ts';

/** The full-text search panel's state (AktenSearch.tsx); the server answers, the panel shows. */
export type SearchState =
  | { status: 'idle' }
  | { status: 'loading'; q: string; hits: readonly SearchHit[] }
  | { status: 'done'; q: string; hits: readonly SearchHit[]; hasMore: boolean; notSearchable: NotSearchable | null }
  | { status: 'offline' }
  | { status: 'failed'; code: string };

export const IDLE: SearchState = { status: 'idle' };

/** Why the text cannot be sent yet; null when it can. */
export function searchInputProblem(text: string): 'tooShort' | 'tooLong' | null {
  const q = text.trim();
  if (Array.from(q).length < MIN_SEARCH_CHARS) return 'tooShort';
  if (q.length > MAX_SEARCH_CHARS) return 'tooLong';
  return null;
}

/** A hit's identity in the list: the Vorgang's Antragsdaten, or one of its documents. */
export const hitKey = (h: SearchHit): string => `${h.vorgangId}:${h.dokument?.id ?? 'antragsdaten'}`;

/** The next page after the shown ones; a hit the list has already (the ranking moved) comes once. */
export function appendHits(shown: readonly SearchHit[], next: readonly SearchHit[]): SearchHit[] {
  const seen = new Set(shown.map(hitKey));
  return [...shown, ...next.filter((h) => !seen.has(hitKey(h)))];
}

/** What the live region says, as an i18n key of `akte.search` with its count; null: nothing. */
export function searchAnnouncement(
  state: SearchState,
): { key: 'searching' | 'none' | 'count' | 'countMore' | 'offline'; count: number } | null {
  switch (state.status) {
    case 'idle':
    case 'failed':
      return null;
    case 'loading':
      return { key: 'searching', count: state.hits.length };
    case 'offline':
      return { key: 'offline', count: 0 };
    case 'done':
      if (state.hits.length === 0) return { key: 'none', count: 0 };
      return { key: state.hasMore ? 'countMore' : 'count', count: state.hits.length };
  }
}

/** The kinds of documents the search did not cover, with their counts, in the order shown; zeros left out. */
export function notSearchableLines(
  n: NotSearchable | null,
): { key: 'pending' | 'ocrUnavailable' | 'failed' | 'unsupported'; count: number }[] {
  if (!n) return [];
  return (['pending', 'ocrUnavailable', 'failed', 'unsupported'] as const)
    .map((key) => ({ key, count: n[key] }))
    .filter((l) => l.count > 0);
}

/** A snippet as plain text (the link's accessible description, and tests). */
export const snippetText = (segments: readonly SnippetSegment[]): string => segments.map((s) => s.text).join('');
