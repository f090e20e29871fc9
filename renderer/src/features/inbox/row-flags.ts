import {
  OPEN_STATUSES,
  daysUntil,
  isOverdue as isPast,
  isWiedervorlageDue,
  type Vorgang,
  type VorgangStatus,
} from '../../../../shared/domain/index.ts';

const OPEN: ReadonlySet<VorgangStatus> = new Set(OPEN_STATUSES);

/** What a row points out besides its data; computed for the rows on screen only. */
export interface RowFlags {
  /** The Wiedervorlage date has come: the Vorgang is back and wants attention. */
  wiedervorlageDue: boolean;
  /** Still waiting, but the applicant's Frist for the Nachforderung has ended. */
  nachforderungExpired: boolean;
  /** Days past the Frist for open work (1 on the day after it), else null. */
  overdueDays: number | null;
  /** The absent assignee the user stands in for today, else null. */
  deputyFor: string | null;
}

type FlagFields = Pick<Vorgang, 'status' | 'frist' | 'assigneeId' | 'wiedervorlage' | 'nachforderung'>;

export function rowFlags(r: FlagFields, today: string, deputyFor: ReadonlySet<string>): RowFlags {
  const open = OPEN.has(r.status);
  const overdue = open && isPast(r.frist, today);
  // `?.`: rows stored before the Nachforderung existed lack the field.
  const nachforderung = r.nachforderung ?? null;
  return {
    wiedervorlageDue: open && isWiedervorlageDue(r.wiedervorlage, today),
    nachforderungExpired: r.status === 'wartet' && nachforderung !== null && isPast(nachforderung.frist, today),
    overdueDays: overdue ? -daysUntil(r.frist, today) : null,
    deputyFor: r.assigneeId !== null && deputyFor.has(r.assigneeId) ? r.assigneeId : null,
  };
}
