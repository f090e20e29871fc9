import type { Queryable } from '../../db/database.ts';
import type { Extraction } from './extract.ts';

/** Channel of the NOTIFY the queue's inserts send (migration 0014, volltext_anfordern). */
export const VOLLTEXT_CHANNEL = 'amtsplatz_volltext';

/** A claimed entry of the extraction queue. */
export interface ClaimedExtraction {
  sha256: string;
  /** This run's number, from 1. */
  attempt: number;
  lockedBy: string;
}

/**
 * Claims the next due entry of the queue: not locked, or locked with an expired lease (its
 * worker died). SKIP LOCKED lets several instances claim side by side on PostgreSQL.
 */
export async function claimExtraction(
  tx: Queryable,
  options: { now: Date; leaseMs: number; lockedBy: string },
): Promise<ClaimedExtraction | undefined> {
  const now = options.now.toISOString();
  const [row] = await tx.query<{ sha256: string; attempts: number }>(
    `UPDATE volltext_auftraege SET attempts = attempts + 1, locked_by = $2, locked_until = $3
      WHERE sha256 = (
        SELECT sha256 FROM volltext_auftraege
         WHERE (run_after IS NULL OR run_after <= $1) AND (locked_until IS NULL OR locked_until < $1)
         ORDER BY run_after NULLS FIRST, requested_at, sha256
         LIMIT 1
         FOR UPDATE SKIP LOCKED)
      RETURNING sha256, attempts`,
    [now, options.lockedBy, new Date(options.now.getTime() + options.leaseMs).toISOString()],
  );
  return row ? { sha256: row.sha256, attempt: row.attempts, lockedBy: options.lockedBy } : undefined;
}

/** Pushes the lease further out while a long extraction (OCR) runs; false when it was lost. */
export async function extendExtractionLease(tx: Queryable, claim: ClaimedExtraction, until: Date): Promise<boolean> {
  const rows = await tx.query(
    'UPDATE volltext_auftraege SET locked_until = $3 WHERE sha256 = $1 AND locked_by = $2 RETURNING sha256',
    [claim.sha256, claim.lockedBy, until.toISOString()],
  );
  return rows.length > 0;
}

/** Whether the claim still holds (inside the transaction that records its result). */
async function holds(tx: Queryable, claim: ClaimedExtraction): Promise<boolean> {
  const rows = await tx.query('SELECT 1 FROM volltext_auftraege WHERE sha256 = $1 AND locked_by = $2 FOR UPDATE', [
    claim.sha256,
    claim.lockedBy,
  ]);
  return rows.length > 0;
}

/**
 * Records an extraction and ends its queue entry, in one transaction: the file's row with its
 * search vector and one row per page with text. False when the claim was lost meanwhile
 * (another worker took it over) or the bytes were deleted (then nothing is recorded).
 */
