import { DomainError } from '../../domain/errors.ts';
import type { Letter } from './input.ts';
import {
  ANSCHRIFTFELD_INSET_MM,
  ANSCHRIFTFELD_MM,
  ANSCHRIFTZONE_MM,
  BETREFF_GAP_MM,
  INFOBLOCK_MM,
  LETTERHEAD_MM,
  mmToPt,
} from './layout.ts';
import type { StyledMeasure, TextRun } from './runs.ts';
import { SPACING, STYLES, type TextStyle } from './typography.ts';
import { wrapText } from './wrap.ts';

/** Runs of page 1 above the Betreff, and where the Betreff starts (points from the top edge). */
export interface FirstPageHead {
  runs: TextRun[];
  betreffTop: number;
}

export function layoutFirstPageHead(letter: Letter, measure: StyledMeasure): FirstPageHead {
  const infoblock = layoutInfoblock(letter, measure);
  const anschriftfeldBottom = mmToPt(ANSCHRIFTFELD_MM.top + ANSCHRIFTFELD_MM.height);
  return {
    runs: [...layoutLetterhead(letter, measure), ...layoutAnschriftfeld(letter, measure), ...infoblock.runs],
    betreffTop: Math.max(anschriftfeldBottom, infoblock.bottom) + mmToPt(BETREFF_GAP_MM),
  };
}

/** Authority name and unit on the left, contact lines in the Informationsblock column. */
function layoutLetterhead(letter: Letter, measure: StyledMeasure): TextRun[] {
  const { authorityName, unit, contactLines } = letter.letterhead;
  const nameX = mmToPt(LETTERHEAD_MM.nameLeft);
  const contactX = mmToPt(LETTERHEAD_MM.contactLeft);
  const nameWidth = contactX - nameX - mmToPt(5);
  const runs: TextRun[] = [];
  let top = mmToPt(LETTERHEAD_MM.top);
  const left: [string, TextStyle][] = [[authorityName, STYLES.authorityName]];
  if (unit) left.push([unit, STYLES.unit]);
  for (const [text, style] of left) {
    for (const line of wrapText(text, nameWidth, (t) => measure(t, style))) {
      runs.push({ text: line, style, x: nameX, top });
      top += style.leading;
    }
  }
  if (top > mmToPt(ANSCHRIFTFELD_MM.top)) {
    throw new DomainError(
      'validation_failed',
      'letterhead: authority name and unit do not fit above the Anschriftfeld',
    );
  }
  const contactWidth = mmToPt(INFOBLOCK_MM.width);
  contactLines.forEach((text, i) => {
    assertFits(text, STYLES.contact, contactWidth, measure, `letterhead.contactLines[${i}]`);
    runs.push({
      text,
      style: STYLES.contact,
      x: contactX,
      top: mmToPt(LETTERHEAD_MM.top) + i * STYLES.contact.leading,
    });
  });
  return runs;
}

/**
 * Rücksendeangabe at the top of the Zusatz- und Vermerkzone, Vermerke at its foot (directly
 * above the address), the address from the top of the Anschriftzone. Lines are never wrapped:
 * a wrapped address line would be a different address, so an overlong line is an error.
 */
function layoutAnschriftfeld(letter: Letter, measure: StyledMeasure): TextRun[] {
  const x = mmToPt(ANSCHRIFTFELD_MM.left + ANSCHRIFTFELD_INSET_MM);
  const width = mmToPt(ANSCHRIFTFELD_MM.width - ANSCHRIFTFELD_INSET_MM);
  const runs: TextRun[] = [];

  assertFits(letter.letterhead.returnAddress, STYLES.returnAddress, width, measure, 'letterhead.returnAddress');
  runs.push({
    text: letter.letterhead.returnAddress,
    style: STYLES.returnAddress,
    x,
    top: mmToPt(ANSCHRIFTFELD_MM.top + 1),
  });

  const { vermerke, addressLines } = letter.recipient;
  const zoneTop = mmToPt(ANSCHRIFTZONE_MM.top);
  vermerke.forEach((text, i) => {
    assertFits(text, STYLES.vermerk, width, measure, `recipient.vermerke[${i}]`);
    const top = zoneTop - mmToPt(0.5) - (vermerke.length - i) * STYLES.vermerk.leading;
    runs.push({ text, style: STYLES.vermerk, x, top });
  });
  addressLines.forEach((text, i) => {
    assertFits(text, STYLES.address, width, measure, `recipient.addressLines[${i}]`);
    runs.push({ text, style: STYLES.address, x, top: zoneTop + i * STYLES.address.leading });
  });
  return runs;
}

/** Label over value, Datum last as DIN 5008 places it; values wrap within the column. */
function layoutInfoblock(letter: Letter, measure: StyledMeasure): { runs: TextRun[]; bottom: number } {
  const { aktenzeichen, sachbearbeitung, telefon, email } = letter.info;
  const entries: [string, string | undefined][] = [
    ['Aktenzeichen', aktenzeichen],
    ['Sachbearbeitung', sachbearbeitung],
    ['Telefon', telefon],
    ['E-Mail', email],
    ['Datum', formatDatum(letter.datum)],
  ];
  const x = mmToPt(INFOBLOCK_MM.left);
  const width = mmToPt(INFOBLOCK_MM.width);
  const runs: TextRun[] = [];
  let top = mmToPt(INFOBLOCK_MM.top);
  for (const [label, value] of entries) {
    if (value === undefined) continue;
    runs.push({ text: label, style: STYLES.infoLabel, x, top });
    top += STYLES.infoLabel.leading;
    for (const line of wrapText(value, width, (t) => measure(t, STYLES.infoValue))) {
      runs.push({ text: line, style: STYLES.infoValue, x, top });
      top += STYLES.infoValue.leading;
    }
    top += SPACING.betweenInfoEntries;
  }
  return { runs, bottom: top - SPACING.betweenInfoEntries };
}

/** DIN 5008 numeric date: TT.MM.JJJJ. */
export function formatDatum(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}.${month}.${year}`;
}

function assertFits(text: string, style: TextStyle, width: number, measure: StyledMeasure, field: string): void {
  if (measure(text, style) > width) {
    throw new DomainError('validation_failed', `${field}: line is too long for its field in the letter layout`);
  }
}
