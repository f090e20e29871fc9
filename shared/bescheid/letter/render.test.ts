import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  pdffonts,
  pdftotext,
  pdftotextBbox,
  qpdfCheck,
  renderPageGray,
  withPdfFile,
  type BboxWord,
} from '../../../scripts/lib/pdf-tools.ts';
import { renderLetter, type LetterAssets, type LetterInput } from './index.ts';
import { PT_PER_MM, SEAL_BOX_MM, SEAL_BOX_PT, type RectMm } from './layout.ts';
import { LETTER_PRODUCER } from './render.ts';
import { SAMPLE_LETTER } from './sample.ts';

// This file renders PDFs and checks them with poppler and qpdf: on a loaded 2-core machine that takes longer than vitest's 5 s default.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const resource = (path: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../resources/${path}`, import.meta.url)));
const assets: LetterAssets = {
  fonts: { regular: resource('fonts/LiberationSans-Regular.ttf'), bold: resource('fonts/LiberationSans-Bold.ttf') },
  srgbIcc: resource('icc/sRGB.icc'),
};

// DIN 5008 Form B figures, written out here rather than imported so that a wrong layout
// constant cannot pass its own test.
const PAGE_MM = { width: 210, height: 297 };
const MARGIN_MM = { left: 25, right: 20 };
const ANSCHRIFTFELD_MM: RectMm = { left: 20, top: 45, width: 85, height: 45 };
const ANSCHRIFTZONE_MM: RectMm = { left: 20, top: 62.7, width: 85, height: 27.3 };
const INFOBLOCK_MM = { left: 125, top: 50 };

const inside = (w: BboxWord, r: RectMm): boolean =>
  w.xMin >= r.left * PT_PER_MM &&
  w.xMax <= (r.left + r.width) * PT_PER_MM &&
  w.yMin >= r.top * PT_PER_MM &&
  w.yMax <= (r.top + r.height) * PT_PER_MM;
const overlaps = (w: BboxWord, r: RectMm): boolean =>
  w.xMax > r.left * PT_PER_MM &&
  w.xMin < (r.left + r.width) * PT_PER_MM &&
  w.yMax > r.top * PT_PER_MM &&
  w.yMin < (r.top + r.height) * PT_PER_MM;

function rawStream(object: unknown): PDFRawStream {
  if (!(object instanceof PDFRawStream)) throw new Error('expected a stream');
  return object;
}

let pdf: Uint8Array;
let words: BboxWord[];
beforeAll(async () => {
  pdf = await renderLetter(SAMPLE_LETTER, assets);
  words = withPdfFile(pdf, pdftotextBbox);
});

describe('renderLetter: file structure', () => {
  it('passes qpdf --check', () => {
    const check = withPdfFile(pdf, qpdfCheck);
    expect(check.output).toContain('No syntax or stream encoding errors');
    expect(check.ok).toBe(true);
  });

  it('embeds every font as a tagged subset with a ToUnicode map', () => {
    const fonts = withPdfFile(pdf, pdffonts);
    expect(fonts.map((f) => f.name).sort()).toEqual(['AMTPLB+LiberationSans-Bold', 'AMTPLR+LiberationSans']);
    for (const f of fonts) {
      expect(f).toMatchObject({ type: 'CID TrueType', embedded: true, subset: true, unicode: true });
    }
  });

  it('renders the sample on two pages, numbered "Seite x von 2"', () => {
    withPdfFile(pdf, (path) => {
      expect(pdftotext(path, 1)).toContain('Seite 1 von 2');
      expect(pdftotext(path, 2)).toContain('Seite 2 von 2');
      expect(pdftotext(path, 2)).not.toContain('Seite 1 von 2');
    });
    expect(Math.max(...words.map((w) => w.page))).toBe(2);
  });

  it('yields text that poppler extracts with umlauts, ß and the Aktenzeichen', () => {
    const text = withPdfFile(pdf, pdftotext);
    for (const s of [
      '32.1-BPA-2026-000123',
      'Jörg-Müller Äßling',
      'Straßenverkehrsbehörde',
      'Mit freundlichen Grüßen',
    ]) {
      expect(text).toContain(s);
    }
    expect(text).toContain('16.03.2026');
    expect(text).toContain('Rechtsbehelfsbelehrung');
  });

  it('is byte-for-byte reproducible for the same input, and changes with createdAt', async () => {
    const again = await renderLetter(SAMPLE_LETTER, assets);
    expect(Buffer.from(again).equals(Buffer.from(pdf))).toBe(true);
    const later = await renderLetter({ ...SAMPLE_LETTER, createdAt: '2026-03-16T09:30:01Z' }, assets);
    expect(Buffer.from(later).equals(Buffer.from(pdf))).toBe(false);
  });
});

