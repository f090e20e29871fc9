import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadAktenplan } from '../server/src/modules/akte/aktenplan.ts';
import { loadVerfahren } from '../server/src/modules/verfahren/load.ts';
import { openZip, validateXdomea } from '../server/src/modules/xdomea/index.ts';
import { defaultToday, main, xdomeaAkteId } from './xdomea-sample.ts';

/*
 * The sample run end to end: a fresh demo database, the real z.d.A. command, the builders and
 * the 0502 reader. The messages are checked here from the files alone, as their recipient
 * would see them, not from what the script reports about them.
 */

const NS = 'urn:xoev-de:xdomea:schema:3.0.0';
const SLOW = { timeout: 120_000 };
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const TYPES = [
  'FVDaten.SGOAblegen.0605',
  'Abgabe.Abgabe.0401',
  'Aussonderung.Anbieteverzeichnis.0501',
  'Aussonderung.Bewertungsverzeichnis.0502',
  'Aussonderung.Aussonderung.0503',
] as const;
type Typ = (typeof TYPES)[number];

interface Message {
  fileName: string;
  prozessId: string;
  entries: string[];
  xml: string;
  root: Element;
}

let dir: string;
let exitCode: number;
let printed: string[];
const messages = new Map<Typ, Message>();

const message = (typ: Typ): Message => messages.get(typ) ?? expect.fail(`no ${typ} written`);
const children = (e: Element, name: string): Element[] =>
  Array.from(e.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).localName === name);
const child = (e: Element, name: string): Element =>
  children(e, name)[0] ?? expect.fail(`no ${name} in ${e.localName}`);
const text = (e: Element, ...path: string[]): string => path.reduce(child, e).textContent ?? '';
const idOf = (e: Element) => text(e, 'Identifikation', 'ID');

/** The Akten a message carries as its Schriftgutobjekte, by ID. */
const akten = (m: Message): Map<string, Element> =>
  new Map(children(m.root, 'Schriftgutobjekt').map((s) => [idOf(child(s, 'Akte')), child(s, 'Akte')]));
const dokumentIds = (akte: Element): string[] =>
  Array.from(akte.getElementsByTagNameNS(NS, 'Dokument')).map((d) => idOf(d));
