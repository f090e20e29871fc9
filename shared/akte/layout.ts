/*
 * Geometry and type sizes of the E-Akte's own A4 pages (Antrag, cover sheet, index,
 * placeholders). They share the letter's margins, Kopfzeile and page number line, so a printed
 * Akte has one look; figures are millimetres from the top-left corner, as in the letter.
 */
import type { FlowFrame } from '../bescheid/letter/flow.ts';
import { BODY_MM, MARGIN_MM, PAGE_MM, TEXT_WIDTH_MM, mmToPt } from '../bescheid/letter/layout.ts';
import { STYLES, type TextStyle } from '../bescheid/letter/typography.ts';

export const A4_PT = { width: mmToPt(PAGE_MM.width), height: mmToPt(PAGE_MM.height) } as const;
export const LEFT_PT = mmToPt(MARGIN_MM.left);
export const TEXT_WIDTH_PT = mmToPt(TEXT_WIDTH_MM);

/** Text area of every page in points from the top edge: below the Kopfzeile, above the page number. */
export const BODY_PT = { top: mmToPt(BODY_MM.followPageTop), bottom: mmToPt(BODY_MM.followPageBottom) } as const;
export const BODY_FRAME: FlowFrame = {
  firstTop: BODY_PT.top,
  firstBottom: BODY_PT.bottom,
  nextTop: BODY_PT.top,
  nextBottom: BODY_PT.bottom,
};

export const AKTE_STYLES = {
  authorityName: STYLES.authorityName,
  unit: STYLES.unit,
  coverTitle: { font: 'bold', size: 24, leading: 30 },
  title: { font: 'bold', size: 16, leading: 20 },
  heading: STYLES.heading,
  note: { font: 'regular', size: 9, leading: 12 },
  /** Label and value rows (Antragsdaten, cover sheet, placeholder pages). */
  cell: { font: 'regular', size: 10, leading: 13 },
  cellBold: { font: 'bold', size: 10, leading: 13 },
  indexHead: { font: 'bold', size: 8.5, leading: 11 },
  indexCell: { font: 'regular', size: 8.5, leading: 11 },
  /** 32 hex digits of a SHA-256 fit the index column on one line. */
  hash: { font: 'regular', size: 8, leading: 11 },
  stamp: STYLES.pageFurniture,
  stampFirst: { font: 'bold', size: 8, leading: 10 },
} as const satisfies Record<string, TextStyle>;

/** Gaps in points. */
export const GAP = {
  betweenRows: 4,
  beforeHeading: 14,
  afterHeading: 3,
  paragraph: 8,
} as const;

/** Label and value columns of a two-column block. */
export const LABEL_WIDTH_PT = mmToPt(58);
export const COLUMN_GAP_PT = mmToPt(4);
export const VALUE_LEFT_PT = LEFT_PT + LABEL_WIDTH_PT + COLUMN_GAP_PT;
export const VALUE_WIDTH_PT = TEXT_WIDTH_PT - LABEL_WIDTH_PT - COLUMN_GAP_PT;