describe('renderLetter: DIN 5008 Form B layout', () => {
  const page1 = (): BboxWord[] => words.filter((w) => w.page === 1);
  const wordsOf = (line: string): BboxWord[] => {
    const parts = line.split(' ');
    return page1().filter((w) => parts.includes(w.text));
  };

  it('sets the page to A4', () => {
    const doc = PDFDocument.load(pdf, { updateMetadata: false });
    return doc.then((d) => {
      for (const page of d.getPages()) {
        expect(page.getWidth() / PT_PER_MM).toBeCloseTo(PAGE_MM.width, 3);
        expect(page.getHeight() / PT_PER_MM).toBeCloseTo(PAGE_MM.height, 3);
      }
    });
  });

  it('puts the recipient address inside the Anschriftzone and the Rücksendeangabe above it in the field', () => {
    const address = ['Jörg-Müller', 'Äßling', 'Gänseblümchenweg', '17', 'a', '12345', 'Musterstadt', 'Frau'];
    const addressWords = page1().filter(
      (w) => address.includes(w.text) && w.yMin > 60 * PT_PER_MM && w.yMin < 100 * PT_PER_MM,
    );
    expect(addressWords.length).toBe(address.length);
    for (const w of addressWords) expect(inside(w, ANSCHRIFTZONE_MM), w.text).toBe(true);
    // The text starts on the 25 mm line, 5 mm inside the field.
    expect(Math.min(...addressWords.map((w) => w.xMin)) / PT_PER_MM).toBeCloseTo(25, 1);

    const returnLine = page1().filter((w) => w.text === 'Postfach' || w.text === '12301');
    expect(returnLine).toHaveLength(2);
    for (const w of returnLine) {
      expect(inside(w, ANSCHRIFTFELD_MM)).toBe(true);
      expect(inside(w, ANSCHRIFTZONE_MM)).toBe(false);
    }
    const [vermerk] = wordsOf('Förmliche');
    expect(vermerk && inside(vermerk, ANSCHRIFTFELD_MM) && !inside(vermerk, ANSCHRIFTZONE_MM)).toBe(true);
  });

  it('places the Informationsblock at 125 mm, from 50 mm down, with the Datum last', () => {
    const info = page1().filter(
      (w) => w.xMin >= INFOBLOCK_MM.left * PT_PER_MM - 0.01 && w.yMin >= 45 * PT_PER_MM && w.yMax <= 100 * PT_PER_MM,
    );
    const texts = info.map((w) => w.text);
    for (const s of [
      'Aktenzeichen',
      '32.1-BPA-2026-000123',
      'Sachbearbeitung',
      'Telefon',
      'E-Mail',
      'Datum',
      '16.03.2026',
    ]) {
      expect(texts).toContain(s);
    }
    const lineStarts = new Map<number, number>();
    for (const w of info) lineStarts.set(w.yMin, Math.min(lineStarts.get(w.yMin) ?? Infinity, w.xMin));
    for (const x of lineStarts.values()) expect(x / PT_PER_MM).toBeCloseTo(INFOBLOCK_MM.left, 1);
    expect(Math.min(...info.map((w) => w.yMin)) / PT_PER_MM).toBeGreaterThanOrEqual(INFOBLOCK_MM.top);
    const datum = info.find((w) => w.text === '16.03.2026');
    expect(datum?.yMin).toBe(Math.max(...info.map((w) => w.yMin)));
  });

  it('keeps all text within the left and right margins except the Anschriftfeld text on the 25 mm line', () => {
    for (const w of words) {
      expect(w.xMin / PT_PER_MM, w.text).toBeGreaterThanOrEqual(MARGIN_MM.left - 0.01);
      expect(w.xMax / PT_PER_MM, w.text).toBeLessThanOrEqual(PAGE_MM.width - MARGIN_MM.right + 0.01);
    }
  });

  it('starts the Betreff below the Anschriftfeld', () => {
    const [betreff] = wordsOf('Bescheid');
    expect(betreff && betreff.yMin / PT_PER_MM).toBeGreaterThan(ANSCHRIFTFELD_MM.top + ANSCHRIFTFELD_MM.height);
  });

  it('keeps the seal box on page 1 free of text', () => {
    expect(SEAL_BOX_PT.x).toBeCloseTo(SEAL_BOX_MM.left * PT_PER_MM, 6);
    expect(SEAL_BOX_PT.y + SEAL_BOX_PT.height).toBeCloseTo((PAGE_MM.height - SEAL_BOX_MM.top) * PT_PER_MM, 6);
    for (const w of page1()) expect(overlaps(w, SEAL_BOX_MM), w.text).toBe(false);
  });

  it('repeats authority and Aktenzeichen at the top of page 2', () => {
    const top = words.filter((w) => w.page === 2 && w.yMax < 20 * PT_PER_MM).map((w) => w.text);
    expect(top).toEqual(expect.arrayContaining(['Stadt', 'Musterstadt', 'Aktenzeichen', '32.1-BPA-2026-000123']));
  });

  it('draws the Faltmarken at 105 and 210 mm and the longer Lochmarke at 148.5 mm on every page', () => {
    withPdfFile(pdf, (path) => {
      for (const page of [1, 2]) {
        const raster = renderPageGray(path, page, 150);
        // Darkest pixel in a ±0.5 mm band around a height: the 0.5 pt stroke is about one pixel.
        const darkest = (xMm: number, yMm: number): number =>
          Math.min(...[-0.5, -0.25, 0, 0.25, 0.5].map((d) => raster.grayAtMm(xMm, yMm + d)));
        for (const y of [105, 148.5, 210]) expect(darkest(6, y), `mark at ${y} mm`).toBeLessThan(160);
        // 7 mm from the edge only the 8 mm Lochmarke reaches; the 5 mm Faltmarken end at 9 mm.
        expect(darkest(11, 148.5)).toBeLessThan(160);
        expect(darkest(11, 105)).toBe(255);
        expect(darkest(11, 210)).toBe(255);
        for (const y of [60, 100, 127, 180, 250]) expect(darkest(6, y), `no mark at ${y} mm`).toBe(255);
      }
    });
  });
});

