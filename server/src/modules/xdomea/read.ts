import { DOMParser, type Element } from '@xmldom/xmldom';
import { DomainError } from '../../../../shared/domain/errors.ts';
import { NACHRICHTENTYPEN, type Nachrichtentyp } from './codes.ts';
import { messageFileName, type SentXdomeaMessage } from './message.ts';
import type { XdomeaObjekt } from './schriftgut.ts';
import { MAX_XDOMEA_XML_BYTES, rootElementName, validateXdomea } from './validate.ts';
import { XDOMEA_NS } from './xml.ts';
import { openZip, type ZipLimits } from './zip.ts';

/**
 * Reading the messages that answer ours. Every check runs before a parser returns, so a
 * caller that acts on the result acts only on a message that is well-formed, valid against
 * its schema, of the expected type, about the expected Prozess and about objects we sent.
 */

/** A refused message: the message names the element; `problems` lists every finding. */
export class XdomeaError extends DomainError {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super('validation_failed', `xdomea message refused: ${problems.join('; ')}`);
    this.name = 'XdomeaError';
    this.problems = problems;
  }
}

export function refuse(...problems: string[]): never {
  throw new XdomeaError(problems);
}

/** A message as it arrives: the XML text, or the zip container that holds it. */
export type XdomeaInput = string | Uint8Array;

/** Replies hold no files; their container needs only the message itself. */
const REPLY_ZIP_LIMITS: Partial<ZipLimits> = { maxEntries: 16, maxEntryBytes: MAX_XDOMEA_XML_BYTES };

const MESSAGE_XML_NAME =
  /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})_([A-Za-z]+\.[A-Za-z]+\.\d{4})\.xml$/;

export interface UnpackedMessage {
  /** The zip entry holding the message. */
  xmlName: string;
  /** ProzessID and Nachrichtentyp as the entry's name gives them. */
  prozessId: string;
  nachrichtentyp: string;
  xml: string;
  /** The other entries (primary files); each is read with `read`. */
  files: readonly string[];
  read(name: string): Uint8Array;
}

/**
 * Opens a message container: flat entries only, exactly one `{ProzessID}_{Nachrichtentyp}.xml`,
 * in UTF-8. Zip-level refusals (zip slip, sizes, duplicates) come from openZip.
 */
export function unpackXdomeaMessage(zip: Uint8Array, limits?: Partial<ZipLimits>): UnpackedMessage {
  const archive = openZip(zip, limits);
  const nested = archive.entries.find((e) => e.name.includes('/'));
  if (nested) refuse(`zip entry ${nested.name}: xdomea containers are flat`);
  const candidates = archive.entries.filter((e) => MESSAGE_XML_NAME.test(e.name));
  if (candidates.length !== 1) {
    refuse(
      candidates.length === 0
        ? 'the container holds no {ProzessID}_{Nachrichtentyp}.xml'
        : `the container holds ${candidates.length} message files (${candidates.map((c) => c.name).join(', ')})`,
    );
  }
  const entry = candidates[0];
  if (!entry) return refuse('the container holds no message');
  const m = MESSAGE_XML_NAME.exec(entry.name);
  return {
    xmlName: entry.name,
    prozessId: m?.[1] ?? '',
    nachrichtentyp: m?.[2] ?? '',
    xml: decodeUtf8(archive.read(entry.name), entry.name),
    files: archive.entries.filter((e) => e !== entry).map((e) => e.name),
    read: (name) => archive.read(name),
  };
}

function decodeUtf8(bytes: Uint8Array, where: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return refuse(`${where}: not UTF-8`);
  }
}

/** The namespace-checked element children of `parent` with this local name. */
export function children(parent: Element, localName: string): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    const e = n as Element;
    if (n.nodeType === 1 && e.namespaceURI === XDOMEA_NS && e.localName === localName) out.push(e);
  }
  return out;
}

/** A path for messages: "Kopf/Absender" under the root's name. */
export type Path = string;

export function optional(parent: Element, localName: string, path: Path): Element | undefined {
  const found = children(parent, localName);
  if (found.length > 1) refuse(`${path}/${localName}: expected at most one, found ${found.length}`);
  return found[0];
}

export function required(parent: Element, localName: string, path: Path): Element {
  return optional(parent, localName, path) ?? refuse(`${path}/${localName}: missing`);
}

export function textOf(e: Element): string {
  return e.textContent ?? '';
}

/** xs:token content (codes, UUIDs): whitespace collapsed as the schema does. */
export function tokenOf(e: Element): string {
  return textOf(e).replace(/\s+/g, ' ').trim();
}

export function booleanOf(e: Element, path: Path): boolean {
  const v = tokenOf(e);
  if (v === '1' || v === 'true') return true;
  if (v === '0' || v === 'false') return false;
  return refuse(`${path}: "${v}" is not a boolean`);
}

