/**
 * A tiny XML writer for the messages Amtsplatz produces: elements, attributes and text, no
 * mixed content. Names are written as given, so the caller spells the xdomea prefix
 * (`xdomea:Kopf`) and leaves the XÖV code children (`code`, `name`) unprefixed: the schema
 * declares them unqualified, which a default namespace would break.
 */

export const XDOMEA_NS = 'urn:xoev-de:xdomea:schema:3.0.0';
export const XDOMEA_PREFIX = 'xdomea';

export interface XmlElement {
  name: string;
  attributes: ReadonlyArray<readonly [string, string]>;
  children: readonly XmlNode[];
}
export type XmlNode = XmlElement | string;

/** What a child list may hold: absent optional parts are simply left out. */
export type XmlChild = XmlNode | undefined | null | false | readonly XmlChild[];

/** An element in the xdomea namespace: `x('Kopf', …)` is `<xdomea:Kopf>`. */
export function x(localName: string, ...children: XmlChild[]): XmlElement {
  return el(`${XDOMEA_PREFIX}:${localName}`, {}, ...children);
}

/** An element with attributes (undefined values are left out), written with the name as given. */
export function el(name: string, attributes: Record<string, string | undefined>, ...children: XmlChild[]): XmlElement {
  assertName(name);
  const attrs: [string, string][] = [];
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    assertName(key);
    attrs.push([key, value]);
  }
  return { name, attributes: attrs, children: flatten(children) };
}

function flatten(children: readonly XmlChild[]): XmlNode[] {
  const out: XmlNode[] = [];
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) out.push(...flatten(c));
    else out.push(c as XmlNode);
  }
  return out;
}

// Names as the schemas use them: ASCII letters, digits, ".", "-", "_" and one prefix colon.
const NAME = /^[A-Za-z_][A-Za-z0-9._-]*(:[A-Za-z_][A-Za-z0-9._-]*)?$/;

function assertName(name: string): void {
  if (!NAME.test(name)) throw new Error(`"${name.slice(0, 64)}" is not an XML name this writer accepts`);
}

// XML 1.0 Char: anything else (most C0 controls, U+FFFE/FFFF, lone surrogates) makes the
// document ill-formed, so it is refused instead of being written.
const NON_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** The first character XML 1.0 cannot carry, as U+XXXX, or undefined when there is none. */
export function findNonXmlChar(text: string): string | undefined {
  const m = NON_XML_CHAR.exec(text);
  if (!m) return undefined;
  return `U+${(m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function checkChars(text: string, where: string): void {
  const bad = findNonXmlChar(text);
  if (bad !== undefined) throw new Error(`${where} contains ${bad}, which XML 1.0 cannot carry`);
}

function escapeText(text: string): string {
  // "\r" as a reference: a literal one would be normalised to "\n" by every parser.
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

/**
 * The document as UTF-8 text with its declaration, indented by two spaces; elements holding
 * only text stay on one line so no whitespace is added to a value. `namespaces` are declared
 * on the root (prefix → URI).
 */
export function serializeXml(root: XmlElement, namespaces: Record<string, string> = {}): string {
  const nsAttributes = Object.entries(namespaces).map(([prefix, uri]): [string, string] => [`xmlns:${prefix}`, uri]);
  const withNs: XmlElement = { ...root, attributes: [...nsAttributes, ...root.attributes] };
  const lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(withNs, 0, lines);
  return `${lines.join('\n')}\n`;
}

function write(node: XmlElement, depth: number, lines: string[]): void {
  const indent = '  '.repeat(depth);
  const attrs = node.attributes
    .map(([k, v]) => {
      checkChars(v, `attribute ${k} of ${node.name}`);
      return ` ${k}="${escapeAttribute(v)}"`;
    })
    .join('');
  if (node.children.length === 0) {
    lines.push(`${indent}<${node.name}${attrs}/>`);
    return;
  }
  if (node.children.every((c) => typeof c === 'string')) {
    const text = node.children.join('');
    checkChars(text, `element ${node.name}`);
    lines.push(`${indent}<${node.name}${attrs}>${escapeText(text)}</${node.name}>`);
    return;
  }
  if (node.children.some((c) => typeof c === 'string')) {
    throw new Error(`element ${node.name} mixes text and elements, which no xdomea type has`);
  }
  lines.push(`${indent}<${node.name}${attrs}>`);
  for (const c of node.children) write(c as XmlElement, depth + 1, lines);
  lines.push(`${indent}</${node.name}>`);
}
