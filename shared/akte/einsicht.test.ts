import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, StandardFonts, degrees } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  pdffonts,
  pdftotext,
  pdftotextBbox,
  qpdfCheck,
  withPdfFile,
  type BboxWord,
} from '../../scripts/lib/pdf-tools.ts';
import { DEMO_AUTHORITY } from '../bescheid/authority.ts';
import { PT_PER_MM, type LetterAssets } from '../bescheid/letter/index.ts';
import { SAMPLE_LETTER } from '../bescheid/letter/sample.ts';
import { createForgeSigner } from '../bescheid/pades/index.ts';
import { createFixturePki } from '../bescheid/pades/test-fixture.ts';
import { sealBescheid } from '../bescheid/seal/index.ts';
import { verfahrenDef } from '../domain/verfahren.ts';
import { renderAkteneinsicht, renderAntragPdf, type AkteneinsichtInput, type EinsichtDokument } from './index.ts';

const resource = (path: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../resources/${path}`, import.meta.url)));
const assets: LetterAssets = {
  fonts: { regular: resource('fonts/LiberationSans-Regular.ttf'), bold: resource('fonts/LiberationSans-Bold.ttf') },
  srgbIcc: resource('icc/sRGB.icc'),
};
const SLOW = { timeout: 30_000 };

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const flat = (s: string): string => s.replace(/\s+/g, ' ');
const load = (pdf: Uint8Array): Promise<PDFDocument> => PDFDocument.load(pdf, { updateMetadata: false });

/** One page of a PDF as a PNG or JPEG, by poppler. */
function rasterize(pdf: Uint8Array, page: number, format: 'png' | 'jpeg'): Uint8Array {
  return withPdfFile(pdf, (path) => {
    const out = `${path}-image`;
    execFileSync('pdftoppm', [
      `-${format}`,
      '-r',
      '30',
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      path,
      out,
    ]);
    return new Uint8Array(readFileSync(`${out}.${format === 'png' ? 'png' : 'jpg'}`));
  });
}

function encrypt(pdf: Uint8Array): Uint8Array {
  return withPdfFile(pdf, (path) => {
    execFileSync('qpdf', ['--encrypt', '', 'owner', '256', '--', path, `${path}.enc`]);
    return new Uint8Array(readFileSync(`${path}.enc`));
  });
}

/**
 * A PDF from elsewhere: a filled-in form field, a page turned by /Rotate, a landscape page and a
 * narrow slip, with an unembedded standard font as many producers write it.
 */
async function foreignPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const first = doc.addPage([595, 842]);
  first.drawText('Fremdes Dokument Seite eins', { x: 50, y: 800, font, size: 14 });
  const field = doc.getForm().createTextField('name');
  field.setText('Eingetragener Wert');
  field.addToPage(first, { x: 50, y: 700, width: 300, height: 30, font });
  const turned = doc.addPage([595, 842]);
  turned.setRotation(degrees(90));
  turned.drawText('Gedrehte Seite zwei', { x: 50, y: 800, font, size: 14 });
  doc.addPage([842, 595]).drawText('Querformat Seite drei', { x: 50, y: 550, font, size: 14 });
  doc.addPage([150, 300]).drawText('Beleg', { x: 20, y: 250, font, size: 12 });
  return doc.save();
}

const dokument = (titel: string, dateiname: string, mediaType: string, bytes: Uint8Array): EinsichtDokument => ({
  titel,
  dateiname,
  mediaType,
  sha256: sha256(bytes),
  veraktetAm: '2026-03-16T09:30:00Z',
  bytes,
});

const base = {
  authority: DEMO_AUTHORITY,
  aktenzeichen: '32.1-BPA-2026-000123',
  titel: 'Bewohnerparkausweis Äßling',
  aktenplan: { kennzeichen: '32.10.05', titel: 'Bewohnerparken' },
  // 10:15 in Berlin (CEST, UTC+2).
  exportedAt: '2026-05-12T08:15:00Z',
  exportedBy: 'Herr Özdemir',
} satisfies Omit<AkteneinsichtInput, 'dokumente'>;

let input: AkteneinsichtInput;
let documents: EinsichtDokument[];
let pdf: Uint8Array;
let words: BboxWord[];
/** Pages each document contributes: its own, or one image or placeholder page. */
const DOCUMENT_PAGES = [2, 1, 4, 1, 1, 1, 1, 1, 1];
const TOTAL = 2 + DOCUMENT_PAGES.reduce((a, b) => a + b, 0);
const firstPageOf = (i: number): number => 3 + DOCUMENT_PAGES.slice(0, i).reduce((a, b) => a + b, 0);

/** The sample Bescheid, sealed as the seal service does it: a signature field and an incremental update. */
async function sealedBescheid(): Promise<Uint8Array> {
  const pki = createFixturePki();
  const sealed = await sealBescheid(
    {
      letter: SAMPLE_LETTER,
      seal: {
        authority: 'Stadt Musterstadt',
        approvedBy: 'Frau Schmidt',
        approvedAt: '2026-03-16T09:00:00Z',
        aktenzeichen: SAMPLE_LETTER.info.aktenzeichen,
        contentHash: 'a'.repeat(64),
      },
      signer: createForgeSigner(pki.signer.privateKeyPem, pki.signer.certificatePem + pki.root.certificatePem),
      signingTime: new Date('2026-03-16T09:30:00Z'),
      signerName: 'Stadt Musterstadt',
      location: 'Musterstadt',
    },
    assets,
  );
  return sealed.pdf;
}

beforeAll(async () => {
  const letter = await sealedBescheid();
  const verfahren = verfahrenDef.parse(
    JSON.parse(readFileSync(new URL('../../resources/verfahren/bewohnerparkausweis.json', import.meta.url), 'utf8')),
  );
  const antrag = await renderAntragPdf(
    {
      authority: DEMO_AUTHORITY,
      verfahren,
      aktenzeichen: base.aktenzeichen,
      antragsteller: {
        givenName: 'Jörg',
        familyName: 'Äßling',
        street: 'Weg 1',
        postalCode: '12345',
        city: 'Musterstadt',
      },
      antragsdaten: { bewohnerparkzone: 'B', hauptwohnsitz: true },
      eingangAm: '2026-03-02T13:05:00Z',
    },
    assets,
  );
  const foreign = await foreignPdf();
  documents = [
    dokument('Bescheid', 'bescheid.pdf', 'application/pdf', letter),
    dokument('Antrag', 'antrag.pdf', 'application/pdf', antrag),
    dokument(
      'Unterlagen mit einem sehr langen Titel, der auf einem schmalen Beleg nicht in die Stempelzeile passt',
      'unterlagen.pdf',
      'application/pdf',
      foreign,
    ),
    dokument('Foto der Meldebescheinigung', 'meldebescheinigung.png', 'image/png', rasterize(antrag, 1, 'png')),
    dokument('Scan Fahrzeugschein', 'fahrzeugschein.jpg', 'image/jpeg', rasterize(foreign, 3, 'jpeg')),
    dokument('Kaputtes PDF', 'kaputt.pdf', 'application/pdf', new TextEncoder().encode('%PDF-1.7\n1 0 obj <<')),
    dokument('Abgeschnittenes PDF', 'abgeschnitten.pdf', 'application/pdf', letter.slice(0, letter.length / 2)),
    dokument('Verschlüsselt', 'geheim.pdf', 'application/pdf', encrypt(antrag)),
    dokument(
      'Tabelle',
      'kosten.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      foreign.slice(0, 64),
    ),
  ];
  input = { ...base, dokumente: documents };
  pdf = await renderAkteneinsicht(input, assets);
  words = withPdfFile(pdf, pdftotextBbox);
}, 60_000);

describe('renderAkteneinsicht: the bundle', () => {
  it('passes qpdf --check', () => {
    const check = withPdfFile(pdf, qpdfCheck);
    expect(check.output).toContain('No syntax or stream encoding errors');
    expect(check.ok).toBe(true);
  });

  it('has 2 + the documents’ pages (one page for each image and placeholder), all numbered', async () => {
    expect((await load(pdf)).getPageCount()).toBe(TOTAL);
    withPdfFile(pdf, (path) => {
      for (let p = 1; p <= TOTAL; p++) expect(pdftotext(path, p), `page ${p}`).toContain(`Seite ${p} von ${TOTAL}`);
    });
  });

  it('has a cover sheet with authority, Aktenzeichen, Akte, Aktenplan, export and counts', () => {
    const cover = flat(withPdfFile(pdf, (path) => pdftotext(path, 1)));
    for (const s of [
      'Stadt Musterstadt',
      'Akteneinsicht',
      'Bewohnerparkausweis Äßling',
      'Aktenzeichen 32.1-BPA-2026-000123',
      'Aktenplan 32.10.05 Bewohnerparken',
      `Dokumente ${documents.length}`,
      `Umfang ${TOTAL} Seiten`,
      '12.05.2026, 10:15 Uhr',
      'Exportiert von Herr Özdemir',
    ]) {
      expect(cover).toContain(s);
    }
  });

  it('lists every document on the index with number, date, title, file name, first page and SHA-256', () => {
    const index = words.filter((w) => w.page === 2);
    const text = flat(withPdfFile(pdf, (path) => pdftotext(path, 2)));
    documents.forEach((d, i) => {
      expect(text).toContain(d.titel);
      expect(text).toContain(d.dateiname);
      const [first, second] = [d.sha256.slice(0, 32), d.sha256.slice(32)];
      const hashWord = index.find((w) => w.text === first);
      expect(hashWord, d.titel).toBeDefined();
      expect(index.some((w) => w.text === second)).toBe(true);
      // The hash stands on the row of its number, date and first page.
      const row = index.filter((w) => Math.abs(w.yMin - (hashWord?.yMin ?? 0)) < 0.5).map((w) => w.text);
      expect(row).toEqual(expect.arrayContaining([String(i + 1), '16.03.2026']));
      const pages = DOCUMENT_PAGES[i] ?? 1;
      const first1 = firstPageOf(i);
      expect(row).toContain(pages === 1 ? String(first1) : `${first1}–${first1 + pages - 1}`);
    });
    expect(text).toContain('(Platzhalter: nicht lesbar)');
    expect(text).toContain('(Platzhalter: verschlüsselt)');
    expect(text).toContain('(Platzhalter: nicht darstellbar)');
  });

  it('stamps every document page at its top (as shown) with the document number, bold on its first page', () => {
    withPdfFile(pdf, (path) => {
      documents.forEach((d, i) => {
        const first = firstPageOf(i);
        const label = `Dok. ${i + 1}/${documents.length} – `;
        expect(flat(pdftotext(path, first)), d.titel).toContain(label);
        for (let p = first; p < first + (DOCUMENT_PAGES[i] ?? 1); p++) {
          const dok = words.find((w) => w.page === p && w.text === 'Dok.');
          expect(dok, `page ${p}`).toBeDefined();
          expect((dok?.yMin ?? Infinity) / PT_PER_MM, `page ${p}`).toBeLessThan(12);
        }
      });
      const fonts = new Set(withPdfFile(pdf, pdffonts).map((f) => f.name));
      expect(fonts).toContain('AMTAKB+LiberationSans-Bold');
    });
  });

  it('copies PDF pages with their content, form values drawn in, on a strip added above them', async () => {
    const text = withPdfFile(pdf, pdftotext);
    // The sealed Bescheid's visible seal is page content and comes along; its signature does not.
    for (const s of ['Elektronisch gesiegelt', 'Mit freundlichen Grüßen', 'Antrag: Bewohnerparkausweis']) {
      expect(text).toContain(s);
    }
    for (const s of [
      'Fremdes Dokument Seite eins',
      'Eingetragener Wert',
      'Gedrehte Seite zwei',
      'Querformat',
      'Beleg',
    ]) {
      expect(text).toContain(s);
    }
    const bundle = await load(pdf);
    const foreignFirst = bundle.getPage(firstPageOf(2) - 1);
    expect(foreignFirst.getHeight()).toBeCloseTo(842 + 8 * PT_PER_MM, 3);
    expect(foreignFirst.getWidth()).toBe(595);
    // The copied content keeps its place below the strip.
    const fremd = words.find((w) => w.page === firstPageOf(2) && w.text === 'Fremdes');
    expect(fremd?.yMin).toBeGreaterThan(8 * PT_PER_MM + 30);
    // The turned page shows its stamp at the top as it is displayed, too.
    const turned = words.find((w) => w.page === firstPageOf(2) + 1 && w.text === 'Dok.');
    expect(turned?.yMin).toBeLessThan(8 * PT_PER_MM);
    // On the narrow slip the title is cut.
    expect(withPdfFile(pdf, (path) => pdftotext(path, firstPageOf(2) + 3))).toContain('…');
  });

  it('leaves annotations, form fields, signatures and page actions of copied PDFs behind', async () => {
    expect(new TextDecoder('latin1').decode(pdf)).not.toMatch(/\/ByteRange|\/FT\s*\/Sig|\/Widget/);
    const bundle = await load(pdf);
    expect(bundle.catalog.get(PDFName.of('AcroForm'))).toBeUndefined();
    for (const page of bundle.getPages()) {
      expect(page.node.get(PDFName.of('Annots'))).toBeUndefined();
      expect(page.node.get(PDFName.of('AA'))).toBeUndefined();
    }
  });

  it('shows PNG and JPEG documents as image pages of their orientation', async () => {
    const bundle = await load(pdf);
    const imagesOn = (pageIndex: number): { width: number; height: number }[] => {
      const xobjects = bundle.getPage(pageIndex).node.Resources()?.lookup(PDFName.of('XObject'));
      if (!(xobjects instanceof PDFDict)) return [];
      return xobjects
        .values()
        .map((ref) => bundle.context.lookup(ref))
        .filter((x): x is PDFRawStream => x instanceof PDFRawStream)
        .filter((x) => x.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'))
        .map((x) => ({
          width: x.dict.lookup(PDFName.of('Width'), PDFNumber).asNumber(),
          height: x.dict.lookup(PDFName.of('Height'), PDFNumber).asNumber(),
        }));
    };
    const [png] = imagesOn(firstPageOf(3) - 1);
    expect(png && png.height > png.width).toBe(true);
    const pngPage = bundle.getPage(firstPageOf(3) - 1);
    expect(pngPage.getHeight()).toBeGreaterThan(pngPage.getWidth());
    const [jpeg] = imagesOn(firstPageOf(4) - 1);
    expect(jpeg && jpeg.width > jpeg.height).toBe(true);
    const jpegPage = bundle.getPage(firstPageOf(4) - 1);
    expect(jpegPage.getWidth()).toBeGreaterThan(jpegPage.getHeight());
    expect(imagesOn(firstPageOf(5) - 1)).toEqual([]);
  });

  it('puts a placeholder page with name, type and hash where a document cannot be shown', () => {
    withPdfFile(pdf, (path) => {
      const placeholders: [number, string][] = [
        [5, 'Dokument nicht lesbar'],
        [6, 'Dokument nicht lesbar'],
        [7, 'Dokument verschlüsselt'],
        [8, 'Dokument nicht darstellbar'],
      ];
      for (const [i, heading] of placeholders) {
        const d = documents[i];
        if (!d) throw new Error('missing fixture');
        const page = flat(pdftotext(path, firstPageOf(i)));
        expect(page).toContain(heading);
        expect(page).toContain(`Dateiname ${d.dateiname}`);
        // Long media types and the hash are split over lines to fit their column.
        expect(page.replace(/\s/g, '')).toContain(`Medientyp${d.mediaType}`);
        expect(page.replace(/\s/g, '')).toContain(`SHA-256${d.sha256}`);
        expect(page).toContain(`Dokument ${i + 1} von ${documents.length}`);
      }
    });
  });

  it('does not claim PDF/A, but has the OutputIntent, XMP and Info of one', async () => {
    const bundle = await load(pdf);
    const xmp = bundle.catalog.lookup(PDFName.of('Metadata'));
    if (!(xmp instanceof PDFRawStream)) throw new Error('expected an XMP stream');
    const packet = new TextDecoder().decode(xmp.getContents());
    expect(packet).not.toContain('pdfaid');
    expect(packet).toContain('<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Akteneinsicht 32.1-BPA-2026-000123');
    expect(bundle.catalog.get(PDFName.of('OutputIntents'))).toBeDefined();
    expect(bundle.getCreationDate()?.toISOString()).toBe('2026-05-12T08:15:00.000Z');
    expect(new TextDecoder('latin1').decode(pdf)).not.toContain('pdfaid');
    // What the copied pages bring along is why: the foreign PDF's Helvetica is not embedded.
    const helvetica = withPdfFile(pdf, pdffonts).find((f) => f.name === 'Helvetica');
    expect(helvetica?.embedded).toBe(false);
  });

  it('gives the same bytes for the same input', SLOW, async () => {
    const again = await renderAkteneinsicht({ ...input, dokumente: documents.map((d) => ({ ...d })) }, assets);
    expect(Buffer.from(again).equals(Buffer.from(pdf))).toBe(true);
  });
});

describe('renderAkteneinsicht: edge cases', () => {
  it('refuses a document whose bytes do not have its SHA-256', async () => {
    const [d] = documents;
    if (!d) throw new Error('missing fixture');
    await expect(
      renderAkteneinsicht({ ...base, dokumente: [{ ...d, sha256: sha256(new Uint8Array([1])) }] }, assets),
    ).rejects.toMatchObject({ code: 'hash_mismatch', message: /dokumente\[0\]/ });
  });

  it('rejects invalid input', async () => {
    await expect(renderAkteneinsicht({ ...base, exportedAt: 'gestern', dokumente: [] }, assets)).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('renders an Akte without documents as cover and index', SLOW, async () => {
    const empty = await renderAkteneinsicht({ ...base, dokumente: [] }, assets);
    expect((await load(empty)).getPageCount()).toBe(2);
    expect(withPdfFile(empty, qpdfCheck).ok).toBe(true);
    expect(withPdfFile(empty, pdftotext)).toContain('Die Akte enthält keine Dokumente.');
  });

  it('lets a long index run over several pages, with the column heads on each, and numbers on', SLOW, async () => {
    const many = Array.from({ length: 70 }, (_, i) =>
      dokument(`Nachricht ${i + 1}`, `nachricht-${i + 1}.eml`, 'message/rfc822', new TextEncoder().encode(`Mail ${i}`)),
    );
    const bundle = await renderAkteneinsicht({ ...base, dokumente: many }, assets);
    const pages = (await load(bundle)).getPageCount();
    const indexPages = pages - 1 - many.length;
    expect(indexPages).toBeGreaterThanOrEqual(2);
    withPdfFile(bundle, (path) => {
      for (let p = 2; p <= 1 + indexPages; p++) expect(pdftotext(path, p)).toContain('SHA-256');
      const last = flat(pdftotext(path, pages));
      expect(last).toContain('Dok. 70/70 – Nachricht 70');
      expect(last).toContain(`Seite ${pages} von ${pages}`);
      const lastIndex = pdftotextBbox(path).filter((w) => w.page === 1 + indexPages);
      const hash = lastIndex.find((w) => w.text === many[69]?.sha256.slice(0, 32));
      const row = lastIndex.filter((w) => Math.abs(w.yMin - (hash?.yMin ?? 0)) < 0.5).map((w) => w.text);
      expect(row).toEqual(expect.arrayContaining(['70', String(pages)]));
    });
  });
});