describe('renderLetter: PDF/A-2b metadata', () => {
  let doc: PDFDocument;
  let xmp: string;
  beforeAll(async () => {
    doc = await PDFDocument.load(pdf, { updateMetadata: false });
    const stream = rawStream(doc.catalog.lookup(PDFName.of('Metadata')));
    expect(stream.dict.get(PDFName.of('Filter'))).toBeUndefined();
    xmp = new TextDecoder().decode(stream.getContents());
  });
  const xmpValue = (tag: string): string | undefined => {
    const m = new RegExp(`<${tag}>(?:<rdf:(?:Alt|Seq)><rdf:li[^>]*>)?([^<]*)<`).exec(xmp);
    return m?.[1];
  };
  const unescape = (s: string | undefined): string | undefined => s?.replace(/&amp;/g, '&');

  it('declares PDF/A-2b in an unfiltered XMP stream', () => {
    expect(xmpValue('pdfaid:part')).toBe('2');
    expect(xmpValue('pdfaid:conformance')).toBe('B');
  });

  it('has XMP and Info entries that agree: title, author, creator tool, producer and dates', () => {
    expect(unescape(xmpValue('dc:title'))).toBe(doc.getTitle());
    expect(doc.getTitle()).toBe(SAMPLE_LETTER.betreff.replace('\n', ' '));
    expect(unescape(xmpValue('dc:creator'))).toBe(doc.getAuthor());
    expect(xmpValue('xmp:CreatorTool')).toBe(doc.getCreator());
    expect(xmpValue('pdf:Producer')).toBe(doc.getProducer());
    expect(doc.getProducer()).toBe(LETTER_PRODUCER);

    const created = new Date(SAMPLE_LETTER.createdAt);
    expect(doc.getCreationDate()?.getTime()).toBe(created.getTime());
    expect(doc.getModificationDate()?.getTime()).toBe(created.getTime());
    for (const tag of ['xmp:CreateDate', 'xmp:ModifyDate', 'xmp:MetadataDate']) {
      expect(new Date(xmpValue(tag) ?? '').getTime(), tag).toBe(created.getTime());
    }
  });

  it('has an sRGB OutputIntent (GTS_PDFA1) whose profile is the bundled ICC with N 3', () => {
    const intents = doc.catalog.lookup(PDFName.of('OutputIntents'), PDFArray);
    expect(intents.size()).toBe(1);
    const intent = intents.lookup(0, PDFDict);
    expect(intent.get(PDFName.of('S'))).toBe(PDFName.of('GTS_PDFA1'));
    const profile = rawStream(intent.lookup(PDFName.of('DestOutputProfile')));
    expect(profile.dict.lookup(PDFName.of('N'), PDFNumber).asNumber()).toBe(3);
    expect(Buffer.from(inflateSync(profile.getContents())).equals(Buffer.from(assets.srgbIcc))).toBe(true);
  });

  it('has a 16-byte document ID in the trailer', () => {
    const id = doc.context.trailerInfo.ID;
    expect(id).toBeInstanceOf(PDFArray);
    const first = (id as PDFArray).lookup(0, PDFHexString);
    expect(first.asString()).toMatch(/^[0-9a-f]{32}$/);
  });

  it('contains no transparency, JavaScript, actions or annotations', () => {
    const forbidden = [
      'ExtGState',
      'SMask',
      'CA',
      'ca',
      'Group',
      'JS',
      'JavaScript',
      'AA',
      'OpenAction',
      'Annots',
      'AcroForm',
    ];
    const found: string[] = [];
    const visit = (dict: PDFDict): void => {
      for (const [key] of dict.entries()) {
        const name = key.decodeText();
        if (forbidden.includes(name)) found.push(name);
      }
    };
    for (const [, object] of doc.context.enumerateIndirectObjects()) {
      if (object instanceof PDFDict) visit(object);
      if (object instanceof PDFRawStream) visit(object.dict);
    }
    visit(doc.catalog);
    expect(found).toEqual([]);
  });

  it('sets the document language', () => {
    expect(doc.catalog.get(PDFName.of('Lang'))?.toString()).toBe('(de-DE)');
  });
});

