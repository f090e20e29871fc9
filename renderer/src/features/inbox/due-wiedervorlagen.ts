import { OPEN_STATUSES, type VorgangStatus } from '../../../../shared/domain/index.ts';
import type { InboxEntry } from './inbox-index.ts';

const OPEN: ReadonlySet<VorgangStatus> = new Set(OPEN_STATUSES);

export interface DueWiedervorlage {
  vorgangId: string;
  date: string;
}

/**
 * The user's open Vorgänge whose Wiedervorlage has come (today, or earlier and not yet
 * cleared), oldest Wiedervorlage first: what a notification reminds of.
 */
export function dueWiedervorlagen(entries: readonly InboxEntry[], userId: string, today: string): DueWiedervorlage[] {
  const due: DueWiedervorlage[] = [];
  for (const e of entries) {
    if (e.assigneeKey !== userId || e.wiedervorlage === '' || e.wiedervorlage > today || !OPEN.has(e.status)) continue;
    due.push({ vorgangId: e.id, date: e.wiedervorlage });
  }
  // Entries come in Frist order; a stable sort keeps it among equal dates.
  return due.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
