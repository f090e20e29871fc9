import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../../../shared/contracts/http/search.ts';
import {
  appendHits,
  hitKey,
  notSearchableLines,
  searchAnnouncement,
  searchInputProblem,
  snippetText,
} from './search-view.ts';

const V = '8a1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f01';
const D = '9b1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f01';

const hit = (dokumentId: string | null, text = 'Antrag'): SearchHit => ({
  vorgangId: V,
  aktenzeichen: '32.10.05-2026/00042',
  applicant: 'Weißmüller, Jörg',
  source: dokumentId === null ? 'antragsdaten' : 'dokument',
  dokument:
    dokumentId === null
      ? null
      : { id: dokumentId, name: 'Antrag.pdf', mediaType: 'application/pdf', seite: 1, method: 'text_layer' },
  snippet: [
    { text: 'Der ', mark: false },
    { text, mark: true },
  ],
});

describe('the search panel’s logic', () => {
  it('sends nothing shorter than two characters (counted as the user sees them) or longer than the limit', () => {
    expect(searchInputProblem(' a ')).toBe('tooShort');
    expect(searchInputProblem('😀')).toBe('tooShort');
    expect(searchInputProblem('Öz')).toBeNull();
    expect(searchInputProblem('x'.repeat(201))).toBe('tooLong');
  });

  it('tells the Antragsdaten and each document of a Vorgang apart, and adds a page without repeating a hit', () => {
    expect(hitKey(hit(null))).not.toBe(hitKey(hit(D)));
    const shown = [hit(null), hit(D)];
    const next = [hit(D, 'Anträge'), hit('9b1c2a6e-0d3c-4a57-9a0e-1c0b8d1e2f02')];
    expect(appendHits(shown, next).map(hitKey)).toEqual([...shown.map(hitKey), hitKey(next[1] as SearchHit)]);
  });

  it('announces the count, that more follow, no results, and offline', () => {
    expect(searchAnnouncement({ status: 'idle' })).toBeNull();
    expect(searchAnnouncement({ status: 'loading', q: 'x', hits: [] })).toEqual({ key: 'searching', count: 0 });
    const done = { status: 'done', q: 'Antrag', notSearchable: null } as const;
    expect(searchAnnouncement({ ...done, hits: [], hasMore: false })).toEqual({ key: 'none', count: 0 });
    expect(searchAnnouncement({ ...done, hits: [hit(null)], hasMore: false })).toEqual({ key: 'count', count: 1 });
    expect(searchAnnouncement({ ...done, hits: [hit(null), hit(D)], hasMore: true })).toEqual({
      key: 'countMore',
      count: 2,
    });
    expect(searchAnnouncement({ status: 'offline' })).toEqual({ key: 'offline', count: 0 });
  });

  it('lists what the search did not cover, leaving out what is zero', () => {
    expect(notSearchableLines(null)).toEqual([]);
    expect(notSearchableLines({ pending: 2, ocrUnavailable: 0, failed: 1, unsupported: 0 })).toEqual([
      { key: 'pending', count: 2 },
      { key: 'failed', count: 1 },
    ]);
  });

  it('reads a snippet as plain text', () => {
    expect(snippetText(hit(null).snippet)).toBe('Der Antrag');
  });
});
