/*
 * The Aktenplan import (Aktenplan.Aktenplan.0301): a message written from the shipped
 * Aktenplan, XSD-valid, comes back as the same plan; what Amtsplatz cannot express is refused
 * naming the element, and a message of another type or an invalid one changes nothing.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aktenplanFile, type AktenplanEinheitInput, type AktenplanFile } from '../../../../shared/domain/aktenplan.ts';
import { main } from '../../../../scripts/aktenplan-import.ts';
import { DEFAULT_AKTENPLAN_FILE } from '../akte/aktenplan.ts';
import { parseAktenplanImport } from './aktenplan-import.ts';
import { AUSSONDERUNGSART_LIST } from './codes.ts';
import { codeElement, kopfBasis } from './kopf.ts';
import { XdomeaError } from './read.ts';
import { STADT } from './test-fixture.ts';
import { validateXdomea } from './validate.ts';
import { serializeXml, x, XDOMEA_NS, type XmlChild } from './xml.ts';

const SLOW = { timeout: 60_000 };
const PROZESS = '7a1c2a3b-0000-4000-8000-000000000301';

function einheit(e: AktenplanEinheitInput, override: (e: AktenplanEinheitInput) => XmlChild[] | undefined): XmlChild {
  const custom = override(e);
  const leaf = e.einheiten === undefined;
  return x(
    'Einheit',
    x('Kennzeichen', e.kennzeichen),
    x('BetreffKurz', e.titel.de),
    // xdomea wants both on every Einheit; Amtsplatz reads them on leaves only.
    ...(custom ?? [
      x('Aussonderungsart', codeElement('Aussonderungsart', e.aussonderungsart ?? 'B', AUSSONDERUNGSART_LIST)),
      x('Stillgelegt', e.kennzeichen === '10.10.02' ? '1' : '0'),
      x('Aufbewahrungsdauer', x('AnzahlJahre', String(leaf ? (e.aufbewahrungsfristJahre ?? 0) : 10))),
    ]),
    ...(e.einheiten ?? []).map((c) => einheit(c, override)),
  );
}

function message(
  plan: AktenplanFile,
  override: (e: AktenplanEinheitInput) => XmlChild[] | undefined = () => undefined,
) {
  const nachrichtentyp = 'Aktenplan.Aktenplan.0301';
  return serializeXml(
    x(
      nachrichtentyp,
      x(
        'Kopf',
        kopfBasis({
          prozessId: PROZESS,
          nachrichtentyp,
          erstellungszeitpunkt: new Date('2026-12-01T08:00:00Z'),
          absender: { kennung: { praefix: 'ags:', behoerdenschluessel: '99000000', name: 'Landesverwaltung' } },
          empfaenger: STADT,
          sendendesSystem: { produktname: 'DMS des Landes', version: '4.2' },
        }),
        x('Empfangsbestaetigung', '0'),
      ),
      x(
        'Aktenplan',
        x('Bezeichnung', plan.name.de),
        x('Version', String(plan.version)),
        ...plan.einheiten.map((e) => einheit(e, override)),
      ),
    ),
    { xdomea: XDOMEA_NS },
  );
}

const shipped = async (): Promise<AktenplanFile> =>
  aktenplanFile.parse(JSON.parse(await readFile(DEFAULT_AKTENPLAN_FILE, 'utf8')));
const strip = (e: AktenplanEinheitInput): unknown => ({
  kennzeichen: e.kennzeichen,
  titel: e.titel.de,
  ...(e.einheiten
    ? { einheiten: e.einheiten.map(strip) }
    : { frist: e.aufbewahrungsfristJahre, art: e.aussonderungsart }),
});

describe('Aktenplan.Aktenplan.0301', () => {
  it('takes an XSD-valid plan in: the same tree, retention and Aussonderungsart on the leaves', SLOW, async () => {
    const plan = await shipped();
    const xml = message(plan);
    expect(await validateXdomea(xml)).toEqual({ ok: true });
    const imported = await parseAktenplanImport(xml, 7);
    expect(imported.prozessId).toBe(PROZESS);
    expect(imported.file.version).toBe(7);
    expect(imported.file.einheiten.map(strip)).toEqual(plan.einheiten.map(strip));
    expect(aktenplanFile.safeParse(imported.file).success).toBe(true);
    expect(imported.stillgelegt).toEqual(['10.10.02']);
  });

  it('refuses what Amtsplatz cannot express, naming the element', SLOW, async () => {
    const plan = await shipped();
    const unbefristet = message(plan, (e) =>
      e.kennzeichen === '10.10.01'
        ? [
            x('Aussonderungsart', codeElement('Aussonderungsart', 'A', AUSSONDERUNGSART_LIST)),
            x('Stillgelegt', '0'),
            x('Aufbewahrungsdauer', x('Unbefristet', '1')),
          ]
        : undefined,
    );
    expect(await validateXdomea(unbefristet)).toEqual({ ok: true });
    const error = await parseAktenplanImport(unbefristet, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XdomeaError);
    expect(String(error)).toContain('[Kennzeichen=10.10.01]/Aufbewahrungsdauer: Unbefristet');
    // Another message type, and a malformed one.
    await expect(parseAktenplanImport(message(plan).replaceAll('0301', '0401'), 1)).rejects.toThrow(XdomeaError);
    await expect(parseAktenplanImport('<Aktenplan.Aktenplan.0301/>', 1)).rejects.toThrow(XdomeaError);
  });

  it(
    'writes the plan with a raised version through npm run aktenplan:import, and nothing on a problem',
    SLOW,
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'amtsplatz-aktenplan-'));
      try {
        const plan = await shipped();
        const out = join(dir, 'aktenplan.json');
        await writeFile(out, JSON.stringify(plan));
        await writeFile(join(dir, 'plan.xml'), message(plan));
        const lines: string[] = [];
        expect(await main([join(dir, 'plan.xml'), '--out', out], (l) => lines.push(l))).toBe(0);
        const written = aktenplanFile.parse(JSON.parse(await readFile(out, 'utf8')));
        expect(written.version).toBe(plan.version + 1);
        expect(written.einheiten.map(strip)).toEqual(plan.einheiten.map(strip));
        // A plan that drops a Verfahren's Einheit is refused: the server would not start with it.
        const smaller = { ...plan, einheiten: plan.einheiten.slice(0, 1) };
        await writeFile(join(dir, 'small.xml'), message(smaller));
        const refused: string[] = [];
        expect(await main([join(dir, 'small.xml'), '--out', out], (l) => refused.push(l))).toBe(1);
        expect(refused.join('\n')).toContain('is not in the Aktenplan');
        expect(aktenplanFile.parse(JSON.parse(await readFile(out, 'utf8'))).version).toBe(plan.version + 1);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
