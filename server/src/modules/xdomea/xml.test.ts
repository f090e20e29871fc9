import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { el, findNonXmlChar, serializeXml, x, XDOMEA_NS } from './xml.ts';

describe('xml writer', () => {
  it('writes the UTF-8 declaration, the xdomea prefix on the root and unqualified code children', () => {
    const xml = serializeXml(x('Probe', x('Nachrichtentyp', el('code', {}, '0605'))), { xdomea: XDOMEA_NS });
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<xdomea:Probe xmlns:xdomea="urn:xoev-de:xdomea:schema:3.0.0">',
      ),
    ).toBe(true);
    expect(xml).not.toContain('xmlns="');
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    const code = doc.getElementsByTagName('code')[0];
    expect(doc.documentElement?.namespaceURI).toBe(XDOMEA_NS);
    expect(code?.namespaceURI).toBeNull();
    expect(code?.textContent).toBe('0605');
  });

  it('escapes text and attributes so a parser reads back exactly the values', () => {
    const text = 'Müller & Söhne <GmbH> "quoted" \'single\' ]]> \r\nzweite Zeile\t€ 𝄞';
    const attr = 'a"b<c>&d\te\nf\rg';
    const xml = serializeXml(el('r', { v: attr }, el('t', {}, text)));
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    expect(doc.getElementsByTagName('t')[0]?.textContent).toBe(text);
    expect(doc.documentElement?.getAttribute('v')).toBe(attr);
  });

  it('leaves out absent children and attributes and indents elements, not text', () => {
    const xml = serializeXml(
      el('r', { a: undefined, b: '1' }, undefined, false, null, [el('c', {}, ' text '), [el('d', {})]]),
    );
    expect(xml).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<r b="1">\n  <c> text </c>\n  <d/>\n</r>\n');
  });

  it('refuses characters XML 1.0 cannot carry, saying which', () => {
    expect(() => serializeXml(el('r', {}, 'Klingel\u0007'))).toThrow(/element r contains U\+0007/);
    expect(() => serializeXml(el('r', { a: '\uFFFE' }))).toThrow(/attribute a of r contains U\+FFFE/);
    expect(findNonXmlChar('halbes \uD800 Paar')).toBe('U+D800');
    expect(findNonXmlChar('ganz 𝄞 \t\n\r')).toBeUndefined();
  });

  it('refuses names that are not XML names and mixed content', () => {
    expect(() => el('a b', {})).toThrow(/not an XML name/);
    expect(() => el('a', { 'x y': '1' })).toThrow(/not an XML name/);
    expect(() => serializeXml(el('a', {}, 'text', el('b', {})))).toThrow(/mixes text and elements/);
  });
});
