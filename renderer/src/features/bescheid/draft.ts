import type { Bescheid, BescheidState } from '../../../../shared/domain/index.ts';
import { formFromContent, formToContent, sameContent, type BescheidForm } from './form.ts';

/** States in which the author edits the draft. */
export const EDITABLE_STATES: ReadonlySet<BescheidState> = new Set(['entwurf', 'zurueckgegeben']);

/**
 * The editor's text as typed (Dexie table `bescheidDrafts`, schema v6), written on every change:
 * what survives a reload or crash before — or without — a successful saveBescheid.
 */
export interface BescheidDraftRow {
  bescheidId: string;
  vorgangId: string;
  form: BescheidForm;
  /** Version of the stored Bescheid the typing is based on; 0 when none was stored yet. */
  baseVersion: number;
  /** Device time of the last keystroke. */
  updatedAt: string;
}

export type MergedDraft =
  /** Nothing started yet. */
  | { kind: 'none' }
  /** The stored Bescheid (no local draft, or the draft says the same). */
  | { kind: 'stored'; form: BescheidForm }
  /** Local typing the stored Bescheid does not have yet: continue with it. */
  | { kind: 'draft'; form: BescheidForm }
  /**
   * Local typing based on an older version: the stored Bescheid changed meanwhile (someone else
   * saved). The editor continues with the local text and offers the stored one instead.
   */
  | { kind: 'conflict'; form: BescheidForm; stored: BescheidForm };

/**
 * What the editor starts from after a reload: the local draft when it holds typing that the
 * stored Bescheid lacks, else the stored Bescheid. A draft of a Bescheid no longer editable
 * (submitted, approved, sealed) is obsolete. `ruleCents` is the rule's current fee, for content
 * that overrides it.
 */
export function mergeDraft(
  stored: Pick<Bescheid, 'content' | 'state' | 'version'> | undefined,
  draft: Pick<BescheidDraftRow, 'form' | 'baseVersion'> | undefined,
  ruleCents: number | null,
): MergedDraft {
  if (stored === undefined) return draft ? { kind: 'draft', form: draft.form } : { kind: 'none' };
  const storedForm = formFromContent(stored.content, ruleCents);
  if (draft === undefined || !EDITABLE_STATES.has(stored.state)) return { kind: 'stored', form: storedForm };
  const typed = formToContent(draft.form).content;
  if (sameContent(typed, stored.content)) return { kind: 'stored', form: storedForm };
  if (draft.baseVersion === stored.version) return { kind: 'draft', form: draft.form };
  return { kind: 'conflict', form: draft.form, stored: storedForm };
}

export type SaveState =
  /** Typed, and the local copy is still being written. */
  | 'storing'
  /** The text cannot become a Bescheid yet (a required field is empty, …): kept locally only. */
  | 'invalid'
  /** Typed and kept locally; the save through the outbox follows (debounced, or on leaving the field). */
  | 'unsaved'
  /** Saved locally and queued; the server has not confirmed it yet. */
  | 'pending'
  /** The server has the draft. */
  | 'saved'
  /** The last save was refused; the text is kept locally. */
  | 'failed';

/** The autosave indicator: how far the typed text has come on its way to the server. */
export function saveState(p: {
  content: Bescheid['content'] | null;
  stored: Bescheid['content'] | undefined;
  /** Outbox entries of this Bescheid not yet confirmed by a pull. */
  pending: number;
  failed: boolean;
  /** Typing not yet written to the local draft. */
  storing?: boolean;
}): SaveState {
  if (p.storing) return 'storing';
  if (p.content === null) return 'invalid';
  if (!sameContent(p.content, p.stored)) return p.failed ? 'failed' : 'unsaved';
  return p.pending > 0 ? 'pending' : 'saved';
}
