import {
  appendEvent,
  type JournalEvent,
  type JournalEventInput,
  type JournalHead,
  type JournalSummary,
} from '../../../../shared/domain/journal.ts';
import type { Queryable } from '../../db/database.ts';

interface JournalRow {
  vorgang_id: string;
  seq: number;
  actor_id: string;
  action: string;
  device_time: unknown;
  server_time: unknown;
  summary: JournalSummary;
  prev_hash: string;
  hash: string;
}

const COLUMNS = 'vorgang_id, seq, actor_id, action, device_time, server_time, summary, prev_hash, hash';

/** Both drivers return timestamptz as a Date; text is accepted in case a parser is configured. */
function isoOf(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return new Date(value).toISOString();
  throw new Error(`journal_events: unexpected timestamp value ${typeof value}`);
}

/** The stored row as it is, not validated: verification must see tampered rows unchanged. */
function fromRow(r: JournalRow): JournalEvent {
  return {
    vorgangId: r.vorgang_id,
    seq: r.seq,
    actorId: r.actor_id,
    action: r.action,
    deviceTime: r.device_time === null ? null : isoOf(r.device_time),
    serverTime: isoOf(r.server_time),
    summary: r.summary,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** The chain head recorded in the Vorgang's row (seq 0 before the first event). */
export async function journalHeadOf(q: Queryable, vorgangId: string): Promise<JournalHead> {
  const [row] = await q.query<{ journal_seq: number; journal_head: string }>(
    'SELECT journal_seq, journal_head FROM vorgaenge WHERE id = $1',
    [vorgangId],
  );
  return { seq: row?.journal_seq ?? 0, hash: row?.journal_head ?? '' };
}

export async function journalEvents(q: Queryable, vorgangId: string): Promise<JournalEvent[]> {
  const rows = await q.query<JournalRow>(`SELECT ${COLUMNS} FROM journal_events WHERE vorgang_id = $1 ORDER BY seq`, [
    vorgangId,
  ]);
  return rows.map(fromRow);
}

async function lastJournalEvent(q: Queryable, vorgangId: string): Promise<JournalEvent | null> {
  const [row] = await q.query<JournalRow>(
    `SELECT ${COLUMNS} FROM journal_events WHERE vorgang_id = $1 ORDER BY seq DESC LIMIT 1`,
    [vorgangId],
  );
  return row ? fromRow(row) : null;
}

/**
 * Appends the next event of the Vorgang's chain. Call inside writeTransaction: the write lock
 * keeps a concurrent writer from appending after the same previous event. Times are stored as
 * timestamptz, so they are normalised to UTC with millisecond precision before hashing; the
 * stored instant then reads back as exactly the hashed text.
 */
export async function appendJournalEvent(tx: Queryable, input: JournalEventInput): Promise<JournalEvent> {
  const normalised: JournalEventInput = {
    ...input,
    deviceTime: input.deviceTime === null ? null : isoOf(input.deviceTime),
    serverTime: isoOf(input.serverTime),
  };
  const e = await appendEvent(await lastJournalEvent(tx, input.vorgangId), normalised);
  await tx.query(`INSERT INTO journal_events (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9)`, [
    e.vorgangId,
    e.seq,
    e.actorId,
    e.action,
    e.deviceTime,
    e.serverTime,
    JSON.stringify(e.summary),
    e.prevHash,
    e.hash,
  ]);
  // The head lives in the Vorgang's row, so cutting the journal's tail shows (0010_journal_head).
  await tx.query('UPDATE vorgaenge SET journal_seq = $2, journal_head = $3 WHERE id = $1', [
    e.vorgangId,
    e.seq,
    e.hash,
  ]);
  return e;
}
