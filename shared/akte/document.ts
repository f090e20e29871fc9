import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, PDFName, type PDFPage } from 'pdf-lib';
import { LETTER_CREATOR_TOOL, type LetterAssets } from '../bescheid/letter/index.ts';
import { applyPdfA, type PdfAMetadata } from '../bescheid/letter/pdfa.ts';
import { loadFont, measureWith, type LoadedFonts, type StyledMeasure } from '../bescheid/letter/runs.ts';
import { normalizeText } from '../bescheid/letter/text.ts';
import { canonicalJson } from '../domain/canonical-json.ts';
import { sha256Hex } from '../domain/sha256.ts';

/** Info /Producer and pdf:Producer of the Antrag PDF and the Akteneinsicht bundle. */
export const AKTE_PRODUCER = 'Amtsplatz Akte-Renderer (pdf-lib 1.17.1)';
export const AKTE_LANGUAGE = 'de-DE';

/** A new PDF with the Liberation fonts embedded, and the text functions that go with them. */
export interface AkteDocument {
  doc: PDFDocument;
  fonts: LoadedFonts;
  measure: StyledMeasure;
  /**
   * The text as it can be printed: normalised like letter text, and every character neither
   * font has a glyph for written as "[U+XXXX]". Unlike the letter, whose author can fix the
   * text, these renderers print what others wrote (the applicant, an upload's file name): they
   * must not fail on it, and must not drop it silently either.
   */
  printable: (text: string) => string;
}

export async function createAkteDocument(assets: LetterAssets): Promise<AkteDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const fonts: LoadedFonts = {
    regular: await loadFont(doc, assets.fonts.regular, 'AMTAKR'),
    bold: await loadFont(doc, assets.fonts.bold, 'AMTAKB'),
  };
  const bold = new Set(fonts.bold.pdfFont.getCharacterSet());
  const supported = new Set(fonts.regular.pdfFont.getCharacterSet().filter((cp) => bold.has(cp)));
  const printable = (text: string): string => {
    let out = '';
    for (const ch of normalizeText(text)) {
      const cp = ch.codePointAt(0) ?? 0;
      out += ch === '\n' || supported.has(cp) ? ch : `[U+${cp.toString(16).toUpperCase().padStart(4, '0')}]`;
    }
    return out;
  };
  return { doc, fonts, measure: measureWith(fonts), printable };
}

/** pdf-lib gives every page it draws on an empty /Annots array; our pages have no annotations. */
export function dropEmptyAnnots(page: PDFPage): void {
  if (page.node.Annots()?.size() === 0) page.node.delete(PDFName.of('Annots'));
}

export interface FinishOptions {
  title: string;
  author: string;
  /** Every date in the file (Info and XMP). */
  date: Date;
  /** What the pages show, as JSON; its hash is the trailer /ID, so equal content gives equal bytes. */
  content: unknown;
  /** Whether the XMP identifies the file as PDF/A-2b (pdfaid:part and conformance). */
  claimPdfA: boolean;
}

/**
 * Writes the document-level PDF/A-2b parts (Info and XMP that agree, sRGB OutputIntent, /ID,
 * /Lang) and serialises the file. Without `claimPdfA` the XMP keeps every other property but
 * leaves out the pdfaid identification, so no validator or archive takes the file for PDF/A.
 */
export async function finishDocument(
  akte: AkteDocument,
  options: FinishOptions,
  srgbIcc: Uint8Array,
): Promise<Uint8Array> {
  const { doc } = akte;
  for (const page of doc.getPages()) dropEmptyAnnots(page);
  const meta: PdfAMetadata = {
    title: options.title,
    author: options.author,
    creatorTool: LETTER_CREATOR_TOOL,
    producer: AKTE_PRODUCER,
    date: options.date,
    language: AKTE_LANGUAGE,
    documentIdHex: (await sha256Hex(canonicalJson({ producer: AKTE_PRODUCER, content: options.content }))).slice(0, 32),
    claimPdfA: options.claimPdfA,
  };
  applyPdfA(doc, meta, srgbIcc);
  return doc.save({ useObjectStreams: false });
}