/** The unqualified `code` child of an XÖV code element. */
export function codeOf(e: Element, path: Path): string {
  for (let n = e.firstChild; n; n = n.nextSibling) {
    const c = n as Element;
    if (n.nodeType === 1 && c.localName === 'code' && !c.namespaceURI) return tokenOf(c);
  }
  return refuse(`${path}/code: missing`);
}

/** The optional unqualified `name` child of an XÖV code element (the code's description). */
export function codeNameOf(e: Element): string | undefined {
  for (let n = e.firstChild; n; n = n.nextSibling) {
    const c = n as Element;
    if (n.nodeType === 1 && c.localName === 'name' && !c.namespaceURI) return textOf(c);
  }
  return undefined;
}

/** A party as a reply names it; the Behördenkennung only when it carries both parts. */
export interface KontaktInfo {
  praefix?: string;
  behoerdenschluessel?: string;
  name?: string;
}

export interface Kopf {
  prozessId: string;
  /** Kopf/Nachrichtentyp/code. */
  nachrichtentypCode: string;
  erstellungszeitpunkt: string;
  absender: KontaktInfo;
  empfaenger: KontaktInfo;
}

function readKontakt(parent: Element, localName: string, path: Path): KontaktInfo {
  const k = required(parent, localName, path);
  const p = `${path}/${localName}`;
  const info: KontaktInfo = {};
  const kennung = optional(k, 'Behoerdenkennung', p);
  if (kennung) {
    const schluessel = optional(kennung, 'Behoerdenschluessel', `${p}/Behoerdenkennung`);
    const praefix = optional(kennung, 'Praefix', `${p}/Behoerdenkennung`);
    if (schluessel) info.behoerdenschluessel = codeOf(schluessel, `${p}/Behoerdenkennung/Behoerdenschluessel`);
    if (praefix) info.praefix = codeOf(praefix, `${p}/Behoerdenkennung/Praefix`);
  }
  const institution = optional(k, 'Institution', p);
  const name = institution && optional(institution, 'Name', `${p}/Institution`);
  if (name) info.name = textOf(name);
  return info;
}

export interface ReadMessage {
  root: Element;
  rootName: Nachrichtentyp;
  kopf: Kopf;
}

/**
 * Takes a message of one of the `expected` types apart after checking it, in this order:
 * UTF-8 and size, no DOCTYPE (no entity tricks), the root element, the schema (xmllint),
 * Kopf/Nachrichtentyp against the root, and for a container that its file name names the
 * same ProzessID and type as the Kopf.
 */
