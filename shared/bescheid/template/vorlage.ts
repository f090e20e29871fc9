import { z } from 'zod';
import { bescheidDecision } from '../../domain/bescheid.ts';
import { TEMPLATE_LIMITS } from './limits.ts';

/**
 * A template string. The schema checks the shape of a file; vorlagenRegistry checks the
 * template syntax, paths and includes, with positions and German and English messages.
 */
const templateSource = z.string().min(1).max(TEMPLATE_LIMITS.maxSourceLength);

/**
 * Paragraphs of a section or Textbaustein, each a template on its own (an `{{#if}}` opens and
 * closes within one entry). Rendered, they are joined with a blank line; blank lines in the
 * output separate paragraphs.
 */
const paragraphs = z.array(templateSource).min(1).max(100);

export const vorlageSectionSchema = z
  .object({
    heading: templateSource.optional(),
    paragraphs,
  })
  .strict();

const localizedName = z.object({ de: z.string().min(1).max(200), en: z.string().min(1).max(200) }).strict();

/** A Textvorlage: the letter text of one decision in one Verfahren (resources/bescheid/vorlagen/*.json). */
export const vorlageSchema = z
  .object({
    /** Stored in each Bescheid (BescheidContent.vorlageId); never reuse one for a different text. */
    id: z.string().regex(/^[a-z][a-z0-9-]{1,99}$/, 'Vorlage ids are kebab-case ASCII'),
    version: z.number().int().positive(),
    verfahrenId: z.string().regex(/^[a-z][a-z0-9-]{1,63}$/, 'Verfahren ids are kebab-case ASCII'),
    decision: bescheidDecision,
    name: localizedName,
    betreff: templateSource,
    anrede: templateSource,
    sections: z
      .object({
        tenor: vorlageSectionSchema,
        begruendung: vorlageSectionSchema.optional(),
        gebuehren: vorlageSectionSchema.optional(),
        // Without one the time limit for an appeal is a year instead of a month (§ 58 VwGO).
        rechtsbehelfsbelehrung: vorlageSectionSchema,
        schlussformel: vorlageSectionSchema.optional(),
      })
      .strict(),
  })
  .strict();
export type Vorlage = z.infer<typeof vorlageSchema>;

const BAUSTEIN_ID = /^[a-zA-Z][a-zA-Z0-9]*(\.[a-zA-Z][a-zA-Z0-9]*)*$/;

/** A Textbaustein, included with `{{> id }}`. */
export const bausteinSchema = z
  .object({
    id: z.string().max(200).regex(BAUSTEIN_ID, 'Textbaustein ids are dotted names of letters and digits'),
    /** For template authors: what the block says and when to use it. */
    description: z.string().min(1).max(500).optional(),
    paragraphs,
  })
  .strict();
export type Baustein = z.infer<typeof bausteinSchema>;

/** One file of resources/bescheid/bausteine/. */
export const bausteinFileSchema = z.object({ bausteine: z.array(bausteinSchema).min(1).max(500) }).strict();
