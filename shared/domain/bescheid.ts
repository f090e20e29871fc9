import { z } from 'zod';
import { canonicalJson } from './canonical-json.ts';
import { isoDateTime } from './ids.ts';
import { sha256Hex } from './sha256.ts';

export const BESCHEID_DECISIONS = ['bewilligung', 'teilweise_bewilligung', 'ablehnung'] as const;
export const bescheidDecision = z.enum(BESCHEID_DECISIONS);
export type BescheidDecision = z.infer<typeof bescheidDecision>;

const line = z.string().trim().min(1).max(200);
const paragraph = z.string().trim().min(1).max(20_000);
const section = z.object({ heading: line.optional(), paragraphs: z.array(paragraph).min(1).max(100) }).strict();

/** A fee replaced by hand: the amount and why (journaled with the draft). */
export const gebuehrOverride = z
  .object({ cents: z.number().int().min(0).max(100_000_000), reason: z.string().trim().min(1).max(2000) })
  .strict();

/**
 * What a Bescheid says: exactly what the approver sees and approves, and what the sealed PDF
 * prints (the final rendering adds only the letterhead, Datum and the seal box). Its SHA-256
 * over canonical JSON is the content hash the 4-eyes Freigabe binds.
 */
export const bescheidContent = z
  .object({
    decision: bescheidDecision,
    /** Id of the Textvorlage the draft started from (resources/bescheid). */
    vorlageId: z.string().min(1).max(100),
    recipient: z.object({ addressLines: z.array(line).min(1).max(6) }).strict(),
    betreff: z.string().trim().min(1).max(500),
    anrede: line,
    sections: z
      .object({
        tenor: section.optional(),
        begruendung: section.optional(),
        gebuehren: section.optional(),
        rechtsbehelfsbelehrung: section.optional(),
        schlussformel: section.optional(),
      })
      .strict(),
    /** The fee in euro cents from the Verfahren's fee rule, unless overridden with a reason. */
    gebuehr: z
      .object({ cents: z.number().int().min(0).max(100_000_000), override: gebuehrOverride.nullable() })
      .strict(),
  })
  .strict();
export type BescheidContent = z.infer<typeof bescheidContent>;

export const BESCHEID_STATES = ['entwurf', 'eingereicht', 'zurueckgegeben', 'freigegeben', 'gesiegelt'] as const;
export const bescheidState = z.enum(BESCHEID_STATES);
export type BescheidState = z.infer<typeof bescheidState>;

const userId = z.string().min(1).max(64);
const hash = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex SHA-256');

/** The Bescheid of a Vorgang, from draft to sealed document. One per Vorgang and decision round. */
export const bescheid = z.object({
  id: z.uuid(),
  vorgangId: z.uuid(),
  orgUnitId: z.string().min(1).max(64),
  content: bescheidContent,
  state: bescheidState,
  authorId: userId,
  /** Everyone who saved content; none of them may approve. */
  editorIds: z.array(userId).min(1).max(100),
  /** Content hash frozen when submitted; null while a draft. */
  submittedHash: hash.nullable(),
  submittedAt: isoDateTime.nullable(),
  approval: z.object({ by: userId, at: isoDateTime, hash }).strict().nullable(),
  /** The lead's comment when returning the draft. */
  returnComment: z.string().max(2000).nullable(),
  /** The sealed PDF, a Dokument of the Vorgang (source bescheid). */
  dokumentId: z.uuid().nullable(),
  version: z.number().int().nonnegative(),
  updatedAt: isoDateTime,
});
export type Bescheid = z.infer<typeof bescheid>;

/** SHA-256 (lowercase hex) of the canonical JSON of the content: what the Freigabe binds. */
export function bescheidContentHash(content: BescheidContent): Promise<string> {
  // Optional members may be present as undefined (a form leaves them so); JSON drops them, as
  // every copy that travelled through the sync did.
  return sha256Hex(canonicalJson(JSON.parse(JSON.stringify(content))));
}
