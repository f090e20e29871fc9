import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { buildAbgabe } from './abgabe.ts';
import { buildAnbieteverzeichnis, buildAussonderung } from './aussonderung.ts';
import { dateiformatCode, formatVersion, NACHRICHTENTYPEN } from './codes.ts';
import { buildSgoAblegen } from './fvdaten.ts';
import type { XdomeaMessage } from './message.ts';
import { primaerdateiname } from './schriftgut.ts';
import {
  akte,
  AKTE_ID,
  ARCHIV,
  DMS,
  DOK_JPEG,
  DOK_OTHER,
  DOK_PDF,
  DOK_PNG,
  DOK_TXT,
  dokument,
  JPEG_BYTES,
  NACHBARSTADT,
  NOW,
  PDF_BYTES,
  PNG_BYTES,
  STADT,
  VORGANG_1,
  VORGANG_2,
  zweiteAkte,
} from './test-fixture.ts';
import type { AkteRecord, DokumentRecord, XdomeaParty } from './types.ts';
import { validateXdomea, XDOMEA_SCHEMA_DIR } from './validate.ts';
import { XDOMEA_NS } from './xml.ts';
import { openZip } from './zip.ts';

const SLOW = { timeout: 30_000 };
const UUID_START = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}_/;

const sgo = (a: AkteRecord = akte()) =>
  buildSgoAblegen({
    akte: a,
    absender: STADT,
    empfaenger: DMS,
    erstellerkennung: 'sb.meier',
    erstellungszeitpunkt: NOW,
  });
const abgabe = () =>
  buildAbgabe({
    vorgang: akte().vorgaenge[0] ?? expect.fail(),
    akte: akte(),
    absender: STADT,
    empfaenger: NACHBARSTADT,
    erstellungszeitpunkt: NOW,
  });
const anbietung = () =>
  buildAnbieteverzeichnis({
    akten: [akte(), zweiteAkte()],
    absender: STADT,
    empfaenger: ARCHIV,
    erstellungszeitpunkt: NOW,
  });
const aussonderung = (offer = anbietung(), akten = [akte(), zweiteAkte()]) =>
  buildAussonderung({
    anbietung: offer.sent,
    bewertung: { prozessId: offer.prozessId, archivieren: [AKTE_ID] },
    akten,
    absender: STADT,
    empfaenger: ARCHIV,
    erstellungszeitpunkt: NOW,
  });

const BUILDERS: [string, () => XdomeaMessage, XdomeaParty, XdomeaParty][] = [
  ['FVDaten.SGOAblegen.0605', sgo, STADT, DMS],
  ['Abgabe.Abgabe.0401', abgabe, STADT, NACHBARSTADT],
  ['Aussonderung.Anbieteverzeichnis.0501', anbietung, STADT, ARCHIV],
  ['Aussonderung.Aussonderung.0503', aussonderung, STADT, ARCHIV],
];

const parse = (xml: string): Document => new DOMParser().parseFromString(xml, 'application/xml');
const all = (scope: Document | Element, localName: string): Element[] =>
  Array.from(scope.getElementsByTagNameNS(XDOMEA_NS, localName));
const first = (scope: Document | Element, localName: string): Element =>
  all(scope, localName)[0] ?? expect.fail(`no ${localName}`);
const directChild = (parent: Element, localName: string): Element | undefined =>
  Array.from(parent.childNodes).find((n): n is Element => n.nodeType === 1 && (n as Element).localName === localName);
const code = (e: Element): string | null | undefined => directChild(e, 'code')?.textContent;

/** The Dateiformat code list as vendored: its version and codes. */
const dateiformatList = (() => {
  const doc = parse(readFileSync(resolve(XDOMEA_SCHEMA_DIR, 'code_lists/Dateiformat_1.0.xml'), 'utf8'));
  const version = doc.getElementsByTagName('Version')[0]?.textContent;
  const codes = Array.from(doc.getElementsByTagName('Row')).map(
    (row) => row.getElementsByTagName('SimpleValue')[0]?.textContent,
  );
  return { version, codes: new Set(codes) };
})();

