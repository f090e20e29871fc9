import type { JournalSummary } from '../../../../shared/domain/journal.ts';
import type { Note, Vorgang } from '../../../../shared/domain/vorgang.ts';

/** The state a mutation found, read inside its transaction before it ran. */
export interface StateBefore {
  vorgang: Vorgang;
  /** The note named by `args.noteId`, if it existed. */
  note?: Note;
}

/** args passed the mutator's schema already; this only narrows the type. */
function arg(args: unknown, name: string): unknown {
  return typeof args === 'object' && args !== null ? (args as Record<string, unknown>)[name] : undefined;
}

function decisionOf(value: unknown): { decision: unknown; text: unknown } | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  return { decision: v.decision, text: v.note ?? v.reason };
}

/**
 * What an accepted mutation changed, for its journal event: ids, status values, dates, sizes
 * and what the record must keep by law or by the rules: the clerk's justification of
 * a Prüfliste decision or override, and the previous text of an edited or deleted note (the
 * note itself keeps only its current text). Other free text stays out: the Nachforderung's
 * letter, Wiedervorlage notes, new note texts, file names.
 */
export function journalSummaryOf(name: string, args: unknown, before: StateBefore, after: Vorgang): JournalSummary {
  const v = before.vorgang;
  switch (name) {
    case 'claim':
    case 'assign':
    case 'takeOver':
      return { from: v.assigneeId, to: after.assigneeId };
    case 'changeStatus':
      return { from: v.status, to: after.status };
    case 'requestNachforderung':
      return { frist: after.nachforderung?.frist ?? null, from: v.status, to: after.status };
    case 'setWiedervorlage':
    case 'clearWiedervorlage':
      return { from: v.wiedervorlage?.date ?? null, to: after.wiedervorlage?.date ?? null };
    case 'addNote': {
      const text = arg(args, 'text');
      // The mutator stores the trimmed text.
      return { noteId: String(arg(args, 'noteId')), textLength: typeof text === 'string' ? text.trim().length : 0 };
    }
    case 'editNote':
    case 'deleteNote':
      return { noteId: String(arg(args, 'noteId')), previousText: before.note?.text ?? null };
    case 'decidePruefItem': {
      const d = decisionOf(arg(args, 'decision'));
      return { itemId: String(arg(args, 'itemId')), decision: d ? String(d.decision) : null, note: textOrNull(d) };
    }
    case 'overridePruefRule': {
      const d = decisionOf(arg(args, 'override'));
      return { itemId: String(arg(args, 'itemId')), decision: d ? String(d.decision) : null, reason: textOrNull(d) };
    }
    case 'addDokument':
      return {
        dokumentId: String(arg(args, 'dokumentId')),
        sha256: String(arg(args, 'sha256')),
        size: Number(arg(args, 'size')),
        mediaType: String(arg(args, 'mediaType')),
      };
    case 'saveBescheid':
      // The text stays in the Bescheid; a save only records that the draft changed.
      return { bescheidId: String(arg(args, 'bescheidId')), from: v.status, to: after.status };
    case 'submitBescheid':
    case 'approveBescheid':
      // The hash binds the event to exactly one version of the text.
      return {
        bescheidId: String(arg(args, 'bescheidId')),
        contentHash: String(arg(args, 'contentHash')),
        from: v.status,
        to: after.status,
      };
    case 'returnBescheid':
      return {
        bescheidId: String(arg(args, 'bescheidId')),
        comment: String(arg(args, 'comment')),
        from: v.status,
        to: after.status,
      };
    case 'recordDispatch':
      return {
        channel: after.versand?.channel ?? null,
        date: after.versand?.date ?? null,
        from: v.status,
        to: after.status,
      };
    default:
      return {};
  }
}

function textOrNull(d: { text: unknown } | null): string | null {
  return d !== null && typeof d.text === 'string' ? d.text : null;
}
