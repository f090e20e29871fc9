import { z } from 'zod';
import { isoDate, isoDateTime } from '../../domain/ids.ts';
import { sealSchema } from './seal.ts';
import { MAX_ADDRESS_LINES, MAX_VERMERK_LINES, LETTERHEAD_MM } from './layout.ts';

const line = z.string().trim().min(1).max(200);
const text = z.string().trim().min(1).max(20_000);

/** Absender data from the authority's configuration (not from the Vorgang). */
export const letterheadSchema = z.object({
  authorityName: line,
  /** Organisational unit under the authority name, e.g. "Straßenverkehrsbehörde". */
  unit: line.optional(),
  /** Contact block at the top right (Dienstgebäude, Postanschrift, Web). */
  contactLines: z.array(line).max(LETTERHEAD_MM.maxContactLines).default([]),
  /** Rücksendeangabe, one line at the top of the Anschriftfeld. */
  returnAddress: line,
});

export const recipientSchema = z.object({
  /** Vermerke such as "Förmliche Zustellung", printed above the address. */
  vermerke: z.array(line).max(MAX_VERMERK_LINES).default([]),
  addressLines: z.array(line).min(1).max(MAX_ADDRESS_LINES),
});

export const infoSchema = z.object({
  aktenzeichen: line,
  sachbearbeitung: line,
  telefon: line.optional(),
  email: line.optional(),
});

/** One part of the letter body: an optional heading and paragraphs ("\n" forces a line break). */
export const sectionSchema = z.object({
  heading: line.optional(),
  paragraphs: z.array(text).min(1),
});

/** The body parts of a Bescheid; they are always printed in this order. */
export const SECTION_ORDER = ['tenor', 'begruendung', 'gebuehren', 'rechtsbehelfsbelehrung', 'schlussformel'] as const;
export type SectionKey = (typeof SECTION_ORDER)[number];

export const letterInputSchema = z.object({
  /** Instant the document is produced; used for the PDF/XMP dates, so it fixes the output bytes. */
  createdAt: isoDateTime,
  /** Datum printed in the Informationsblock (TT.MM.JJJJ). */
  datum: isoDate,
  /** PDF title (Info /Title, dc:title); defaults to the Betreff. */
  title: line.optional(),
  letterhead: letterheadSchema,
  recipient: recipientSchema,
  info: infoSchema,
  betreff: z.string().trim().min(1).max(500),
  anrede: line,
  /** The visible seal of page 1 (final, approved Bescheid); drafts and previews have none. */
  seal: sealSchema.optional(),
  sections: z.object({
    tenor: sectionSchema.optional(),
    begruendung: sectionSchema.optional(),
    gebuehren: sectionSchema.optional(),
    rechtsbehelfsbelehrung: sectionSchema.optional(),
    schlussformel: sectionSchema.optional(),
  }),
});

/** What callers pass (defaults may be omitted). */
export type LetterInput = z.input<typeof letterInputSchema>;
/** Validated input with defaults applied. */
export type Letter = z.output<typeof letterInputSchema>;
export type LetterSection = z.output<typeof sectionSchema>;

/** Font programs (TrueType) and the sRGB ICC profile, read by the caller from resources/. */
export interface LetterAssets {
  fonts: { regular: Uint8Array; bold: Uint8Array };
  srgbIcc: Uint8Array;
}
