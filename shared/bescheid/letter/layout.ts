/*
 * DIN 5008 Form B geometry of the Bescheid letter. Everything is given the way the standard
 * and printers measure it — millimetres from the top-left corner of the A4 sheet — and only
 * converted to PDF points (origin bottom-left) at drawing time.
 */

/** PDF points per millimetre (1 pt = 1/72 in). */
export const PT_PER_MM = 72 / 25.4;

export const mmToPt = (mm: number): number => mm * PT_PER_MM;

export const PAGE_MM = { width: 210, height: 297 } as const;

/** A rectangle in millimetres from the top-left corner of the page. */
export interface RectMm {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A rectangle in PDF user space: points, origin at the bottom-left corner of the page. */
export interface RectPt {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function rectMmToPt(r: RectMm): RectPt {
  return {
    x: mmToPt(r.left),
    y: mmToPt(PAGE_MM.height - r.top - r.height),
    width: mmToPt(r.width),
    height: mmToPt(r.height),
  };
}

/** PDF y coordinate of a distance from the top edge. */
export const yFromTopMm = (topMm: number): number => mmToPt(PAGE_MM.height - topMm);

export const MARGIN_MM = { left: 25, right: 20 } as const;
export const TEXT_WIDTH_MM = PAGE_MM.width - MARGIN_MM.left - MARGIN_MM.right;

/** Briefkopf: the top 45 mm above the Anschriftfeld (Form B). */
export const LETTERHEAD_MM = { top: 12, nameLeft: MARGIN_MM.left, contactLeft: 125, maxContactLines: 5 } as const;

/**
 * Anschriftfeld Form B: 85 × 45 mm at 20 mm from the left and 45 mm from the top, split into
 * the Zusatz- und Vermerkzone (17.7 mm, Rücksendeangabe and Vermerke) and the Anschriftzone
 * (27.3 mm, at most 6 lines). Text starts 5 mm inside the field, on the 25 mm margin line.
 */
export const ANSCHRIFTFELD_MM: RectMm = { left: 20, top: 45, width: 85, height: 45 };
export const VERMERKZONE_HEIGHT_MM = 17.7;
export const ANSCHRIFTFELD_INSET_MM = 5;
export const ANSCHRIFTZONE_MM: RectMm = {
  left: ANSCHRIFTFELD_MM.left,
  top: ANSCHRIFTFELD_MM.top + VERMERKZONE_HEIGHT_MM,
  width: ANSCHRIFTFELD_MM.width,
  height: ANSCHRIFTFELD_MM.height - VERMERKZONE_HEIGHT_MM,
};
export const MAX_ADDRESS_LINES = 6;
export const MAX_VERMERK_LINES = 3;

/** Informationsblock from 125 mm; it stops at the 20 mm right margin instead of DIN's 10 mm. */
export const INFOBLOCK_MM = { left: 125, top: 50, width: PAGE_MM.width - MARGIN_MM.right - 125 } as const;

/** Betreff: two blank 4.23 mm lines below the Anschriftfeld (or below a longer Informationsblock). */
export const BETREFF_GAP_MM = 2 * 4.23;

/** Faltmarken (Form B) and Lochmarke on the left edge; short strokes printers can still reach. */
export const FOLD_MARKS_TOP_MM = [105, 210] as const;
export const HOLE_MARK_TOP_MM = 148.5;
export const MARK_MM = { left: 4, foldLength: 5, holeLength: 8 } as const;
export const MARK_LINE_WIDTH_PT = 0.5;

/**
 * Reserved on page 1 for the visible seal the signing step draws: bottom right, aligned with
 * the Informationsblock column. Body text on page 1 ends above it.
 */
export const SEAL_BOX_MM: RectMm = { left: 125, top: 230, width: 65, height: 38 };
export const SEAL_BOX_PAGE_INDEX = 0;
export const SEAL_BOX_PT: RectPt = rectMmToPt(SEAL_BOX_MM);

/** Vertical limits of the body text (distance from the top edge). */
export const BODY_MM = {
  firstPageBottom: SEAL_BOX_MM.top - 4,
  followPageTop: 25,
  followPageBottom: 272,
} as const;

/** Kopfzeile of pages 2 ff. (authority and Aktenzeichen) and the page number line. */
export const FOLLOW_HEADER_TOP_MM = 12;
export const PAGE_NUMBER_TOP_MM = 282;
