import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DomainError } from '../../../../shared/domain/errors.ts';
import { SENT_NACHRICHTENTYPEN, type Nachrichtentyp, type SentNachrichtentyp } from './codes.ts';
import type { PrimaryFile, XdomeaObjekt } from './schriftgut.ts';
import { behoerdenkennungSchema, xdomeaUuid, type Behoerdenkennung } from './types.ts';
import { serializeXml, XDOMEA_NS, XDOMEA_PREFIX, type XmlElement } from './xml.ts';
import { writeZip } from './zip.ts';

/**
 * What a builder keeps of a sent message for its replies: the ProzessID, both parties and
 * every object with its container. Plain JSON, so the caller can store it until the answer
 * comes (an archive's Bewertung may take months) and hand it to the parser then.
 */
export interface SentXdomeaMessage {
  prozessId: string;
  nachrichtentyp: SentNachrichtentyp;
  absender: Behoerdenkennung;
  empfaenger: Behoerdenkennung;
  /** Document order; the message's top-level objects have parentId null. */
  objekte: XdomeaObjekt[];
}

/** The schema for a SentXdomeaMessage read back from storage. */
export const sentXdomeaMessageSchema = z
  .object({
    prozessId: xdomeaUuid,
    nachrichtentyp: z.enum(SENT_NACHRICHTENTYPEN),
    absender: behoerdenkennungSchema,
    empfaenger: behoerdenkennungSchema,
    objekte: z.array(
      z
        .object({
          id: xdomeaUuid,
          typ: z.enum(['Akte', 'Vorgang', 'Dokument']),
          parentId: xdomeaUuid.nullable(),
        })
        .strict(),
    ),
  })
  .strict();

export interface XdomeaMessage {
  prozessId: string;
  nachrichtentyp: SentNachrichtentyp;
  /** `{ProzessID}_{Nachrichtentyp}.zip`, the name the transport gives the container. */
  fileName: string;
  /** The message itself, UTF-8; inside the zip as `{ProzessID}_{Nachrichtentyp}.xml`. */
  xml: string;
  /** The XML and exactly the primary files its Dateinamen name, flat. */
  zip: Uint8Array;
  sent: SentXdomeaMessage;
}

/** `{ProzessID}_{Nachrichtentyp}` + extension: the names xdomea gives a message's files. */
export function messageFileName(prozessId: string, nachrichtentyp: Nachrichtentyp, ext: 'zip' | 'xml'): string {
  return `${prozessId}_${nachrichtentyp}.${ext}`;
}

/** A fresh ProzessID, lowercase as randomUUID writes it. */
export function newProzessId(): string {
  return randomUUID();
}

/** Serializes the message and packs it with its files; the zip holds nothing else. */
export function packMessage(args: {
  root: XmlElement;
  prozessId: string;
  nachrichtentyp: SentNachrichtentyp;
  files: readonly PrimaryFile[];
  sent: SentXdomeaMessage;
  erstellungszeitpunkt: Date;
}): XdomeaMessage {
  const xml = serializeXml(args.root, { [XDOMEA_PREFIX]: XDOMEA_NS });
  const xmlName = messageFileName(args.prozessId, args.nachrichtentyp, 'xml');
  const names = new Set<string>([xmlName]);
  for (const f of args.files) {
    if (names.has(f.name)) throw new DomainError('validation_failed', `file ${f.name} would be in the message twice`);
    names.add(f.name);
  }
  const zip = writeZip(
    [
      { name: xmlName, data: new TextEncoder().encode(xml) },
      ...args.files.map((f) => ({ name: f.name, data: f.data })),
    ],
    { modified: args.erstellungszeitpunkt },
  );
  return {
    prozessId: args.prozessId,
    nachrichtentyp: args.nachrichtentyp,
    fileName: messageFileName(args.prozessId, args.nachrichtentyp, 'zip'),
    xml,
    zip,
    sent: args.sent,
  };
}

/**
 * The stored record of our message a reply is checked against, read back from wherever the
 * caller kept it: schema-checked, and of the type the reply answers.
 */
export function checkSent(sent: unknown, answers?: SentNachrichtentyp, reply = 'reply'): SentXdomeaMessage {
  const parsed = sentXdomeaMessageSchema.safeParse(sent);
  if (!parsed.success) {
    throw new DomainError('bad_request', `the sent message for a ${reply} is not a SentXdomeaMessage`);
  }
  if (answers !== undefined && parsed.data.nachrichtentyp !== answers) {
    throw new DomainError('bad_request', `a ${reply} answers a ${answers}, not a ${parsed.data.nachrichtentyp}`);
  }
  return parsed.data;
}

/** Parses a builder's input, turning zod's issues into one DomainError that names each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .slice(0, 20)
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(input)'}: ${i.message}`);
  throw new DomainError('validation_failed', `${what}: ${issues.join('; ')}`);
}
