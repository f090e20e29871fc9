import { z } from 'zod';
import type {
  ExtractionMethod,
  NotSearchable,
  SearchHit,
  SearchResponse,
} from '../../../../shared/contracts/http/search.ts';
import type { User } from '../../../../shared/domain/user.ts';
import { applicant as applicantSchema, applicantName } from '../../../../shared/domain/vorgang.ts';
import type { Queryable } from '../../db/database.ts';
import { granteesOf } from '../sync/scopes.ts';
import { headlineSegments, MARK_END, MARK_START, searchText } from './text.ts';

export interface SearchInput {
  q: string;
  limit: number;
  offset: number;
}

/** ts_headline: up to two fragments of 10–30 words around the matches, between the marks. */
const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=10, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;

/*
 * The hits in the actor's scope, ranked: $1 query, $2 org unit, $3 the actor's grantees.
 * Antragsdaten through their Vorgang (owning org unit, or a grant sharing the Vorgang);
 * documents through their `dokumente` row (owning org unit, or a grant sharing documents).
 * Each file is ranked once, before the join (bytes filed under many Vorgänge rank alike), so
 * only narrow rows are joined; the two document branches stay apart so each uses its index:
 * (org_unit_id, sha256) for the owner, (vorgang_id) for the few Vorgänge a grant shares. Among
 * equal ranks the newest change comes first (change_seq: one sequence for all tables).
 */
const HITS = `
  SELECT a.vorgang_id, NULL::uuid AS dokument_id, NULL::text AS sha256, a.rank, v.change_seq AS seq
    FROM (SELECT vorgang_id, ts_rank(tsv, $1::tsquery, 1) AS rank FROM volltext_antraege
           WHERE tsv @@ $1::tsquery) AS a
    JOIN vorgaenge v ON v.id = a.vorgang_id
   WHERE v.org_unit_id = $2 OR EXISTS (SELECT 1 FROM scope_grants g WHERE g.vorgang_id = v.id
           AND g.grantee = ANY($3::text[]) AND 'vorgang' = ANY(g.entities))
  UNION ALL
  SELECT d.vorgang_id, d.id, d.sha256, f.rank, d.change_seq
    FROM files f CROSS JOIN LATERAL (
      -- OFFSET 0 keeps this an index lookup per file: the planner would scan all documents.
      SELECT d.vorgang_id, d.id, d.sha256, d.change_seq FROM dokumente d
       WHERE d.org_unit_id = $2 AND d.sha256 = f.sha256 OFFSET 0) AS d
  UNION ALL
  SELECT d.vorgang_id, d.id, d.sha256, f.rank, d.change_seq
    FROM dokumente d JOIN files f ON f.sha256 = d.sha256
   WHERE d.vorgang_id IN (SELECT g.vorgang_id FROM scope_grants g
                           WHERE g.grantee = ANY($3::text[]) AND 'dokument' = ANY(g.entities))
     AND d.org_unit_id <> $2`;

const FILES = `SELECT sha256, ts_rank(tsv, $1::tsquery, 1) AS rank FROM volltext_dateien WHERE tsv @@ $1::tsquery`;

const ORDER = 'rank DESC, seq DESC, vorgang_id, dokument_id NULLS FIRST';

/*
 * One page of hits with what the list shows: $4 limit, $5 offset, $6 the query's words joined
 * by OR (which page of a document fits best when no single page has all of them), $7 the
 * headline options. The snippet of a document comes from its best page, not from the whole
 * text: ts_headline reads the text it is given, and a page is short.
 */
const PAGE_SQL = `
WITH files AS MATERIALIZED (${FILES}),
hits AS (${HITS}),
page AS (SELECT * FROM hits ORDER BY ${ORDER} LIMIT $4 OFFSET $5)
SELECT p.vorgang_id, p.dokument_id, v.aktenzeichen, v.doc->'applicant' AS applicant, d.doc AS dokument,
       s.seite, s.method,
       ts_headline('german', coalesce(s.text, a.text, ''), $1::tsquery, $7) AS headline
  FROM page p
  JOIN vorgaenge v ON v.id = p.vorgang_id
  LEFT JOIN volltext_antraege a ON p.dokument_id IS NULL AND a.vorgang_id = p.vorgang_id
  LEFT JOIN dokumente d ON d.id = p.dokument_id
  LEFT JOIN LATERAL (
    SELECT s.seite, s.method, s.text FROM volltext_seiten s
     WHERE s.sha256 = p.sha256
     ORDER BY s.tsv @@ $1::tsquery DESC, ts_rank(s.tsv, to_tsquery('simple', $6)) DESC, s.seite
     LIMIT 1) s ON true
 ORDER BY p.rank DESC, p.seq DESC, p.vorgang_id, p.dokument_id NULLS FIRST`;

const dokumentShown = z.object({ name: z.string(), mediaType: z.string() });