describe('renderLetter: longer letters and invalid input', () => {
  const longLetter = (copies: number): LetterInput => {
    const begruendung = SAMPLE_LETTER.sections.begruendung;
    if (!begruendung) throw new Error('sample has a Begründung');
    return {
      ...SAMPLE_LETTER,
      sections: {
        ...SAMPLE_LETTER.sections,
        begruendung: {
          ...begruendung,
          paragraphs: Array.from({ length: copies }, () => begruendung.paragraphs).flat(),
        },
      },
    };
  };

  it('numbers every page of a longer letter "Seite x von y"', async () => {
    const bytes = await renderLetter(longLetter(6), assets);
    const pages = (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
    expect(pages).toBeGreaterThanOrEqual(4);
    withPdfFile(bytes, (path) => {
      for (let p = 1; p <= pages; p++) expect(pdftotext(path, p)).toContain(`Seite ${p} von ${pages}`);
    });
  });

  const rejects = async (input: LetterInput, message: RegExp): Promise<void> => {
    await expect(renderLetter(input, assets)).rejects.toMatchObject({ code: 'validation_failed', message });
  };

  it('rejects characters the font lacks instead of printing .notdef boxes', async () => {
    await rejects({ ...SAMPLE_LETTER, anrede: 'Sehr geehrte Frau 王,' }, /anrede: character U\+738B/);
  });

  it('rejects an address that does not fit the Anschriftfeld', async () => {
    const recipient = { ...SAMPLE_LETTER.recipient, addressLines: ['Frau', 'X'.repeat(60), '12345 Musterstadt'] };
    await rejects({ ...SAMPLE_LETTER, recipient }, /recipient\.addressLines\[1\]: line is too long/);
    const sevenLines = { ...SAMPLE_LETTER.recipient, addressLines: Array.from({ length: 7 }, () => 'Zeile') };
    await rejects({ ...SAMPLE_LETTER, recipient: sevenLines }, /addressLines/);
  });

  it('rejects a field that normalisation leaves empty', async () => {
    await rejects({ ...SAMPLE_LETTER, anrede: '\u00ad\u200b' }, /anrede/);
  });
});
