import { useLiveQuery } from 'dexie-react-hooks';
import type { Absence } from '../../../../shared/domain/index.ts';
import type { AmtsplatzDb } from '../../sync/index.ts';

/** The data layer's document, blob and journal API as the workspace uses it. */
export { useBlobState, useDokumente, useJournal, type BlobState, type JournalView } from '../../sync/index.ts';

const NO_ABSENCES: Absence[] = [];

/** The absences of the Vorgang's assignee (for the deputy rule); none when unassigned. */
export function useAssigneeAbsences(db: AmtsplatzDb, assigneeId: string | null): Absence[] {
  return useLiveQuery(
    () => (assigneeId === null ? NO_ABSENCES : db.absences.where('userId').equals(assigneeId).toArray()),
    [db, assigneeId],
    NO_ABSENCES,
  );
}
