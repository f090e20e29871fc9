/** Font sizes and line heights in points. DIN 5008 asks for at least 10 pt body text. */
export interface TextStyle {
  font: 'regular' | 'bold';
  size: number;
  leading: number;
}

export const STYLES = {
  authorityName: { font: 'bold', size: 14, leading: 17 },
  unit: { font: 'regular', size: 10, leading: 12.5 },
  contact: { font: 'regular', size: 8, leading: 10 },
  returnAddress: { font: 'regular', size: 7, leading: 8.5 },
  vermerk: { font: 'bold', size: 8, leading: 10 },
  /** 12 pt = 4.23 mm, the DIN 5008 line pitch: 6 lines fill the 27.3 mm Anschriftzone. */
  address: { font: 'regular', size: 10, leading: 12 },
  infoLabel: { font: 'regular', size: 7.5, leading: 9 },
  infoValue: { font: 'regular', size: 9, leading: 11 },
  betreff: { font: 'bold', size: 11, leading: 14 },
  body: { font: 'regular', size: 11, leading: 14 },
  heading: { font: 'bold', size: 11, leading: 14 },
  pageFurniture: { font: 'regular', size: 8, leading: 10 },
} as const satisfies Record<string, TextStyle>;

/** Vertical gaps in points (DIN 5008: blank lines between Betreff, Anrede and paragraphs). */
export const SPACING = {
  afterBetreff: 2 * STYLES.body.leading,
  afterAnrede: STYLES.body.leading,
  betweenParagraphs: STYLES.body.leading,
  beforeHeading: STYLES.body.leading,
  afterHeading: 3,
  betweenInfoEntries: 3,
} as const;

/** Typographic metrics of a font as fractions of the font size. */
export interface FontMetrics {
  ascent: number;
  descent: number;
}

/**
 * Distance from the top of a line slot (height = leading) to the baseline: the glyph box from
 * descent to ascent is centred in the slot, so text never pokes out of the slot it was given.
 */
export function baselineOffset(style: TextStyle, metrics: FontMetrics): number {
  const glyphBox = (metrics.ascent + metrics.descent) * style.size;
  return (style.leading - glyphBox) / 2 + metrics.ascent * style.size;
}