export async function readMessage(input: XdomeaInput, expected: readonly Nachrichtentyp[]): Promise<ReadMessage> {
  let xml: string;
  let container: UnpackedMessage | undefined;
  if (typeof input === 'string') {
    xml = input;
  } else {
    container = unpackXdomeaMessage(input, REPLY_ZIP_LIMITS);
    if (container.files.length > 0)
      refuse(`the container holds files besides the message: ${container.files.join(', ')}`);
    xml = container.xml;
  }
  xml = xml.replace(/^\uFEFF/, '');
  if (Buffer.byteLength(xml) > MAX_XDOMEA_XML_BYTES) refuse(`message larger than ${MAX_XDOMEA_XML_BYTES} bytes`);
  const declared = /^<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/.exec(xml)?.[1];
  if (declared !== undefined && declared.toUpperCase() !== 'UTF-8') {
    refuse(`XML declaration: encoding ${declared}; xdomea messages are UTF-8`);
  }
  if (/<!DOCTYPE/i.test(xml)) refuse('DOCTYPE: xdomea messages have none; refused');

  const qualified = rootElementName(xml) ?? refuse('no root element found');
  const localName = qualified.slice(qualified.indexOf(':') + 1);
  const rootName = expected.find((e) => e === localName);
  if (rootName === undefined) {
    refuse(`root element ${localName}: expected ${expected.join(' or ')}`);
  }

  const validation = await validateXdomea(xml);
  if (!validation.ok) refuse(...validation.errors.map((e) => `${localName}: ${e}`));

  let root: Element | null;
  try {
    const doc = new DOMParser({
      onError: (level, message) => {
        throw new Error(`${level}: ${message}`);
      },
    }).parseFromString(xml, 'application/xml');
    root = doc.documentElement;
  } catch (e) {
    return refuse(`not well-formed XML: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!root || root.namespaceURI !== XDOMEA_NS || root.localName !== rootName) {
    return refuse(`root element: expected ${rootName} in namespace ${XDOMEA_NS}`);
  }
  const path = rootName as string;
  const k = required(root, 'Kopf', path);
  const kp = `${path}/Kopf`;
  const kopf: Kopf = {
    prozessId: tokenOf(required(k, 'ProzessID', kp)),
    nachrichtentypCode: codeOf(required(k, 'Nachrichtentyp', kp), `${kp}/Nachrichtentyp`),
    erstellungszeitpunkt: tokenOf(required(k, 'Erstellungszeitpunkt', kp)),
    absender: readKontakt(k, 'Absender', kp),
    empfaenger: readKontakt(k, 'Empfaenger', kp),
  };
  const expectedCode = NACHRICHTENTYPEN[rootName];
  if (kopf.nachrichtentypCode !== expectedCode) {
    refuse(
      `${kp}/Nachrichtentyp/code: ${kopf.nachrichtentypCode}, but the root element ${rootName} is ${expectedCode}`,
    );
  }
  if (container) {
    const wanted = messageFileName(kopf.prozessId, rootName, 'xml');
    if (container.xmlName.toLowerCase() !== wanted.toLowerCase()) {
      refuse(`container entry ${container.xmlName}: the Kopf makes it ${wanted}`);
    }
  }
  return { root, rootName, kopf };
}

const sameKey = (a: string | undefined, b: string) => a !== undefined && a.trim() === b.trim();

/**
 * A reply must be about our Prozess and between the same two authorities: its Absender is
 * whom we sent to, its Empfaenger is us (checked where the reply names a Behördenkennung).
 */
export function checkReplyTo(read: ReadMessage, sent: SentXdomeaMessage): void {
  const kp = `${read.rootName}/Kopf`;
  if (read.kopf.prozessId.toLowerCase() !== sent.prozessId.toLowerCase()) {
    refuse(
      `${kp}/ProzessID: ${read.kopf.prozessId} is not the ProzessID ${sent.prozessId} of our ${sent.nachrichtentyp}`,
    );
  }
  const parties: [KontaktInfo, SentXdomeaMessage['absender'], string][] = [
    [read.kopf.absender, sent.empfaenger, 'Absender'],
    [read.kopf.empfaenger, sent.absender, 'Empfaenger'],
  ];
  for (const [got, want, element] of parties) {
    if (got.praefix === undefined || got.behoerdenschluessel === undefined) continue;
    if (!sameKey(got.praefix, want.praefix) || !sameKey(got.behoerdenschluessel, want.behoerdenschluessel)) {
      refuse(
        `${kp}/${element}/Behoerdenkennung: ${got.praefix}${got.behoerdenschluessel} is not ` +
          `${want.praefix}${want.behoerdenschluessel}, the ${element === 'Absender' ? 'recipient' : 'sender'} of our ${sent.nachrichtentyp}`,
      );
    }
  }
}

/** The sent object with this ID, or a refusal naming the element that gave the unknown ID. */
export function sentObjekt(sent: SentXdomeaMessage, id: string, path: Path): XdomeaObjekt {
  const key = id.toLowerCase();
  return (
    sent.objekte.find((o) => o.id.toLowerCase() === key) ??
    refuse(`${path}: ${id} is no object of our ${sent.nachrichtentyp} ${sent.prozessId}`)
  );
}

export interface ObjektErgebnis {
  id: string;
  typ: XdomeaObjekt['typ'];
  erfolgreich: boolean;
  /** Fehlermeldung texts, then FehlermeldungCode as "code name". */
  fehlermeldungen: string[];
  /** The element, for fields only one message type has (Archivkennung). */
  element: Element;
}

/**
 * The per-object results of an import confirmation (0402 AbgegebenesObjekt, 0506
 * AusgesondertesSGO): each names an object we sent, none twice, and every object we sent at
 * the top level has one — a confirmation that leaves one out confirms nothing about it.
 */
export function readObjektErgebnisse(read: ReadMessage, localName: string, sent: SentXdomeaMessage): ObjektErgebnis[] {
  const seen = new Set<string>();
  const out = children(read.root, localName).map((e, index): ObjektErgebnis => {
    const path = `${read.rootName}/${localName}[${index + 1}]`;
    const id = tokenOf(required(e, 'IDSGO', path));
    const objekt = sentObjekt(sent, id, `${path}/IDSGO`);
    if (seen.has(objekt.id)) refuse(`${path}/IDSGO: ${id} has a result already`);
    seen.add(objekt.id);
    return {
      id: objekt.id,
      typ: objekt.typ,
      erfolgreich: booleanOf(required(e, 'Erfolgreich', path), `${path}/Erfolgreich`),
      fehlermeldungen: [
        ...children(e, 'Fehlermeldung').map(textOf),
        ...children(e, 'FehlermeldungCode').map((c) =>
          [codeOf(c, `${path}/FehlermeldungCode`), codeNameOf(c)].filter(Boolean).join(' '),
        ),
      ],
      element: e,
    };
  });
  const missing = sent.objekte.filter((o) => o.parentId === null && !seen.has(o.id));
  if (missing.length > 0) {
    refuse(
      `${read.rootName}/${localName}: no result for ${missing.map((o) => `${o.typ} ${o.id}`).join(', ')} of our ${sent.nachrichtentyp}`,
    );
  }
  return out;
}
