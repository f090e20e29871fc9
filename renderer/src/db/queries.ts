import { Dexie } from 'dexie';
import type { AmtsplatzDb } from './index.ts';

/** Open (1, default) or closed (0) Vorgänge of one assignee ('' = the team queue), ordered by Frist. */
export function byAssignee(db: AmtsplatzDb, assigneeKey: string, open: 0 | 1 = 1) {
  return db.vorgaenge
    .where('[assigneeKey+open+frist]')
    .between([assigneeKey, open, Dexie.minKey], [assigneeKey, open, Dexie.maxKey]);
}

/** Open (1, default) or closed (0) Vorgänge of one org unit, ordered by Frist. */
export function byOrgUnit(db: AmtsplatzDb, orgUnitId: string, open: 0 | 1 = 1) {
  return db.vorgaenge
    .where('[orgUnitId+open+frist]')
    .between([orgUnitId, open, Dexie.minKey], [orgUnitId, open, Dexie.maxKey]);
}
