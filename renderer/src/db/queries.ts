import { Dexie } from 'dexie';
import type { AmtsplatzDb } from './index.ts';

/** Vorgänge of one assignee ('' = the team queue), ordered by Frist, via [assigneeKey+frist]. */
export function byAssignee(db: AmtsplatzDb, assigneeKey: string) {
  return db.vorgaenge.where('[assigneeKey+frist]').between([assigneeKey, Dexie.minKey], [assigneeKey, Dexie.maxKey]);
}

/** Vorgänge of one org unit, ordered by Frist, via [orgUnitId+frist]. */
export function byOrgUnit(db: AmtsplatzDb, orgUnitId: string) {
  return db.vorgaenge.where('[orgUnitId+frist]').between([orgUnitId, Dexie.minKey], [orgUnitId, Dexie.maxKey]);
}