const allDokumente = (a: AkteRecord[]): Map<string, DokumentRecord> =>
  new Map(a.flatMap((x) => x.vorgaenge.flatMap((v) => v.dokumente)).map((d) => [d.id, d]));

describe.each(BUILDERS)('%s', (nachrichtentyp, build, absender, empfaenger) => {
  it('is valid against its schema in resources/xdomea (xmllint)', SLOW, async () => {
    const message = build();
    expect(await validateXdomea(message.xml)).toEqual({ ok: true });
  });

  it('has Kopf/Nachrichtentyp/code of its root element, from Nachrichtentyp 2.0', () => {
    const doc = parse(build().xml);
    const root = doc.documentElement ?? expect.fail();
    expect(root.localName).toBe(nachrichtentyp);
    expect(root.namespaceURI).toBe(XDOMEA_NS);
    const typ = first(first(doc, 'Kopf'), 'Nachrichtentyp');
    expect(code(typ)).toBe(nachrichtentyp.slice(-4));
    expect(code(typ)).toBe(NACHRICHTENTYPEN[nachrichtentyp as keyof typeof NACHRICHTENTYPEN]);
    expect(typ.getAttribute('listVersionID')).toBe('2.0');
  });

  it('names Absender and Empfaenger by a Behördenkennung with Praefix and Behoerdenschluessel', () => {
    const kopf = first(parse(build().xml), 'Kopf');
    for (const [localName, party] of [
      ['Absender', absender],
      ['Empfaenger', empfaenger],
    ] as const) {
      const kennung = first(directChild(kopf, localName) ?? expect.fail(), 'Behoerdenkennung');
      expect(code(first(kennung, 'Praefix'))).toBe(party.kennung.praefix);
      expect(code(first(kennung, 'Behoerdenschluessel'))).toBe(party.kennung.behoerdenschluessel);
    }
  });

  it('writes the xdomea namespace with its prefix, never as default, and the XÖV code children unqualified', () => {
    const { xml } = build();
    expect(xml).toContain(`<xdomea:${nachrichtentyp} xmlns:xdomea="${XDOMEA_NS}">`);
    expect(xml).not.toMatch(/xmlns="/);
    const codes = Array.from(parse(xml).getElementsByTagName('code'));
    expect(codes.length).toBeGreaterThan(0);
    for (const c of codes) expect(c.namespaceURI).toBeNull();
  });

  it('is UTF-8, packed as {ProzessID}_{Nachrichtentyp}.xml in {ProzessID}_{Nachrichtentyp}.zip', () => {
    const message = build();
    expect(message.nachrichtentyp).toBe(nachrichtentyp);
    expect(message.fileName).toBe(`${message.prozessId}_${nachrichtentyp}.zip`);
    expect(message.xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const archive = openZip(message.zip);
    const xmlName = `${message.prozessId}_${nachrichtentyp}.xml`;
    expect(archive.entries[0]?.name).toBe(xmlName);
    const decoded = new TextDecoder('utf-8', { fatal: true }).decode(archive.read(xmlName));
    expect(decoded).toBe(message.xml);
    expect(first(parse(decoded), 'ProzessID').textContent).toBe(message.prozessId);
  });

  it('names each file by a Dateiname that starts with a UUID and is its flat name in the zip, and packs nothing else', () => {
    const message = build();
    const doc = parse(message.xml);
    const dateinamen = all(doc, 'Dateiname').map((e) => e.textContent ?? '');
    const archive = openZip(message.zip);
    const files = archive.entries.map((e) => e.name).filter((n) => !n.endsWith(`_${nachrichtentyp}.xml`));
    expect(files.sort()).toEqual([...dateinamen].sort());
    const records = allDokumente([akte(), zweiteAkte()]);
    for (const name of dateinamen) {
      expect(name).toMatch(UUID_START);
      expect(name).not.toContain('/');
      const record = records.get(name.slice(0, 36)) ?? expect.fail(`no Dokument for ${name}`);
      expect(Buffer.from(archive.read(name)).equals(Buffer.from(record.bytes ?? []))).toBe(true);
    }
  });

  it('gives every Format a Dateiformat code with the list version, and a Version', () => {
    for (const format of all(parse(build().xml), 'Format')) {
      const name = directChild(format, 'Name') ?? expect.fail();
      expect(dateiformatList.codes.has(code(name))).toBe(true);
      expect(name.getAttribute('listVersionID')).toBe(dateiformatList.version);
      expect(directChild(format, 'Version')?.textContent?.trim()).not.toBe('');
    }
  });
});

describe('FVDaten.SGOAblegen.0605', () => {
  it('files the Akte with its Vorgänge and Dokumente as one object under a fresh ProzessID each time', () => {
    const a = sgo();
    const b = sgo();
    expect(a.prozessId).not.toBe(b.prozessId);
    const doc = parse(a.xml);
    const filed = all(doc, 'SchriftgutobjektZumAblegen');
    expect(filed).toHaveLength(1);
    expect(first(filed[0] ?? expect.fail(), 'FachverfahrenObjektID').textContent).toBe(AKTE_ID);
    expect(first(doc, 'Stapel').textContent).toBe('0');
    expect(all(doc, 'Vorgang')).toHaveLength(2);
    expect(all(doc, 'Dokument')).toHaveLength(5);
    expect(a.sent.objekte.map((o) => [o.typ, o.id, o.parentId])).toEqual([
      ['Akte', AKTE_ID, null],
      ['Vorgang', VORGANG_1, AKTE_ID],
      ['Dokument', DOK_PDF, VORGANG_1],
      ['Dokument', DOK_PNG, VORGANG_1],
      ['Dokument', DOK_JPEG, VORGANG_1],
      ['Vorgang', VORGANG_2, AKTE_ID],
      ['Dokument', DOK_TXT, VORGANG_2],
      ['Dokument', DOK_OTHER, VORGANG_2],
    ]);
    expect(openZip(a.zip).entries).toHaveLength(6);
  });

  it('maps media types to Dateiformat codes, the unknown one to Sonstiges with its type', () => {
    const doc = parse(sgo().xml);
    const byDok = new Map(
      all(doc, 'Dokument').map((d) => [
        first(d, 'ID').textContent,
        [code(first(first(d, 'Format'), 'Name')), first(first(d, 'Format'), 'Version').textContent],
      ]),
    );
    expect(byDok.get(DOK_PDF)).toEqual(['018', '1.7']);
    expect(byDok.get(DOK_PNG)).toEqual(['019', '1.2']);
    expect(byDok.get(DOK_JPEG)).toEqual(['010', '1.02']);
    expect(byDok.get(DOK_TXT)).toEqual(['045', 'unbekannt']);
    expect(byDok.get(DOK_OTHER)).toEqual(['100', 'unbekannt']);
    expect(all(doc, 'SonstigerName').map((e) => e.textContent)).toEqual(['application/x-fachverfahren']);
  });

  it('refuses an open Akte', () => {
    expect(() => sgo(akte({ zdaAm: null }))).toThrow(/not closed/);
  });

  it('refuses files that are missing or not the recorded ones', () => {
    const without = akte();
    const [v] = without.vorgaenge;
    const d = v?.dokumente[0] ?? expect.fail();
    delete d.bytes;
    expect(() => sgo(without)).toThrow(expect.objectContaining({ code: 'blob_missing' }));
    const changed = akte();
    const c = changed.vorgaenge[0]?.dokumente[0] ?? expect.fail();
    c.bytes = new TextEncoder().encode('%PDF-1.7 anders');
    c.size = c.bytes.length;
    expect(() => sgo(changed)).toThrow(expect.objectContaining({ code: 'hash_mismatch' }));
    const shorter = akte();
    const s = shorter.vorgaenge[0]?.dokumente[0] ?? expect.fail();
    s.size = 3;
    expect(() => sgo(shorter)).toThrow(/3/);
  });

  it('refuses a UUID used twice and text XML cannot carry, naming the field', () => {
    const twice = akte();
    (twice.vorgaenge[1] ?? expect.fail()).id = VORGANG_1;
    expect(() => sgo(twice)).toThrow(/occurs twice/);
    expect(() => sgo(akte({ titel: 'Klingel\u0007' }))).toThrow(
      /akte\.titel: contains a character XML 1.0 cannot carry/,
    );
    expect(() => sgo(akte({ id: 'keine-uuid' }))).toThrow(/akte\.id: expected a UUID/);
  });
});

describe('Abgabe.Abgabe.0401', () => {
  it('hands over the Vorgang with its Dokumente and files, naming its Akte as Aktenbetreff', () => {
    const message = abgabe();
    const doc = parse(message.xml);
    const sgoElement = first(doc, 'Schriftgutobjekt');
    const vorgangElement = directChild(sgoElement, 'Vorgang') ?? expect.fail();
    expect(first(vorgangElement, 'ID').textContent).toBe(VORGANG_1);
    expect(first(vorgangElement, 'Aktenbetreff').textContent).toBe(akte().titel);
    expect(all(doc, 'Akte')).toHaveLength(0);
    expect(message.sent.objekte.filter((o) => o.parentId === null)).toEqual([
      { id: VORGANG_1, typ: 'Vorgang', parentId: null },
    ]);
    expect(openZip(message.zip).entries).toHaveLength(4);
    expect(first(doc, 'Importbestaetigung').textContent).toBe('1');
  });
});

describe('Aussonderung 0501 and 0503', () => {
  it('offers metadata only: no Version, no Format, no file in the zip', () => {
    const message = anbietung();
    const doc = parse(message.xml);
    expect(all(doc, 'Akte')).toHaveLength(2);
    expect(all(doc, 'Dokument')).toHaveLength(6);
    expect(all(doc, 'Format')).toHaveLength(0);
    expect(openZip(message.zip).entries.map((e) => e.name)).toEqual([
      `${message.prozessId}_Aussonderung.Anbieteverzeichnis.0501.xml`,
    ]);
    const arten = all(doc, 'ArchivspezifischeMetadaten').map((m) =>
      code(first(first(m, 'Aussonderungsart'), 'Aussonderungsart')),
    );
    expect(arten).toEqual(['B', 'V']);
  });

  it('offers only closed Akten whose retention has ended', () => {
    const offer = (a: AkteRecord) =>
      buildAnbieteverzeichnis({ akten: [a], absender: STADT, empfaenger: ARCHIV, erstellungszeitpunkt: NOW });
    expect(() => offer(akte({ aufbewahrungBis: '2026-03-02' }))).toThrow(/not ended on 2026-03-02/);
    expect(() => offer(akte({ aufbewahrungBis: null }))).toThrow(/not set/);
    expect(() => offer(akte({ zdaAm: null }))).toThrow(/not closed/);
    expect(() => offer(akte({ aufbewahrungBis: '2026-03-01' }))).not.toThrow();
  });

  it('hands over the Akten decided A with their files, under the 0501 ProzessID, IDs and hierarchy', () => {
    const offer = anbietung();
    const message = aussonderung(offer);
    expect(message.prozessId).toBe(offer.prozessId);
    const underA = new Set([AKTE_ID]);
    const offeredUnderA = offer.sent.objekte.filter((o) => {
      const inside = o.id === AKTE_ID || (o.parentId !== null && underA.has(o.parentId));
      if (inside) underA.add(o.id);
      return inside;
    });
    expect(offeredUnderA).toHaveLength(8);
    expect(message.sent.objekte).toEqual(offeredUnderA);
    expect(message.sent.objekte.map((o) => o.id)).not.toContain(zweiteAkte().id);
    const doc = parse(message.xml);
    expect(all(doc, 'Akte')).toHaveLength(1);
    const art = first(first(first(doc, 'ArchivspezifischeMetadaten'), 'Aussonderungsart'), 'Aussonderungsart');
    expect(akte().aussonderungsart).toBe('B');
    expect(code(art)).toBe('A');
    expect(first(doc, 'RueckmeldungArchivkennung').textContent).toBe('1');
    expect(openZip(message.zip).entries).toHaveLength(6);
  });

  it('refuses an Akte that changed since the offer, a missing one, another Prozess and an empty hand-over', () => {
    const offer = anbietung();
    const grown = akte();
    (grown.vorgaenge[0] ?? expect.fail()).dokumente.push(
      dokument('6f1c2a3b-0000-4000-8000-000000000199', 'Nachtrag.pdf', 'application/pdf', PDF_BYTES),
    );
    expect(() => aussonderung(offer, [grown])).toThrow(/000000000199 was not offered there/);
    const shrunk = akte();
    shrunk.vorgaenge.pop();
    expect(() => aussonderung(offer, [shrunk])).toThrow(/Vorgang 6f1c2a3b-0000-4000-8000-000000000012 is missing/);
    expect(() => aussonderung(offer, [zweiteAkte()])).toThrow(/decided A but is not given/);
    const base = {
      anbietung: offer.sent,
      akten: [akte()],
      absender: STADT,
      empfaenger: ARCHIV,
      erstellungszeitpunkt: NOW,
    };
    expect(() =>
      buildAussonderung({ ...base, bewertung: { prozessId: sgo().prozessId, archivieren: [AKTE_ID] } }),
    ).toThrow(/belongs to Prozess/);
    expect(() => buildAussonderung({ ...base, bewertung: { prozessId: offer.prozessId, archivieren: [] } })).toThrow(
      /nothing to hand over/,
    );
    expect(() =>
      buildAussonderung({
        ...base,
        empfaenger: NACHBARSTADT,
        bewertung: { prozessId: offer.prozessId, archivieren: [AKTE_ID] },
      }),
    ).toThrow(/same authorities/);
  });
});

describe('Dateiformat and file names', () => {
  it.each([
    ['application/pdf', 'a.pdf', '018'],
    ['image/png', 'a.png', '019'],
    ['image/jpeg', 'a.jpg', '011'],
    ['image/jpeg', 'a.JPEG', '010'],
    ['image/jpeg', 'a.bin', '011'],
    ['image/tiff', 'a.tif', '023'],
    ['image/tiff', 'a.tiff', '024'],
    ['text/xml', 'a.xml', '030'],
    ['application/xml; charset=utf-8', 'a.xml', '030'],
    ['text/plain', 'a.txt', '045'],
    ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'a.docx', '035'],
    ['application/vnd.oasis.opendocument.text', 'a.odt', '015'],
    ['application/x-unbekannt', 'a.x', '100'],
  ])('%s (%s) is Dateiformat %s', (mediaType, name, expected) => {
    expect(dateiformatCode(mediaType, name)).toBe(expected);
    expect(dateiformatList.codes.has(expected)).toBe(true);
  });

  it('reads the version from PDF and JFIF headers, and says "unbekannt" when nothing tells', () => {
    expect(formatVersion('application/pdf', PDF_BYTES)).toBe('1.7');
    expect(formatVersion('application/pdf', new Uint8Array([1, 2, 3]))).toBe('unbekannt');
    expect(formatVersion('image/jpeg', JPEG_BYTES)).toBe('1.02');
    expect(formatVersion('image/png', PNG_BYTES)).toBe('1.2');
    expect(formatVersion('text/plain', undefined)).toBe('unbekannt');
  });

  it('makes Dateinamen flat, UUID-first and at most 255 bytes with the extension kept', () => {
    const id = DOK_PDF;
    expect(primaerdateiname({ id, dateiname: 'Antrag.pdf' })).toBe(`${id}_Antrag.pdf`);
    expect(primaerdateiname({ id, dateiname: '../a\\b:c.pdf' })).toBe(`${id}_.._a_b_c.pdf`);
    const long = primaerdateiname({ id, dateiname: `${'Ä'.repeat(300)}.pdf` });
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(255);
    expect(long.endsWith('Ä.pdf')).toBe(true);
    expect(long.startsWith(`${id}_`)).toBe(true);
  });
});
