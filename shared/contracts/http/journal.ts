import { z } from 'zod';
import { journalEvent, journalHead } from '../../domain/journal.ts';
import { endpoint } from './common.ts';

/** The Vorgang travels as a query parameter: routes have no path parameters. */
export const journalQuery = z.object({ vorgangId: z.uuid() }).strict();
export type JournalQuery = z.infer<typeof journalQuery>;

/** The events and the chain's head as the Vorgang's row records it (to detect a cut tail). */
export const journalResponse = z.object({ events: z.array(journalEvent), head: journalHead });
export type JournalResponse = z.infer<typeof journalResponse>;

export const chainBreakReason = z.enum(['hash_mismatch', 'prev_mismatch', 'seq_gap', 'wrong_vorgang', 'tail_missing']);

/** The result of verifyChain (shared/domain/journal.ts) over the stored journal. */
export const journalVerification = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), count: z.number().int().nonnegative() }),
  z.object({ ok: z.literal(false), brokenAt: z.number().int().positive(), reason: chainBreakReason }),
]);
export type JournalVerification = z.infer<typeof journalVerification>;

export const journalEndpoints = {
  journal: endpoint({
    method: 'GET',
    path: '/api/journal',
    summary: "A Vorgang's journal in seq order (own org unit only, else 404)",
    auth: true,
    query: journalQuery,
    response: journalResponse,
  }),
  journalVerify: endpoint({
    method: 'GET',
    path: '/api/journal/verify',
    summary: "Verifies the hash chain of a Vorgang's stored journal (own org unit only, else 404)",
    auth: true,
    query: journalQuery,
    response: journalVerification,
  }),
};