const dateinamen = (m: Message): string[] =>
  Array.from(m.root.getElementsByTagNameNS(NS, 'Primaerdokument')).map((p) => text(p, 'Dateiname'));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'amtsplatz-xdomea-sample-test-'));
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    exitCode = await main([join(dir, 'out')]);
    printed = log.mock.calls.map((c) => c.join(' '));
  } finally {
    log.mockRestore();
  }
  for (const fileName of await readdir(join(dir, 'out'))) {
    const typ = TYPES.find((t) => fileName.endsWith(`_${t}.zip`));
    if (!typ) continue;
    const zip = openZip(new Uint8Array(await readFile(join(dir, 'out', fileName))));
    const xmlName = fileName.replace(/\.zip$/, '.xml');
    const xml = new TextDecoder().decode(zip.read(xmlName));
    const root = new DOMParser().parseFromString(xml, 'text/xml').documentElement ?? expect.fail('no root');
    messages.set(typ, {
      fileName,
      prozessId: fileName.slice(0, fileName.indexOf('_')),
      entries: zip.entries.map((e) => e.name),
      xml,
      root,
    });
  }
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run xdomea:sample', () => {
  it('writes the five messages as {ProzessID}_{Nachrichtentyp}.zip and prints one line each', async () => {
    expect(exitCode).toBe(0);
    const names = (await readdir(join(dir, 'out'))).sort();
    expect(names).toHaveLength(5);
    for (const typ of TYPES) {
      const m = message(typ);
      expect(m.fileName).toMatch(new RegExp(`^${UUID}_${typ.replaceAll('.', '\\.')}\\.zip$`));
      expect(m.entries[0]).toBe(`${m.prozessId}_${typ}.xml`);
      expect(text(m.root, 'Kopf', 'ProzessID')).toBe(m.prozessId);
    }
    // File name, Nachrichtentyp and size, and a summary: nothing about the records' contents.
    const lines = printed.slice(0, 5);
    expect(lines.map((l) => l.split(/\s+/)[0]).sort()).toEqual(names);
    for (const l of lines) expect(l).toMatch(new RegExp(`^${UUID}_\\S+\\.zip +\\S+ +\\d+ bytes$`));
    expect(printed).toHaveLength(6);
  });

  it('writes only messages that are valid against the xdomea 3.0.0 schemas', SLOW, async () => {
    for (const typ of TYPES) expect(await validateXdomea(message(typ).xml), typ).toEqual({ ok: true });
  });

  it('files the Akte in the 0605 under a fresh ProzessID, with its files', () => {
    const sgo = message('FVDaten.SGOAblegen.0605');
    const others = TYPES.filter((t) => t !== 'FVDaten.SGOAblegen.0605').map((t) => message(t).prozessId);
    expect(others).not.toContain(sgo.prozessId);
    expect(dateinamen(sgo).length).toBeGreaterThan(0);
    expect(sgo.entries.slice(1).sort()).toEqual(dateinamen(sgo).sort());
  });

  it('runs the Aussonderung under one ProzessID and hands over exactly the Akten decided A', () => {
    const anbietung = message('Aussonderung.Anbieteverzeichnis.0501');
    const bewertung = message('Aussonderung.Bewertungsverzeichnis.0502');
    const aussonderung = message('Aussonderung.Aussonderung.0503');
    expect(bewertung.prozessId).toBe(anbietung.prozessId);
    expect(aussonderung.prozessId).toBe(anbietung.prozessId);

    const decided = children(bewertung.root, 'BewertetesObjekt').map((b) => ({
      id: text(b, 'ID'),
      art: text(b, 'Aussonderungsart', 'Aussonderungsart', 'code'),
    }));
    const offered = akten(anbietung);
    expect(decided.map((d) => d.id).sort()).toEqual([...offered.keys()].sort());
    const archivieren = decided.filter((d) => d.art === 'A').map((d) => d.id);
    expect(archivieren.length).toBeGreaterThan(0);
    expect(decided.some((d) => d.art === 'V')).toBe(true);

    const handedOver = akten(aussonderung);
    expect([...handedOver.keys()].sort()).toEqual([...archivieren].sort());
    for (const [id, akte] of handedOver) {
      const asOffered = offered.get(id) ?? expect.fail(`Akte ${id} was not offered`);
      expect(dokumentIds(akte)).toEqual(dokumentIds(asOffered));
    }
    // The 0501 is metadata only; the 0503 carries every document's file, and nothing else.
    expect(anbietung.entries).toHaveLength(1);
    expect(dateinamen(aussonderung).length).toBeGreaterThan(0);
    expect(aussonderung.entries.slice(1).sort()).toEqual(dateinamen(aussonderung).sort());
  });

  it('hands an open Vorgang over in the 0401 with its documents', () => {
    const abgabe = message('Abgabe.Abgabe.0401');
    const vorgang = child(child(abgabe.root, 'Schriftgutobjekt'), 'Vorgang');
    expect(children(vorgang, 'Dokument').length).toBeGreaterThan(0);
    expect(abgabe.entries.slice(1).sort()).toEqual(dateinamen(abgabe).sort());
  });
});

describe('the sample run’s mappings', () => {
  it('gives the Akte a stable name-based UUID apart from its Vorgang’s id', () => {
    const id = '6f1c2a3b-0000-4000-8000-000000000001';
    expect(xdomeaAkteId(id)).toMatch(new RegExp(`^${UUID}$`));
    expect(xdomeaAkteId(id)[14]).toBe('5');
    expect(xdomeaAkteId(id)).toBe(xdomeaAkteId(id.toUpperCase()));
    expect(xdomeaAkteId(id)).not.toBe(id);
    expect(xdomeaAkteId(id)).not.toBe(xdomeaAkteId('6f1c2a3b-0000-4000-8000-000000000002'));
  });

  it('offers on 1 January after the longest retention has run from this German year', async () => {
    const [plan, verfahren] = await Promise.all([loadAktenplan(), loadVerfahren()]);
    // The shipped Verfahren file under Einheiten that keep Akten for at most 10 years (others
    // of the plan keep them longer); 23:30 UTC on 31 December is 2027 in Berlin already.
    expect(defaultToday(new Date('2026-06-01T12:00:00Z'), plan, verfahren)).toBe('2037-01-01');
    expect(defaultToday(new Date('2026-12-31T23:30:00Z'), plan, verfahren)).toBe('2038-01-01');
  });
});
