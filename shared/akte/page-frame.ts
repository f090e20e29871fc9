import { PDFNumber, degrees, rgb, type PDFArray, type PDFPage, type PDFPageLeaf } from 'pdf-lib';
import { mmToPt } from '../bescheid/letter/layout.ts';
import { INK, type LoadedFonts, type StyledMeasure, type TextRun } from '../bescheid/letter/runs.ts';
import { baselineOffset } from '../bescheid/letter/typography.ts';
import { AKTE_STYLES } from './layout.ts';

/*
 * Pages copied from other PDFs come in any size and may be turned by /Rotate. The stamp that
 * names a page's document has to sit at the top as a reader sees the page, so it is laid out in
 * display coordinates — points from the top-left corner of the page as shown — and mapped into
 * the page's user space here.
 */

export type Rotation = 0 | 90 | 180 | 270;

/** The visible box of a page in user space (x0 < x1, y0 < y1) and the viewer's turn of it. */
export interface PageFrame {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  rotation: Rotation;
}

export function displayWidth(f: PageFrame): number {
  return f.rotation === 0 || f.rotation === 180 ? f.x1 - f.x0 : f.y1 - f.y0;
}

/** User-space point of a display point (dx from the left, dy from the top of the page as shown). */
function toUser(f: PageFrame, dx: number, dy: number): { x: number; y: number } {
  switch (f.rotation) {
    case 0:
      return { x: f.x0 + dx, y: f.y1 - dy };
    case 90:
      return { x: f.x0 + dy, y: f.y0 + dx };
    case 180:
      return { x: f.x1 - dx, y: f.y0 + dy };
    case 270:
      return { x: f.x1 - dy, y: f.y1 - dx };
  }
}

/** The frame of a page: CropBox within MediaBox (both may be inherited), and /Rotate. Throws for unusable boxes. */
export function frameOf(node: PDFPageLeaf): PageFrame {
  const media = boxOf(node.MediaBox());
  const crop = node.CropBox() === undefined ? media : boxOf(node.CropBox());
  const box = {
    x0: Math.max(media.x0, crop.x0),
    y0: Math.max(media.y0, crop.y0),
    x1: Math.min(media.x1, crop.x1),
    y1: Math.min(media.y1, crop.y1),
  };
  const usable = box.x1 - box.x0 >= 1 && box.y1 - box.y0 >= 1;
  const turn = (((node.Rotate()?.asNumber() ?? 0) % 360) + 360) % 360;
  const rotation: Rotation = turn === 90 || turn === 180 || turn === 270 ? turn : 0;
  return usable ? { ...box, rotation } : { ...media, rotation };
}

function boxOf(array: PDFArray | undefined): Omit<PageFrame, 'rotation'> {
  const n = (i: number): number => {
    const v = array?.lookup(i);
    if (!(v instanceof PDFNumber) || !Number.isFinite(v.asNumber())) throw new Error('page box is not four numbers');
    return v.asNumber();
  };
  const [a, b, c, d] = [n(0), n(1), n(2), n(3)];
  const box = { x0: Math.min(a, c), y0: Math.min(b, d), x1: Math.max(a, c), y1: Math.max(b, d) };
  if (box.x1 - box.x0 < 1 || box.y1 - box.y0 < 1) throw new Error('page box is empty');
  return box;
}

/** The frame grown by `height` points at its top as shown, where the stamp goes on a foreign page. */
export function growAtTop(f: PageFrame, height: number): PageFrame {
  switch (f.rotation) {
    case 0:
      return { ...f, y1: f.y1 + height };
    case 90:
      return { ...f, x0: f.x0 - height };
    case 180:
      return { ...f, y0: f.y0 - height };
    case 270:
      return { ...f, x1: f.x1 + height };
  }
}

/** Makes the frame the page's MediaBox and CropBox. */
export function setFrame(page: PDFPage, f: PageFrame): void {
  page.setMediaBox(f.x0, f.y0, f.x1 - f.x0, f.y1 - f.y0);
  page.setCropBox(f.x0, f.y0, f.x1 - f.x0, f.y1 - f.y0);
}

function drawDisplayRuns(page: PDFPage, f: PageFrame, runs: readonly TextRun[], fonts: LoadedFonts): void {
  for (const run of runs) {
    if (run.text === '') continue;
    const font = fonts[run.style.font];
    const at = toUser(f, run.x, run.top + baselineOffset(run.style, font.metrics));
    page.drawText(run.text, {
      ...at,
      font: font.pdfFont,
      size: run.style.size,
      color: INK,
      rotate: degrees(f.rotation),
    });
  }
}

/** Fills a band across the page (display coordinates) with white. */
function clearBand(page: PDFPage, f: PageFrame, top: number, height: number): void {
  const a = toUser(f, 0, top);
  const b = toUser(f, displayWidth(f), top + height);
  page.drawRectangle({
    x: Math.min(a.x, b.x),
    y: Math.min(a.y, b.y),
    width: Math.abs(b.x - a.x),
    height: Math.abs(b.y - a.y),
    color: rgb(1, 1, 1),
  });
}

/** Heights within the stamp band, from its top. */
export const STAMP_PT = { height: mmToPt(8), textTop: mmToPt(1.5), ruleTop: mmToPt(6.5) } as const;

export interface Stamp {
  /** "Dok. 3/7 – title", left. */
  label: string;
  /** "Seite 12 von 40", right. */
  pageLabel: string;
  /** The first page of a document: bold label and a heavier rule, so a document's start stands out. */
  first: boolean;
}

/**
 * Draws the stamp band at `top` (display points): the label left, cut with "…" where it would
 * run into the page label, the page label right, a rule below. On a foreign page the band is
 * the strip added above its content and is painted white first, so that content the old
 * CropBox hid cannot show through.
 */
export function drawStamp(
  page: PDFPage,
  f: PageFrame,
  stamp: Stamp,
  at: { top: number; left: number; right: number; clear: boolean },
  fonts: LoadedFonts,
  measure: StyledMeasure,
): void {
  const width = displayWidth(f);
  const labelStyle = stamp.first ? AKTE_STYLES.stampFirst : AKTE_STYLES.stamp;
  const pageStyle = AKTE_STYLES.stamp;
  const pageWidth = measure(stamp.pageLabel, pageStyle);
  const room = width - at.left - at.right - pageWidth - mmToPt(4);
  const top = at.top + STAMP_PT.textTop;
  if (at.clear) clearBand(page, f, at.top, STAMP_PT.height);
  drawDisplayRuns(
    page,
    f,
    [
      { text: fitWithEllipsis(stamp.label, room, (t) => measure(t, labelStyle)), style: labelStyle, x: at.left, top },
      { text: stamp.pageLabel, style: pageStyle, x: width - at.right - pageWidth, top },
    ],
    fonts,
  );
  const ruleY = at.top + STAMP_PT.ruleTop;
  page.drawLine({
    start: toUser(f, at.left, ruleY),
    end: toUser(f, width - at.right, ruleY),
    thickness: stamp.first ? 1.5 : 0.5,
    color: INK,
  });
}

function fitWithEllipsis(text: string, width: number, measure: (t: string) => number): string {
  if (measure(text) <= width) return text;
  const chars = Array.from(text); // code points, so no surrogate pair is cut
  while (chars.length > 0 && measure(`${chars.join('').trimEnd()}…`) > width) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}
