import { z } from 'zod';
import { letterheadSchema } from './letter/input.ts';
import { behoerdeSchema } from './template/context.ts';

/**
 * How xdomea messages identify the authority (xdomea BehoerdenkennungType): a DVDV prefix
 * naming the class of keys and the authority's key in it, e.g. `ags:` and the Amtlicher
 * Gemeindeschlüssel of the municipality the authority serves.
 */
export const behoerdenkennungSchema = z
  .object({
    /** "ags:", "dbs:", "psw:": the class of the key, as the DVDV prefix list spells it. */
    praefix: z
      .string()
      .trim()
      .regex(/^[a-z0-9]{1,20}:$/, 'praefix must be a DVDV prefix such as "ags:"'),
    /** The Behördenschlüssel within that class, e.g. an eight-digit AGS. */
    kennung: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9.-]{1,64}$/, 'kennung must be a key of letters, digits, "." or "-"'),
  })
  .strict();
export type Behoerdenkennung = z.output<typeof behoerdenkennungSchema>;

/**
 * The authority a server works for, configured once (`--behoerde FILE` on the server) and
 * served to the clients (GET /api/authority): the Behörde data the Textvorlagen use, the
 * letterhead lines only the printed letter needs, and the key xdomea messages name it by. Name
 * and unit of the letterhead come from `behoerde`, so the letter and the Vorlagen cannot name
 * different authorities.
 */
export const authoritySchema = z
  .object({
    behoerde: behoerdeSchema,
    letterhead: letterheadSchema.pick({ contactLines: true, returnAddress: true }).strict(),
    /** Needed by the xdomea export (Absender of a message); drafting and sealing work without it. */
    behoerdenkennung: behoerdenkennungSchema.optional(),
    /** The archive Akten are offered to after their retention (Aussonderung, xdomea 0501–0506). */
    archiv: behoerdenkennungSchema
      .extend({ name: z.string().trim().min(1).max(255) })
      .strict()
      .optional(),
  })
  .strict();
export type Authority = z.output<typeof authoritySchema>;

/**
 * The demo authority (the same "Stadt Musterstadt" as the sample letter and the test PKI). Its
 * Behördenkennung is made up: no Land has the key 99, so it cannot name a real municipality.
 */
export const DEMO_AUTHORITY: Authority = authoritySchema.parse({
  behoerde: {
    name: 'Stadt Musterstadt',
    einheit: 'Bürgerservice',
    anschrift: 'Rathausplatz 1, 12345 Musterstadt',
    ort: 'Musterstadt',
    land: 'BE',
    verwaltungsgericht: 'Verwaltungsgericht Musterstadt',
    verwaltungsgerichtAnschrift: 'Justizstraße 1, 12345 Musterstadt',
    kasse: 'Stadtkasse Musterstadt',
    iban: 'DE02 1203 0000 0000 2020 51',
    bic: 'BYLADEM1001',
  },
  letterhead: {
    contactLines: ['Dienstgebäude: Rathausplatz 1', '12345 Musterstadt', 'www.musterstadt.example'],
    returnAddress: 'Stadt Musterstadt · Postfach 10 01 23 · 12301 Musterstadt',
  },
  behoerdenkennung: { praefix: 'ags:', kennung: '99123000' },
  archiv: { praefix: 'psw:', kennung: 'L-ARCHIV-99', name: 'Landesarchiv Musterland' },
});
