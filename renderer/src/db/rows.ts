import {
  OPEN_STATUSES,
  type Absence,
  type AppError,
  type Dokument,
  type JournalEvent,
  type Note,
  type Vorgang,
  type VorgangStatus,
} from '../../../shared/domain/index.ts';
import type { MutationName } from '../../../shared/mutators/index.ts';
import type { EntityValue, WritableEntity } from '../../../shared/sync/entities.ts';

/**
 * A Vorgang as stored in Dexie: the shared entity plus fields derived from it for indexes.
 * Derived fields are recomputed on every write (toVorgangRow), never edited on their own.
 */
export interface VorgangRow extends Vorgang {
  /** assigneeId ?? '' — IndexedDB cannot index null, and '' is the team queue. */
  assigneeKey: string;
  /**
   * Normalised "aktenzeichen family given" for in-memory substring filters (see normalizeSearch),
   * followed by the German transcription (ü → ue) where it differs, so "mueller" finds "Müller".
   */
  search: string;
  /** 1 while the Vorgang is open work (OPEN_STATUSES), else 0: leads the inbox indexes (schema v4). */
  open: 0 | 1;
}

export type NoteRow = Note;
export type DokumentRow = Dokument;
export type AbsenceRow = Absence;

/**
 * Bytes of a document in the local blob cache (schema v5). A pinned blob waits for its upload
 * and is never evicted; once uploaded it is an ordinary cache entry, evicted least recently
 * used first when the cache grows beyond its budget.
 */
export interface BlobRow {
  sha256: string;
  bytes: Blob;
  size: number;
  mediaType: string;
  /** Device time (ms since epoch) of the last store or read: the eviction order. */
  lastUsed: number;
  pinned: 0 | 1;
}

/** A blob waiting for PUT /api/blobs (schema v5). Its bytes are the pinned row in `blobs`. */
export interface UploadRow {
  sha256: string;
  size: number;
  /** Device time (ms since epoch) the first attach queued it. */
  queuedAt: number;
  /** Upload attempts that failed so far (network errors and refusals alike). */
  attempts: number;
  /**
   * Set when the server refused the bytes for good (hash_mismatch, payload_too_large, …): the
   * upload is not retried, and the addDokument waiting for it will be rejected (blob_missing).
   */
  lastError?: AppError;
}

/** A server journal event as cached for display (schema v5), keyed by [vorgangId+seq]. */
export type JournalRow = JournalEvent;

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
export type ShadowRow = {
  [E in WritableEntity]: { key: string; entity: E; value: EntityValue<E> | null };
}[WritableEntity];

export function shadowKey(entity: WritableEntity, id: string): string {
  return `${entity}:${id}`;
}

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
export function transcribe(text: string): string {
  return text.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');
}

function searchText(v: Pick<Vorgang, 'aktenzeichen' | 'applicant'>): string {
  const names = `${v.applicant.familyName} ${v.applicant.givenName}`;
  const plain = normalizeSearch(`${v.aktenzeichen} ${names}`);
  const transcribed = normalizeSearch(transcribe(names));
  return transcribed === normalizeSearch(names) ? plain : `${plain} ${transcribed}`;
}

const OPEN: ReadonlySet<VorgangStatus> = new Set(OPEN_STATUSES);
export const isOpen = (s: VorgangStatus): boolean => OPEN.has(s);

export function toVorgangRow(v: Vorgang): VorgangRow {
  return {
    ...v,
    assigneeKey: v.assigneeId ?? '',
    search: searchText(v),
    open: isOpen(v.status) ? 1 : 0,
  };
}

/** The shared entity without the derived fields (what mutators and the server see). */
export function fromVorgangRow(row: VorgangRow): Vorgang {
  const { assigneeKey: _a, search: _s, open: _o, ...v } = row;
  return v;
}
