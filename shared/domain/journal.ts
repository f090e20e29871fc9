import { z } from 'zod';
import { canonicalJson } from './canonical-json.ts';
import { DomainError } from './errors.ts';
import { isoDateTime } from './ids.ts';
import { sha256Hex } from './sha256.ts';

/**
 * Upper bound for an event's summary as canonical JSON: it records what changed, not documents.
 * Large enough for the previous text of an edited or deleted note (10,000 characters, escaped).
 */
export const JOURNAL_SUMMARY_MAX_LENGTH = 65_536;

const sha256HexString = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex SHA-256');

export const journalSummary = z.record(z.string(), z.json()).superRefine((summary, ctx) => {
  let length: number;
  try {
    length = canonicalJson(summary).length;
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: e instanceof Error ? e.message : 'not canonical JSON' });
    return;
  }
  if (length > JOURNAL_SUMMARY_MAX_LENGTH) {
    ctx.addIssue({ code: 'custom', message: `summary exceeds ${JOURNAL_SUMMARY_MAX_LENGTH} characters` });
  }
});
export type JournalSummary = z.infer<typeof journalSummary>;

/** What the caller supplies for a new event; seq and the hashes follow from the chain. */
export const journalEventInput = z.object({
  vorgangId: z.uuid(),
  actorId: z.string().min(1).max(64),
  /** Mutation name, or the name of a server-originated action. */
  action: z
    .string()
    .max(64)
    .regex(/^[a-z][A-Za-z0-9_.]*$/, 'expected an action name like changeStatus'),
  /** Clock of the device the action was taken on (offline actions); null for server-originated ones. */
  deviceTime: isoDateTime.nullable(),
  serverTime: isoDateTime,
  summary: journalSummary,
});
export type JournalEventInput = z.infer<typeof journalEventInput>;

export const journalEvent = z.object({
  vorgangId: z.uuid(),
  seq: z.number().int().min(1),
  actorId: journalEventInput.shape.actorId,
  action: journalEventInput.shape.action,
  deviceTime: journalEventInput.shape.deviceTime,
  serverTime: journalEventInput.shape.serverTime,
  summary: journalSummary,
  /** Hash of the previous event of the same Vorgang; '' for seq 1. */
  prevHash: z.union([z.literal(''), sha256HexString]),
  hash: sha256HexString,
});
export type JournalEvent = z.infer<typeof journalEvent>;

export type ChainBreakReason = 'hash_mismatch' | 'prev_mismatch' | 'seq_gap' | 'wrong_vorgang' | 'tail_missing';

/** Seq and hash of a chain's last event, kept apart from the events (0 and '' before the first). */
export const journalHead = z.object({
  seq: z.number().int().nonnegative(),
  hash: z.union([sha256HexString, z.literal('')]),
});
export type JournalHead = z.infer<typeof journalHead>;
export type ChainVerification = { ok: true; count: number } | { ok: false; brokenAt: number; reason: ChainBreakReason };

/**
 * SHA-256 (lowercase hex) of the canonical JSON of exactly the eight hashed members. The
 * object is rebuilt member by member so that anything a store adds to a record (a row id,
 * a sync marker) never changes the hash.
 */
export async function journalEventHash(e: Omit<JournalEvent, 'hash'>): Promise<string> {
  return sha256Hex(
    canonicalJson({
      vorgangId: e.vorgangId,
      seq: e.seq,
      actorId: e.actorId,
      action: e.action,
      deviceTime: e.deviceTime,
      serverTime: e.serverTime,
      summary: e.summary,
      prevHash: e.prevHash,
    }),
  );
}

/**
 * The event that follows `prev` (null for the first event of a Vorgang). Throws DomainError
 * `validation_failed` for invalid input or when `prev` belongs to another Vorgang.
 */
export async function appendEvent(prev: JournalEvent | null, input: JournalEventInput): Promise<JournalEvent> {
  const parsed = journalEventInput.safeParse(input);
  if (!parsed.success) {
    throw new DomainError('validation_failed', `Invalid journal event: ${z.prettifyError(parsed.error)}`);
  }
  const { vorgangId, actorId, action, deviceTime, serverTime, summary } = parsed.data;
  if (prev && prev.vorgangId !== vorgangId) {
    throw new DomainError('validation_failed', `Journal event for ${vorgangId} cannot follow one of ${prev.vorgangId}`);
  }
  const body = {
    vorgangId,
    seq: prev ? prev.seq + 1 : 1,
    actorId,
    action,
    deviceTime,
    serverTime,
    summary,
    prevHash: prev ? prev.hash : '',
  };
  return { ...body, hash: await journalEventHash(body) };
}

/**
 * Checks a Vorgang's journal in seq order and reports the first broken link. `brokenAt` is
 * the 1-based position of the first event that does not fit, which is the seq that event
 * should have. Per event the checks run in the order: Vorgang, seq, prevHash, own hash.
 * `expected.vorgangId` also rejects an intact chain of a different Vorgang; `expected.head` one
 * whose last event is not the head recorded apart from the events (a cut tail).
 */
export async function verifyChain(
  events: readonly JournalEvent[],
  expected: { vorgangId?: string; head?: JournalHead } = {},
): Promise<ChainVerification> {
  const vorgangId = expected.vorgangId ?? events[0]?.vorgangId;
  let prevHash = '';
  for (const [i, e] of events.entries()) {
    const position = i + 1;
    const broken = (reason: ChainBreakReason): ChainVerification => ({ ok: false, brokenAt: position, reason });
    if (e.vorgangId !== vorgangId) return broken('wrong_vorgang');
    if (e.seq !== position) return broken('seq_gap');
    if (e.prevHash !== prevHash) return broken('prev_mismatch');
    let hash: string;
    try {
      hash = await journalEventHash(e);
    } catch {
      // A stored member that is not JSON any more cannot match any hash.
      return broken('hash_mismatch');
    }
    if (e.hash !== hash) return broken('hash_mismatch');
    prevHash = e.hash;
  }
  // An intact chain that stops short of the recorded head lost its tail (or was rebuilt).
  const { head } = expected;
  if (head && (head.seq !== events.length || head.hash !== prevHash)) {
    return { ok: false, brokenAt: Math.min(events.length, head.seq) + 1, reason: 'tail_missing' };
  }
  return { ok: true, count: events.length };
}
