import { Dexie } from 'dexie';
import type { AmtsplatzDb } from './index.ts';
import { normalizeSearch, type VorgangRow } from './rows.ts';

/** Vorgänge of one assignee ('' = the team queue), ordered by Frist, via [assigneeKey+frist]. */
export function byAssignee(db: AmtsplatzDb, assigneeKey: string) {
  return db.vorgaenge.where('[assigneeKey+frist]').between([assigneeKey, Dexie.minKey], [assigneeKey, Dexie.maxKey]);
}

/** Vorgänge of one org unit, ordered by Frist, via [orgUnitId+frist]. */
export function byOrgUnit(db: AmtsplatzDb, orgUnitId: string) {
  return db.vorgaenge.where('[orgUnitId+frist]').between([orgUnitId, Dexie.minKey], [orgUnitId, Dexie.maxKey]);
}

/**
 * Word-prefix search over Aktenzeichen and applicant names ("müller 2026/00" finds Müller's
 * Vorgänge of 2026). The first word uses the searchTokens index; the others filter its hits.
 */
export async function searchVorgaenge(db: AmtsplatzDb, query: string, limit = 50): Promise<VorgangRow[]> {
  const [first, ...rest] = normalizeSearch(query).split(/\s+/).filter(Boolean);
  if (first === undefined) return [];
  return db.vorgaenge
    .where('searchTokens')
    .startsWith(first)
    .distinct()
    .filter((row) => rest.every((w) => row.searchTokens.some((t) => t.startsWith(w))))
    .limit(limit)
    .toArray();
}
