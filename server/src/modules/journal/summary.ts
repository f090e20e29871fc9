import type { JournalSummary } from '../../../../shared/domain/journal.ts';
import type { Vorgang } from '../../../../shared/domain/vorgang.ts';

/**
 * What an accepted mutation changed, for its journal event. Only ids, status values, dates
 * and sizes: free text (note contents, Wiedervorlage notes) stays out of the journal.
 * `before`/`after` are the Vorgang around the mutation inside its transaction.
 */
export function journalSummaryOf(name: string, args: unknown, before: Vorgang, after: Vorgang): JournalSummary {
  switch (name) {
    case 'claim':
    case 'assign':
      return { from: before.assigneeId, to: after.assigneeId };
    case 'changeStatus':
      return { from: before.status, to: after.status };
    case 'setWiedervorlage':
    case 'clearWiedervorlage':
      return { from: before.wiedervorlage?.date ?? null, to: after.wiedervorlage?.date ?? null };
    case 'addNote': {
      // args passed the mutator's schema already; the checks only narrow the type.
      const { noteId, text } = args as Record<string, unknown>;
      if (typeof noteId !== 'string' || typeof text !== 'string') return {};
      // The mutator stores the trimmed text.
      return { noteId, textLength: text.trim().length };
    }
    default:
      return {};
  }
}