interface HitRow {
  vorgang_id: string;
  dokument_id: string | null;
  aktenzeichen: string;
  applicant: unknown;
  dokument: unknown;
  seite: number | null;
  method: ExtractionMethod | null;
  headline: string;
}

/*
 * Documents in scope the search does not cover: $1 org unit, $2 grantees. Joined from the few
 * files that are not indexed (and the queue), each through the same two branches as the hits.
 */
const visibleDokumente = (from: string, key: string) => `
  SELECT ${key} AS state FROM ${from} JOIN dokumente d ON d.sha256 = x.sha256 AND d.org_unit_id = $1
  UNION ALL
  SELECT ${key} FROM ${from} JOIN dokumente d ON d.sha256 = x.sha256
   WHERE d.org_unit_id <> $1 AND d.vorgang_id IN (SELECT g.vorgang_id FROM scope_grants g
                                                  WHERE g.grantee = ANY($2::text[]) AND 'dokument' = ANY(g.entities))`;

const NOT_SEARCHABLE_SQL = `
SELECT state, count(*)::int AS n FROM (
  ${visibleDokumente(`(SELECT sha256, state FROM volltext_dateien WHERE state IN ('ocr_unavailable', 'failed', 'unsupported')) x`, 'x.state')}
  UNION ALL
  ${visibleDokumente('volltext_auftraege x', "'pending'")}
) AS c GROUP BY state`;

async function notSearchable(q: Queryable, orgUnitId: string, grantees: readonly string[]): Promise<NotSearchable> {
  const rows = await q.query<{ state: string; n: number }>(NOT_SEARCHABLE_SQL, [orgUnitId, [...grantees]]);
  const n = (state: string) => rows.find((r) => r.state === state)?.n ?? 0;
  return {
    pending: n('pending'),
    ocrUnavailable: n('ocr_unavailable'),
    failed: n('failed'),
    unsupported: n('unsupported'),
  };
}

/** The query as PostgreSQL reads it; `searchable` false when it has no word to look for. */
async function parseQuery(q: Queryable, text: string): Promise<{ query: string; any: string; searchable: boolean }> {
  const [row] = await q.query<{ query: string; tree: string; any: string }>(
    `SELECT q::text AS query, querytree(q) AS tree,
            coalesce((SELECT string_agg(quote_literal(l), ' | ') FROM unnest(tsvector_to_array(to_tsvector('german', $1))) AS l), '') AS any
       FROM websearch_to_tsquery('german', $1) AS q`,
    [text],
  );
  // Only stop words ("der die das"): an empty query. Only negations ("-haus"): T, which would
  // match nearly everything without an index.
  const searchable = row !== undefined && row.query !== '' && row.tree !== 'T' && row.any !== '';
  return { query: row?.query ?? '', any: row?.any ?? '', searchable };
}

/**
 * The full-text search of the Akten view (docs/search.md): the Antragsdaten and the filed
 * documents in the actor's scope — the own org unit's Vorgänge and what grants share with the
 * actor or the unit — ranked by ts_rank, the newest change first among equals, with a snippet
 * each. Only for case work (the caller checks the role). Nothing of the query is logged.
 */
export async function searchAkten(q: Queryable, actor: User, input: SearchInput): Promise<SearchResponse> {
  const grantees = granteesOf(actor);
  const parsed = await parseQuery(q, searchText(input.q));
  const counts = input.offset === 0 ? await notSearchable(q, actor.orgUnitId, grantees) : null;
  if (!parsed.searchable) return { hits: [], hasMore: false, notSearchable: counts };
  const rows = await q.query<HitRow>(PAGE_SQL, [
    parsed.query,
    actor.orgUnitId,
    grantees,
    input.limit + 1,
    input.offset,
    parsed.any,
    HEADLINE_OPTIONS,
  ]);
  const hits = rows.slice(0, input.limit).map(hitOf);
  return { hits, hasMore: rows.length > input.limit, notSearchable: counts };
}

function hitOf(row: HitRow): SearchHit {
  const applicant = applicantSchema.safeParse(row.applicant);
  const base = {
    vorgangId: row.vorgang_id,
    aktenzeichen: row.aktenzeichen,
    applicant: applicant.success ? applicantName(applicant.data) : '',
    snippet: headlineSegments(row.headline),
  };
  if (row.dokument_id === null) return { ...base, source: 'antragsdaten', dokument: null };
  // Only what the hit shows: the rest of the Dokument's schema may grow without the search.
  const d = dokumentShown.safeParse(row.dokument);
  return {
    ...base,
    source: 'dokument',
    dokument: {
      id: row.dokument_id,
      name: d.success ? d.data.name : '',
      mediaType: d.success ? d.data.mediaType : 'application/octet-stream',
      seite: row.seite,
      method: row.method ?? 'text_layer',
    },
  };
}
