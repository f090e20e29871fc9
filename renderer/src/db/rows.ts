import type { Note, Vorgang } from '../../../shared/domain/index.ts';
import type { MutationName } from '../../../shared/mutators/index.ts';

/**
 * A Vorgang as stored in Dexie: the shared entity plus fields derived from it for indexes.
 * Derived fields are recomputed on every write (toVorgangRow), never edited on their own.
 */
export interface VorgangRow extends Vorgang {
  /** assigneeId ?? '' — IndexedDB cannot index null, and '' is the team queue. */
  assigneeKey: string;
  /** Normalised "aktenzeichen family given" for in-memory substring filters (see normalizeSearch). */
  search: string;
  /** Normalised word prefixes for the multi-entry index (schema v2): indexed prefix search. */
  searchTokens: string[];
}

export type NoteRow = Note;

/** One local mutation waiting for the server. Kept after push until a pull confirms it. */
export interface OutboxEntry {
  seq: number;
  name: MutationName;
  args: unknown;
  /** Device time at which the clerk acted; also the `now` of every optimistic re-run. */
  clientTime: string;
  state: 'pending' | 'sent';
}

/**
 * The last server state of a row that pending local mutations have changed (null: the row did
 * not exist on the server). Rebase restores these before re-running the outbox, so a pending
 * mutation is never applied twice.
 */
export type ShadowRow =
  { key: string; entity: 'vorgang'; value: Vorgang | null } | { key: string; entity: 'note'; value: Note | null };

export function shadowKey(entity: ShadowRow['entity'], id: string): string {
  return `${entity}:${id}`;
}

const SEPARATORS = /[\s.\-/,]+/u;

/**
 * Lower-case, strip diacritics (ü → u) and fold ß, so "Müller", "muller" and "MÜLLER" match.
 * Apply it to the user's query too.
 */
export function normalizeSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .trim();
}

/** German transcription (ü → ue) so "mueller" finds "Müller" as well. */
function transcribe(text: string): string {
  return text.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');
}

/** Every suffix of `text` that starts after a separator, so "32.10.05-2026/00042" is found by "00042". */
function suffixes(text: string): string[] {
  const out = [text];
  const re = new RegExp(SEPARATORS.source, 'gu');
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const rest = text.slice(m.index + m[0].length);
    if (rest) out.push(rest);
  }
  return out;
}

/** Index tokens of a Vorgang: Aktenzeichen and applicant names, each from every word start. */
export function searchTokensOf(v: Pick<Vorgang, 'aktenzeichen' | 'applicant'>): string[] {
  const tokens = new Set<string>();
  for (const source of [v.aktenzeichen, v.applicant.familyName, v.applicant.givenName]) {
    const trimmed = source.trim();
    if (!trimmed) continue;
    for (const variant of [normalizeSearch(trimmed), normalizeSearch(transcribe(trimmed))]) {
      for (const s of suffixes(variant)) tokens.add(s);
    }
  }
  return [...tokens];
}

export function toVorgangRow(v: Vorgang): VorgangRow {
  return {
    ...v,
    assigneeKey: v.assigneeId ?? '',
    search: normalizeSearch(`${v.aktenzeichen} ${v.applicant.familyName} ${v.applicant.givenName}`),
    searchTokens: searchTokensOf(v),
  };
}

/** The shared entity without the derived fields (what mutators and the server see). */
export function fromVorgangRow(row: VorgangRow): Vorgang {
  const { assigneeKey: _a, search: _s, searchTokens: _t, ...v } = row;
  return v;
}
