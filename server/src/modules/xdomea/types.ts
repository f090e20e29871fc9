import { z } from 'zod';
import { sha256Digest } from '../../../../shared/domain/dokument.ts';
import { isoDate, isoDateTime } from '../../../../shared/domain/ids.ts';
import { findNonXmlChar } from './xml.ts';

/**
 * What the builders take: plain objects the caller reads from its own store. Each builder
 * parses its input with these schemas first, so a value that would make the message invalid
 * (a character XML cannot carry, a UUID the schema refuses) fails with the field's path
 * instead of reaching the recipient.
 */

/** Text that XML 1.0 can carry, non-empty after trimming. */
const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => s.trim() !== '', 'must not be empty')
    .refine((s) => findNonXmlChar(s) === undefined, 'contains a character XML 1.0 cannot carry');

/** The value of an XÖV code (xs:token): no leading, trailing or doubled whitespace. */
const codeValue = z
  .string()
  .min(1)
  .max(64)
  .regex(/^\S+( \S+)*$/, 'must be a code without surrounding or doubled whitespace')
  .refine((s) => findNonXmlChar(s) === undefined, 'contains a character XML 1.0 cannot carry');

/** UUIDs as the xdomea schema accepts them (stringUUIDType), any version. */
export const xdomeaUuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected a UUID');

/**
 * The Behördenkennung an xdomea message names its parties by (XÖV BehoerdenkennungType):
 * the DVDV prefix of the class of keys ("ags:", "dbs:"), the key within it, and the name,
 * written as the Kontakt's Institution.
 */
export const behoerdenkennungSchema = z
  .object({
    praefix: codeValue,
    behoerdenschluessel: codeValue,
    name: text(255),
  })
  .strict();
export type Behoerdenkennung = z.infer<typeof behoerdenkennungSchema>;

export const xdomeaPartySchema = z
  .object({
    kennung: behoerdenkennungSchema,
    organisationseinheit: text(255).optional(),
  })
  .strict();
export type XdomeaParty = z.infer<typeof xdomeaPartySchema>;

export const dokumentRecordSchema = z
  .object({
    id: xdomeaUuid,
    titel: text(1000),
    /** The original name, already sanitized (shared/domain/file-names.ts). */
    dateiname: text(255),
    mediaType: z.string().min(1).max(127),
    sha256: sha256Digest,
    size: z.number().int().nonnegative(),
    veraktetAm: isoDateTime,
    /** The file itself, present when the message carries files (checked against size and sha256). */
    bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected a Uint8Array').optional(),
  })
  .strict();
export type DokumentRecord = z.infer<typeof dokumentRecordSchema>;

export const vorgangRecordSchema = z
  .object({
    id: xdomeaUuid,
    aktenzeichen: text(255),
    titel: text(1000),
    eingangAm: isoDate,
    zdaAm: isoDate.nullable(),
    /** In the order they were filed; written with their position (NummerImUebergeordnetenContainer). */
    dokumente: z.array(dokumentRecordSchema),
  })
  .strict();
export type VorgangRecord = z.infer<typeof vorgangRecordSchema>;

export const AUSSONDERUNGSARTEN = ['A', 'B', 'V'] as const;
/** A = archivwürdig, B = the archive decides (bewerten), V = vernichten. */
export const aussonderungsartSchema = z.enum(AUSSONDERUNGSARTEN);
export type Aussonderungsart = z.infer<typeof aussonderungsartSchema>;

export const akteRecordSchema = z
  .object({
    id: xdomeaUuid,
    aktenzeichen: text(255),
    titel: text(1000),
    aktenplan: z.object({ kennzeichen: text(64), titel: text(1000) }).strict(),
    laufzeitBeginn: isoDate,
    zdaAm: isoDate.nullable(),
    /** xs:unsignedShort in the schema. */
    aufbewahrungsfristJahre: z.number().int().min(0).max(65_535),
    aussonderungsart: aussonderungsartSchema,
    /** Last day of the retention; null while the Akte is open. */
    aufbewahrungBis: isoDate.nullable(),
    vorgaenge: z.array(vorgangRecordSchema),
  })
  .strict();
export type AkteRecord = z.infer<typeof akteRecordSchema>;

/** The system a message comes from (Kopf/SendendesSystem). */
export const sendendesSystemSchema = z
  .object({
    produktname: text(255),
    version: text(64).optional(),
    instanzId: text(255).optional(),
  })
  .strict();
export type SendendesSystem = z.infer<typeof sendendesSystemSchema>;

export const DEFAULT_SENDENDES_SYSTEM: SendendesSystem = { produktname: 'Amtsplatz' };
