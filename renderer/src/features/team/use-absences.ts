import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { absentColleaguesOf, type Absence, type IsoDate } from '../../../../shared/domain/index.ts';
import type { AmtsplatzDb } from '../../db/index.ts';

const NO_ABSENCES: Absence[] = [];
const NO_IDS: readonly string[] = [];

/** All absences the user may see (the server sends those of the own org unit), live. */
export function useAbsences(db: AmtsplatzDb): Absence[] {
  return useLiveQuery(() => db.absences.toArray(), [db], NO_ABSENCES);
}

/**
 * The colleagues the user stands in for today, sorted (a stable value for memos): their
 * absence names the user as deputy and covers today. Undefined until the first read answered.
 */
export function useDeputyFor(db: AmtsplatzDb, userId: string, today: IsoDate): readonly string[] | undefined {
  const named = useLiveQuery(() => db.absences.where('deputyId').equals(userId).toArray(), [db, userId]);
  return useMemo(() => {
    if (named === undefined) return undefined;
    const ids = absentColleaguesOf(named, userId, today).sort();
    return ids.length === 0 ? NO_IDS : ids;
  }, [named, userId, today]);
}