export async function saveExtraction(
  tx: Queryable,
  claim: ClaimedExtraction,
  extraction: Extraction,
  now: Date,
): Promise<boolean> {
  if (!(await holds(tx, claim))) return false;
  // The bytes' row, locked against a deletion until this commits (the text goes with them).
  const [blob] = await tx.query('SELECT 1 FROM blobs WHERE sha256 = $1 FOR KEY SHARE', [claim.sha256]);
  if (!blob) return false;
  const pages = extraction.texts.map((p) => ({ seite: p.seite, method: p.method, text: p.text }));
  const chars = pages.reduce((n, p) => n + p.text.length, 0);
  await tx.query('DELETE FROM volltext_seiten WHERE sha256 = $1', [claim.sha256]);
  await tx.query(
    `INSERT INTO volltext_dateien (sha256, state, media_type, pages, pages_read, ocr_pages, ocr_missing, chars,
        truncated, reason, tsv, extracted_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
             CASE WHEN $2 = 'indexed' THEN to_tsvector('german', $11::text) END, $12)
     ON CONFLICT (sha256) DO UPDATE SET state = EXCLUDED.state, media_type = EXCLUDED.media_type,
        pages = EXCLUDED.pages, pages_read = EXCLUDED.pages_read, ocr_pages = EXCLUDED.ocr_pages,
        ocr_missing = EXCLUDED.ocr_missing, chars = EXCLUDED.chars, truncated = EXCLUDED.truncated,
        reason = EXCLUDED.reason, tsv = EXCLUDED.tsv, extracted_at = EXCLUDED.extracted_at`,
    [
      claim.sha256,
      extraction.state,
      extraction.mediaType,
      extraction.pages,
      extraction.pagesRead,
      extraction.ocrPages,
      extraction.ocrMissing,
      chars,
      extraction.truncated,
      extraction.reason,
      // One text for the whole file: all words of a query may be on different pages.
      pages.map((p) => p.text).join('\n'),
      now.toISOString(),
    ],
  );
  if (pages.length > 0) {
    await tx.query(
      `INSERT INTO volltext_seiten (sha256, seite, method, text, tsv)
       SELECT $1, p.seite, p.method, p.text, to_tsvector('german', p.text)
         FROM jsonb_to_recordset($2::jsonb) AS p(seite integer, method text, text text)`,
      [claim.sha256, JSON.stringify(pages)],
    );
  }
  await tx.query('DELETE FROM volltext_auftraege WHERE sha256 = $1', [claim.sha256]);
  return true;
}

/** Longest stored error message: enough for a reason, too short for a dump. */
const MAX_ERROR_MESSAGE = 300;

/**
 * Records a failed run: due again from retryAt, or (retryAt undefined: the last attempt)
 * recorded as `failed` with reason `tool_error` and off the queue. False when the claim was lost.
 */
export async function failExtraction(
  tx: Queryable,
  claim: ClaimedExtraction,
  message: string,
  now: Date,
  retryAt: Date | undefined,
): Promise<boolean> {
  if (!(await holds(tx, claim))) return false;
  if (retryAt) {
    await tx.query(
      `UPDATE volltext_auftraege SET run_after = $2, locked_by = NULL, locked_until = NULL, last_error = $3
        WHERE sha256 = $1`,
      [claim.sha256, retryAt.toISOString(), message.slice(0, MAX_ERROR_MESSAGE)],
    );
    return true;
  }
  await tx.query(
    `INSERT INTO volltext_dateien (sha256, state, media_type, pages, pages_read, ocr_pages, ocr_missing, chars,
        truncated, reason, tsv, extracted_at)
     SELECT $1, 'failed', NULL, 0, 0, 0, 0, 0, false, 'tool_error', NULL, $2 FROM blobs WHERE sha256 = $1
     ON CONFLICT (sha256) DO NOTHING`,
    [claim.sha256, now.toISOString()],
  );
  await tx.query('DELETE FROM volltext_auftraege WHERE sha256 = $1', [claim.sha256]);
  return true;
}

/** Asks for the extraction of stored bytes that have none yet; returns how many were asked for. */
export async function requestExtraction(q: Queryable, hashes: readonly string[]): Promise<number> {
  const [row] = await q.query<{ n: number }>('SELECT volltext_anfordern($1::text[]) AS n', [[...hashes]]);
  return row?.n ?? 0;
}

/**
 * Files to read again now that this server can: scans recorded as `ocr_unavailable` when OCR
 * is installed, and files whose tools failed on every attempt. Their records go, their queue
 * entries come; returns how many.
 */
export async function requeueExtractions(q: Queryable, options: { ocrAvailable: boolean }): Promise<number> {
  const rows = await q.query<{ sha256: string }>(
    `WITH again AS (
       DELETE FROM volltext_dateien
        WHERE (state = 'failed' AND reason = 'tool_error') OR ($1 AND state = 'ocr_unavailable')
       RETURNING sha256)
     INSERT INTO volltext_auftraege (sha256) SELECT sha256 FROM again ORDER BY sha256
     ON CONFLICT (sha256) DO NOTHING RETURNING sha256`,
    [options.ocrAvailable],
  );
  return rows.length;
}
