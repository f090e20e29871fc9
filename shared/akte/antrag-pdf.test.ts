import { readFileSync, readdirSync } from 'node:fs';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdffonts, pdftotext, qpdfCheck, withPdfFile } from '../../scripts/lib/pdf-tools.ts';
import { generateAntragsdaten } from '../../server/src/modules/intake/demo-antragsdaten.ts';
import { generateApplicant } from '../../server/src/modules/intake/demo-applicant.ts';
import { Rng } from '../../server/src/modules/intake/random.ts';
import { DEMO_AUTHORITY } from '../bescheid/authority.ts';
import type { LetterAssets } from '../bescheid/letter/index.ts';
import { isoDateToDayNumber } from '../domain/fristen.ts';
import { allFields, verfahrenDef, type VerfahrenDef } from '../domain/verfahren.ts';
import { renderAntragPdf, type AntragPdfInput } from './index.ts';
import { formatFieldValue } from './format.ts';

const resource = (path: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../resources/${path}`, import.meta.url)));
const assets: LetterAssets = {
  fonts: { regular: resource('fonts/LiberationSans-Regular.ttf'), bold: resource('fonts/LiberationSans-Bold.ttf') },
  srgbIcc: resource('icc/sRGB.icc'),
};
const verfahrenDir = new URL('../../resources/verfahren/', import.meta.url);
const loadVerfahren = (id: string): VerfahrenDef =>
  verfahrenDef.parse(JSON.parse(readFileSync(new URL(`${id}.json`, verfahrenDir), 'utf8')));
const shippedVerfahren = readdirSync(verfahrenDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));

/** Text with every run of white space (line breaks, no-break spaces) as one space. */
const flat = (s: string): string => s.replace(/\s+/g, ' ');
const pageCount = async (pdf: Uint8Array): Promise<number> =>
  (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();

const SLOW = { timeout: 30_000 };

const balkon = loadVerfahren('balkon-solaranlage');
const BALKON: AntragPdfInput = {
  authority: DEMO_AUTHORITY,
  verfahren: balkon,
  aktenzeichen: '67.30.12-2026-000123',
  antragsteller: {
    givenName: 'Jörg',
    familyName: 'Müller-Äßling',
    street: 'Gänseblümchenweg 17 a',
    postalCode: '12345',
    city: 'Musterstadt',
    email: 'joerg.mueller@example.org',
  },
  antragsdaten: {
    anzahlModule: 2,
    modulleistung: 1600,
    wechselrichterleistung: 800,
    speicher: true,
    montageort: 'balkon',
    inbetriebnahme: '2026-03-01',
    marktstammdatenregisterNr: 'SEE912345678901',
    anschaffungskosten: 64999,
    kaufdatum: '2026-02-14',
    nutzungsverhaeltnis: 'mieter',
    zustimmungVermieter: false,
    kontoinhaber: 'Jörg Müller-Äßling',
    iban: 'DE02120300000000202051',
    keineDoppelfoerderung: true,
    vdeKonform: true,
  },
  // 14:05 in Berlin (CET, UTC+1).
  eingangAm: '2026-03-02T13:05:00Z',
};

describe('renderAntragPdf: a Balkon-Solaranlage Antrag', () => {
  let pdf: Uint8Array;
  let text: string;
  beforeAll(async () => {
    pdf = await renderAntragPdf(BALKON, assets);
    text = flat(withPdfFile(pdf, pdftotext));
  }, 30_000);

  it('passes qpdf --check and embeds both fonts as subsets', () => {
    const check = withPdfFile(pdf, qpdfCheck);
    expect(check.output).toContain('No syntax or stream encoding errors');
    expect(check.ok).toBe(true);
    const fonts = withPdfFile(pdf, pdffonts);
    expect(fonts.map((f) => f.name).sort()).toEqual(['AMTAKB+LiberationSans-Bold', 'AMTAKR+LiberationSans']);
    for (const f of fonts) expect(f).toMatchObject({ embedded: true, subset: true, unicode: true });
  });

  it('has the title, the header block and the receipt time in Berlin', () => {
    expect(text).toContain('Antrag: Förderung Balkon-Solaranlage');
    expect(text).toContain('Aktenzeichen 67.30.12-2026-000123');
    expect(text).toContain('Eingang am 02.03.2026 um 14:05 Uhr');
    expect(text).toContain(
      'Antragsteller*in Jörg Müller-Äßling Gänseblümchenweg 17 a 12345 Musterstadt joerg.mueller@example.org',
    );
    // Kopfzeile of every page: the authority.
    expect(text).toContain('Stadt Musterstadt');
  });

  it('prints every group and field label in German, each followed by its formatted value', () => {
    for (const s of [
      'Anlage Anzahl Module 2',
      'Modulleistung gesamt 1.600 Wp',
      'Wechselrichterleistung 800 W',
      'Mit Batteriespeicher Ja',
      'Montageort Balkongeländer',
      'Datum der Inbetriebnahme 01.03.2026',
      'MaStR-Nummer (Marktstammdatenregister) SEE912345678901',
      'Kosten Anschaffungskosten (brutto) 649,99 €',
      'Rechnungsdatum 14.02.2026',
      'Händler —',
      'Wohnung Eigentümer*in oder Mieter*in Mieter*in',
      'Zustimmung der Vermieterin / des Vermieters liegt vor Nein',
      'IBAN DE02120300000000202051',
    ]) {
      expect(text).toContain(s);
    }
    for (const g of balkon.groups) expect(text).toContain(g.label.de);
  });

  it('is one page, numbered "Seite 1 von 1"', async () => {
    expect(await pageCount(pdf)).toBe(1);
    expect(text).toContain('Seite 1 von 1');
  });

  it('claims PDF/A-2b in its XMP and dates the file by the receipt', async () => {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    const xmp = doc.catalog.lookup(PDFName.of('Metadata'));
    if (!(xmp instanceof PDFRawStream)) throw new Error('expected an XMP stream');
    const packet = new TextDecoder().decode(xmp.getContents());
    expect(packet).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(packet).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-03-02T13:05:00.000Z');
    expect(doc.getTitle()).toBe('Antrag: Förderung Balkon-Solaranlage – 67.30.12-2026-000123');
    expect(doc.getAuthor()).toBe('Stadt Musterstadt');
  });

  it('gives the same bytes for the same input, and other bytes for another receipt time', SLOW, async () => {
    const again = await renderAntragPdf(structuredClone(BALKON), assets);
    expect(Buffer.from(again).equals(Buffer.from(pdf))).toBe(true);
    const later = await renderAntragPdf({ ...BALKON, eingangAm: '2026-03-02T13:06:00Z' }, assets);
    expect(Buffer.from(later).equals(Buffer.from(pdf))).toBe(false);
  });
});

describe('renderAntragPdf: values the Verfahren does not foresee', () => {
  it('prints the Berlin summer time, undefined keys, mistyped values and characters the font lacks', SLOW, async () => {
    const pdf = await renderAntragPdf(
      {
        ...BALKON,
        // 03:30 CEST on the day the clocks go forward.
        eingangAm: '2026-03-29T01:30:00Z',
        antragsdaten: {
          ...BALKON.antragsdaten,
          anschaffungskosten: 'etwa 650 Euro',
          haendler: 'Solar 王 GmbH',
          zusatz: 'nachgereicht',
          aaaFrueher: true,
        },
      },
      assets,
    );
    const text = flat(withPdfFile(pdf, pdftotext));
    expect(text).toContain('Eingang am 29.03.2026 um 03:30 Uhr');
    expect(text).toContain('Anschaffungskosten (brutto) etwa 650 Euro');
    expect(text).toContain('Händler Solar [U+738B] GmbH');
    // Sorted by key, after the Verfahren's groups.
    expect(text).toContain('Weitere Angaben (im Verfahren nicht definiert) aaaFrueher Ja zusatz nachgereicht');
  });

  it('rejects input that does not match the schema', async () => {
    await expect(renderAntragPdf({ ...BALKON, eingangAm: '02.03.2026' }, assets)).rejects.toMatchObject({
      code: 'validation_failed',
      message: /eingangAm/,
    });
  });
});

describe('renderAntragPdf: a long multiline value', () => {
  it('wraps it and lets it flow over several numbered pages', SLOW, async () => {
    const gewerbe = loadVerfahren('gewerbeanmeldung');
    const lines = Array.from({ length: 150 }, (_, i) => `Zeile ${i + 1}: Handel mit Waren aller Art.`);
    const pdf = await renderAntragPdf(
      {
        ...BALKON,
        verfahren: gewerbe,
        aktenzeichen: '32.10.05-2026-000042',
        antragsdaten: { taetigkeit: lines.join('\n'), beschaeftigteVollzeit: 3, nebenerwerb: false },
      },
      assets,
    );
    const pages = await pageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(3);
    withPdfFile(pdf, (path) => {
      const all = pdftotext(path);
      for (const line of lines) expect(all).toContain(line);
      for (let p = 1; p <= pages; p++) {
        const page = pdftotext(path, p);
        expect(page).toContain(`Seite ${p} von ${pages}`);
        expect(page).toContain('Aktenzeichen 32.10.05-2026-000042');
      }
      expect(pdftotext(path, 1)).toContain('Zeile 1:');
      expect(pdftotext(path, 1)).not.toContain('Zeile 150:');
      expect(pdftotext(path, pages)).toContain('Zeile 150:');
      expect(flat(all)).toContain('Nebenerwerb Nein');
    });
  });
});

describe('renderAntragPdf: the shipped Verfahren with demo Antragsdaten', () => {
  it.each(shippedVerfahren)('%s: passes qpdf --check and prints every label and value', SLOW, async (id) => {
    const verfahren = loadVerfahren(id);
    const rng = new Rng(20260302);
    const person = generateApplicant(rng);
    const data = generateAntragsdaten(rng, verfahren, person, isoDateToDayNumber('2026-03-02'));
    const { place: _place, ...antragsteller } = person;
    const pdf = await renderAntragPdf(
      { ...BALKON, verfahren, antragsteller, antragsdaten: data, aktenzeichen: `${verfahren.aktenplanKennzeichen}-1` },
      assets,
    );
    expect(withPdfFile(pdf, qpdfCheck).ok).toBe(true);
    const text = flat(withPdfFile(pdf, pdftotext));
    expect(text).toContain(`Antrag: ${verfahren.name.de}`);
    expect(text).toContain(`${antragsteller.givenName} ${antragsteller.familyName}`);
    for (const field of allFields(verfahren)) {
      expect(text, field.id).toContain(flat(`${field.label.de} ${formatFieldValue(field, data[field.id])}`));
    }
  });
});
