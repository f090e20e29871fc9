/**
 * xdomea 3.0.0 for the E-Akte: pure builders for the messages Amtsplatz sends and parsers for
 * the answers (docs/xdomea.md). No database access: inputs are plain records, outputs are the
 * message (XML and zip) and what to keep of it for the replies.
 */
export { buildAbgabe, parseAbgabeImportBestaetigen } from './abgabe.ts';
export type { AbgabeImportBestaetigung, AbgabeImportObjekt, AbgabeInput } from './abgabe.ts';
export {
  buildAnbieteverzeichnis,
  buildAussonderung,
  parseAussonderungImportBestaetigen,
  parseBewertungsverzeichnis,
} from './aussonderung.ts';
export type {
  AnbieteverzeichnisInput,
  AussonderungImportBestaetigung,
  AussonderungImportObjekt,
  AussonderungInput,
  Bewertung,
  Bewertungsverzeichnis,
} from './aussonderung.ts';
export { dateiformatCode, NACHRICHTENTYPEN } from './codes.ts';
export type { Nachrichtentyp, SentNachrichtentyp } from './codes.ts';
export { EMPFANGSBESTAETIGUNG_FOR, parseEmpfangBestaetigen } from './empfang.ts';
export type { Empfangsbestaetigung } from './empfang.ts';
export { buildSgoAblegen, parseFvImportBestaetigen } from './fvdaten.ts';
export type { FvImportBestaetigung, FvImportObjekt, Rueckmeldung, SgoAblegenInput } from './fvdaten.ts';
export { sentXdomeaMessageSchema } from './message.ts';
export type { SentXdomeaMessage, XdomeaMessage } from './message.ts';
export { unpackXdomeaMessage, XdomeaError } from './read.ts';
export type { KontaktInfo, UnpackedMessage, XdomeaInput } from './read.ts';
export type { SchriftgutTyp, XdomeaObjekt } from './schriftgut.ts';
export {
  akteRecordSchema,
  behoerdenkennungSchema,
  dokumentRecordSchema,
  vorgangRecordSchema,
  xdomeaPartySchema,
} from './types.ts';
export type {
  AkteRecord,
  Aussonderungsart,
  Behoerdenkennung,
  DokumentRecord,
  SendendesSystem,
  VorgangRecord,
  XdomeaParty,
} from './types.ts';
export { validateXdomea } from './validate.ts';
export type { XdomeaValidation } from './validate.ts';
export { DEFAULT_ZIP_LIMITS, openZip, writeZip, ZipError } from './zip.ts';
export type { ZipArchive, ZipEntryInfo, ZipInputEntry, ZipLimits, ZipProblem } from './zip.ts';
