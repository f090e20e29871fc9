import type { PDFPage } from 'pdf-lib';
import {
  FOLD_MARKS_TOP_MM,
  FOLLOW_HEADER_TOP_MM,
  HOLE_MARK_TOP_MM,
  MARGIN_MM,
  MARK_LINE_WIDTH_PT,
  MARK_MM,
  PAGE_MM,
  PAGE_NUMBER_TOP_MM,
  mmToPt,
  yFromTopMm,
} from './layout.ts';
import { INK, type StyledMeasure, type TextRun } from './runs.ts';
import { STYLES } from './typography.ts';

/** Faltmarken at 105 and 210 mm and the longer Lochmarke at 148.5 mm, on every page for filing. */
export function drawMarks(page: PDFPage): void {
  const marks: [number, number][] = [
    ...FOLD_MARKS_TOP_MM.map((top): [number, number] => [top, MARK_MM.foldLength]),
    [HOLE_MARK_TOP_MM, MARK_MM.holeLength],
  ];
  for (const [top, length] of marks) {
    const y = yFromTopMm(top);
    page.drawLine({
      start: { x: mmToPt(MARK_MM.left), y },
      end: { x: mmToPt(MARK_MM.left + length), y },
      thickness: MARK_LINE_WIDTH_PT,
      color: INK,
    });
  }
}

const rightEdge = (): number => mmToPt(PAGE_MM.width - MARGIN_MM.right);

/** "Seite x von y", right-aligned at the foot of every page. */
export function pageNumberRun(pageIndex: number, pageCount: number, measure: StyledMeasure): TextRun {
  const text = `Seite ${pageIndex + 1} von ${pageCount}`;
  const style = STYLES.pageFurniture;
  return { text, style, x: rightEdge() - measure(text, style), top: mmToPt(PAGE_NUMBER_TOP_MM) };
}

/** Pages 2 ff. name the authority and the Aktenzeichen, so a loose sheet can be put back. */
export function followHeaderRuns(authorityName: string, aktenzeichen: string, measure: StyledMeasure): TextRun[] {
  const style = STYLES.pageFurniture;
  const right = `Aktenzeichen ${aktenzeichen}`;
  const top = mmToPt(FOLLOW_HEADER_TOP_MM);
  const left = mmToPt(MARGIN_MM.left);
  const rightWidth = measure(right, style);
  const sharesLine = left + measure(authorityName, style) + mmToPt(5) <= rightEdge() - rightWidth;
  return [
    { text: authorityName, style, x: left, top },
    { text: right, style, x: rightEdge() - rightWidth, top: sharesLine ? top : top + style.leading },
  ];
}
