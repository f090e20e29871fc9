import { z } from 'zod';
import { endpoint } from './common.ts';

/** Hits per page at most; the first page is DEFAULT_SEARCH_LIMIT long unless asked otherwise. */
export const MAX_SEARCH_LIMIT = 50;
export const DEFAULT_SEARCH_LIMIT = 20;
/** Paging ends here: a search that needs more than this many hits needs more words instead. */
export const MAX_SEARCH_OFFSET = 1000;
export const MIN_SEARCH_CHARS = 2;
export const MAX_SEARCH_CHARS = 200;

/**
 * A full-text search over the Akten in the caller's scope. The text travels in the body, not
 * in the URL: a name searched for must not end up in a proxy's or browser's history.
 */
export const searchRequest = z
  .object({
    /** Web search syntax of PostgreSQL: words (all must occur), "a phrase", or, -not. */
    q: z.string().trim().min(MIN_SEARCH_CHARS).max(MAX_SEARCH_CHARS),
    limit: z.number().int().min(1).max(MAX_SEARCH_LIMIT).default(DEFAULT_SEARCH_LIMIT),
    offset: z.number().int().min(0).max(MAX_SEARCH_OFFSET).default(0),
  })
  .strict();
export type SearchRequest = z.input<typeof searchRequest>;

/** A piece of a snippet: text, highlighted (`mark`) where it matched the search. */
export const snippetSegment = z.object({ text: z.string(), mark: z.boolean() });
export type SnippetSegment = z.infer<typeof snippetSegment>;

/** How a document's text was read: its text layer, by OCR (a scan), or as a text file. */
export const EXTRACTION_METHODS = ['text_layer', 'ocr', 'plain_text'] as const;
export const extractionMethod = z.enum(EXTRACTION_METHODS);
export type ExtractionMethod = z.infer<typeof extractionMethod>;

export const searchHit = z.object({
  /** The Vorgang, which is also the id of its Akte. */
  vorgangId: z.uuid(),
  aktenzeichen: z.string(),
  /** "Familyname, Givenname" as the lists show it. */
  applicant: z.string(),
  /** Where the words were found: the Antragsdaten of the Vorgang, or one of its documents. */
  source: z.enum(['antragsdaten', 'dokument']),
  dokument: z
    .object({
      id: z.uuid(),
      name: z.string(),
      mediaType: z.string(),
      /** The page the snippet comes from. */
      seite: z.number().int().positive().nullable(),
      method: extractionMethod,
    })
    .nullable(),
  snippet: z.array(snippetSegment),
});
export type SearchHit = z.infer<typeof searchHit>;

/**
 * Documents in the caller's scope whose text the search does not cover (yet): still being
 * read, scans without OCR on the server ("OCR nicht verfügbar"), unreadable files, and types
 * without text extraction. Counted on the first page only (offset 0), else null.
 */
export const notSearchable = z.object({
  pending: z.number().int().nonnegative(),
  ocrUnavailable: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  unsupported: z.number().int().nonnegative(),
});
export type NotSearchable = z.infer<typeof notSearchable>;

export const searchResponse = z.object({
  hits: z.array(searchHit),
  /** More hits follow: ask again with offset + hits.length. */
  hasMore: z.boolean(),
  notSearchable: notSearchable.nullable(),
});
export type SearchResponse = z.infer<typeof searchResponse>;

export const searchEndpoints = {
  search: endpoint({
    method: 'POST',
    path: '/api/search',
    summary: 'Full-text search over the Antragsdaten and the filed documents of the Akten in scope (case work only)',
    auth: true,
    body: searchRequest,
    response: searchResponse,
  }),
};
