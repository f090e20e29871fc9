import fontkit from '@pdf-lib/fontkit';
import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import { PAGE_MM, mmToPt } from './layout.ts';
import { baselineOffset, type FontMetrics, type TextStyle } from './typography.ts';

/** One line of text placed on a page: x from the left edge, top of its line slot from the top edge (points). */
export interface TextRun {
  text: string;
  style: TextStyle;
  x: number;
  top: number;
}

/** Width in points of `text` set in `style`. */
export type StyledMeasure = (text: string, style: TextStyle) => number;

export interface LoadedFont {
  pdfFont: PDFFont;
  metrics: FontMetrics;
}
export type LoadedFonts = Record<TextStyle['font'], LoadedFont>;

// Black in DeviceRGB for text and marks: the sRGB OutputIntent covers DeviceRGB, and a single
// colour space keeps the PDF/A colour rules simple.
export const INK = rgb(0, 0, 0);

export function measureWith(fonts: LoadedFonts): StyledMeasure {
  return (text, style) => fonts[style.font].pdfFont.widthOfTextAtSize(text, style.size);
}

export function drawRuns(page: PDFPage, runs: readonly TextRun[], fonts: LoadedFonts): void {
  const pageHeight = mmToPt(PAGE_MM.height);
  for (const run of runs) {
    if (run.text === '') continue;
    const font = fonts[run.style.font];
    page.drawText(run.text, {
      x: run.x,
      y: pageHeight - run.top - baselineOffset(run.style, font.metrics),
      font: font.pdfFont,
      size: run.style.size,
      color: INK,
    });
  }
}

/**
 * Embeds a TrueType font as a subset under a fixed tag. PDF subset names are a six-letter tag,
 * "+", and the PostScript name (ISO 32000-1, 9.6.4); a fixed tag instead of pdf-lib's generated
 * suffix keeps the output reproducible.
 */
export async function loadFont(doc: PDFDocument, bytes: Uint8Array, subsetTag: string): Promise<LoadedFont> {
  const face = fontkit.create(bytes);
  const pdfFont = await doc.embedFont(bytes, {
    subset: true,
    customName: `${subsetTag}+${face.postscriptName ?? 'Font'}`,
  });
  return { pdfFont, metrics: { ascent: face.ascent / face.unitsPerEm, descent: -face.descent / face.unitsPerEm } };
}
