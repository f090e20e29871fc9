import type { PDFPage } from 'pdf-lib';
import qrcode from 'qrcode-generator';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';
import { isoDateTime } from '../../domain/ids.ts';
import { PAGE_MM, SEAL_BOX_PT, mmToPt } from './layout.ts';
import { INK, drawRuns, type LoadedFonts, type StyledMeasure, type TextRun } from './runs.ts';
import { STYLES, type TextStyle } from './typography.ts';
import { wrapText } from './wrap.ts';

const line = z.string().trim().min(1).max(200);

/**
 * The visible seal on page 1: who sealed for which authority, who approved and when, and a QR
 * code a reader can check against the document (Aktenzeichen and the approved content hash).
 * The electronic seal itself is the PAdES signature added afterwards; this box is its
 * human-readable face.
 */
export const sealSchema = z.object({
  /** "Elektronisch gesiegelt" line: the authority holding the seal certificate. */
  authority: line,
  /** The approver's name (4-eyes Freigabe). */
  approvedBy: line,
  approvedAt: isoDateTime,
  aktenzeichen: line,
  /** SHA-256 of the approved Bescheid content (lowercase hex), the value the Freigabe bound. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type Seal = z.infer<typeof sealSchema>;

/** What the QR code holds: plain text, readable by any scanner, no URL to a server. */
export function sealQrPayload(seal: Pick<Seal, 'aktenzeichen' | 'contentHash'>): string {
  return `AMTSPLATZ-BESCHEID\nAZ:${seal.aktenzeichen}\nSHA256:${seal.contentHash}`;
}

const PADDING = mmToPt(2);
const BORDER_PT = 0.5;
const TEXT_STYLE: TextStyle = STYLES.returnAddress;
const TITLE_STYLE: TextStyle = { font: 'bold', size: 8, leading: 10 };
/** Edge of the QR code; 24 mm scans reliably from paper and leaves the text column room. */
const QR_SIZE = mmToPt(24);

/** Europe/Berlin wall time as TT.MM.JJJJ, HH:MM Uhr (the box states a German time). */
function berlinDateTime(instant: string): string {
  const parts = new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const get = (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('day')}.${get('month')}.${get('year')}, ${get('hour')}:${get('minute')} Uhr`;
}

/** Text lines of the box, for drawing and for tests. */
export function sealLines(seal: Seal): { text: string; style: TextStyle }[] {
  return [
    { text: 'Elektronisch gesiegelt', style: TITLE_STYLE },
    { text: seal.authority, style: TEXT_STYLE },
    { text: 'Freigegeben von', style: TEXT_STYLE },
    { text: seal.approvedBy, style: TEXT_STYLE },
    { text: `am ${berlinDateTime(seal.approvedAt)}`, style: TEXT_STYLE },
    { text: `Az. ${seal.aktenzeichen}`, style: TEXT_STYLE },
  ];
}

/** Draws the seal box into SEAL_BOX_PT of the page: border, text on the left, QR code on the right. */
export function drawSealBox(page: PDFPage, seal: Seal, fonts: LoadedFonts, measure: StyledMeasure): void {
  const box = SEAL_BOX_PT;
  page.drawRectangle({
    x: box.x,
    y: box.y,
    width: box.width,
    height: box.height,
    borderColor: INK,
    borderWidth: BORDER_PT,
  });

  const qr = qrcode(0, 'M');
  qr.addData(sealQrPayload(seal), 'Byte');
  qr.make();
  const modules = qr.getModuleCount();
  const qrSize = QR_SIZE;
  const cell = qrSize / modules;
  const qrX = box.x + box.width - PADDING - qrSize;
  const qrTop = box.y + box.height - PADDING;
  for (let row = 0; row < modules; row++) {
    for (let col = 0; col < modules; col++) {
      if (!qr.isDark(row, col)) continue;
      page.drawRectangle({ x: qrX + col * cell, y: qrTop - (row + 1) * cell, width: cell, height: cell, color: INK });
    }
  }

  const pageHeight = mmToPt(PAGE_MM.height);
  const textX = box.x + PADDING;
  const textWidth = qrX - textX - PADDING;
  const runs: TextRun[] = [];
  let top = pageHeight - (box.y + box.height) + PADDING;
  for (const { text, style } of sealLines(seal)) {
    for (const part of wrapText(text, textWidth, (t) => measure(t, style))) {
      runs.push({ text: part, style, x: textX, top });
      top += style.leading;
    }
  }
  if (top > pageHeight - box.y - PADDING) {
    throw new DomainError('validation_failed', 'seal: the names do not fit into the seal box');
  }
  drawRuns(page, runs, fonts);
}
