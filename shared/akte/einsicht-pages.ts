import type { PDFImage } from 'pdf-lib';
import { pageNumberRun } from '../bescheid/letter/furniture.ts';
import { mmToPt } from '../bescheid/letter/layout.ts';
import { INK, drawRuns, type TextRun } from '../bescheid/letter/runs.ts';
import { formatNumberDe } from '../bescheid/template/formatters.ts';
import type { AkteDocument } from './document.ts';
import { flowPages, labelValue, type Column, type FlowItem } from './flow.ts';
import { berlinDateTime, germanDay } from './format.ts';
import { A4_PT, AKTE_STYLES, BODY_FRAME, BODY_PT, GAP, LEFT_PT, TEXT_WIDTH_PT } from './layout.ts';
import { STAMP_PT, drawStamp, type PageFrame, type Stamp } from './page-frame.ts';

/** Why a document is shown by a placeholder page instead of its own pages. */
export type PlaceholderReason = 'unsupported' | 'encrypted' | 'unreadable';

/** A document as the bundle's pages describe it (all text printable already). */
export interface IndexEntry {
  titel: string;
  dateiname: string;
  mediaType: string;
  sha256: string;
  veraktetAm: string;
  size: number;
  placeholder: PlaceholderReason | null;
}

export interface CoverData {
  authorityName: string;
  unit: string | null;
  aktenzeichen: string;
  titel: string;
  aktenplan: string;
  exportedAt: string;
  exportedBy: string;
  documentCount: number;
  pageCount: number;
}

const PLACEHOLDER_TEXT: Record<PlaceholderReason, { short: string; heading: string; text: (type: string) => string }> =
  {
    unsupported: {
      short: 'Platzhalter: nicht darstellbar',
      heading: 'Dokument nicht darstellbar',
      text: (type) => `Dokumente des Typs ${type} lassen sich in dieser Zusammenstellung nicht als Seiten darstellen.`,
    },
    encrypted: {
      short: 'Platzhalter: verschlüsselt',
      heading: 'Dokument verschlüsselt',
      text: () => 'Das PDF-Dokument ist verschlüsselt; seine Seiten lassen sich nicht übernehmen.',
    },
    unreadable: {
      short: 'Platzhalter: nicht lesbar',
      heading: 'Dokument nicht lesbar',
      text: (type) => `Das Dokument ließ sich als ${type} nicht lesen; es ist beschädigt oder hat ein anderes Format.`,
    },
  };

/** SHA-256 in two lines of 32 hex digits, so the halves can be compared at a glance. */
const hashLines = (sha256: string): string => `${sha256.slice(0, 32)}\n${sha256.slice(32)}`;

const pageRange = (first: number, count: number): string =>
  count === 1 ? String(first) : `${first}–${first + count - 1}`;

function coverItems(c: CoverData): FlowItem[] {
  const { datum, uhrzeit } = berlinDateTime(c.exportedAt);
  const items: FlowItem[] = [{ kind: 'text', text: c.authorityName, style: AKTE_STYLES.authorityName, spaceBefore: 0 }];
  if (c.unit) items.push({ kind: 'text', text: c.unit, style: AKTE_STYLES.unit, spaceBefore: 0 });
  items.push(
    { kind: 'text', text: 'Akteneinsicht', style: AKTE_STYLES.coverTitle, spaceBefore: mmToPt(40) },
    { kind: 'text', text: c.titel, style: AKTE_STYLES.title, spaceBefore: 6 },
    labelValue('Aktenzeichen', c.aktenzeichen, mmToPt(12)),
    labelValue('Aktenplan', c.aktenplan, GAP.betweenRows),
    labelValue('Dokumente', String(c.documentCount), GAP.betweenRows),
    labelValue('Umfang', `${c.pageCount} Seiten (Deckblatt, Inhaltsverzeichnis, Dokumente)`, GAP.betweenRows),
    labelValue('Stand / exportiert am', `${datum}, ${uhrzeit} Uhr`, GAP.betweenRows),
    labelValue('Exportiert von', c.exportedBy, GAP.betweenRows),
    {
      kind: 'text',
      text:
        'Die Zusammenstellung gibt die Dokumente der Akte in der Reihenfolge des Inhaltsverzeichnisses wieder. ' +
        'Jede Seite eines Dokuments trägt oben seine Nummer und die Seitenzahl dieser Zusammenstellung.',
      style: AKTE_STYLES.note,
      spaceBefore: mmToPt(16),
    },
    {
      kind: 'text',
      text:
        'Die Originaldokumente bleiben unverändert in der E-Akte; der SHA-256-Hashwert im Inhaltsverzeichnis ' +
        'weist jedes nach. Seiten aus PDF-Dokumenten sind so übernommen, wie ein Ausdruck sie zeigt: ausgefüllte ' +
        'Formularfelder und Anmerkungen stehen auf der Seite, Links, Skripte und elektronische Signaturen sind ' +
        'nicht übernommen. Eine Signatur ist am Originaldokument zu prüfen. Dokumente, die sich nicht als Seiten ' +
        'darstellen lassen, vertritt ein Platzhalterblatt mit ihren Angaben.',
      style: AKTE_STYLES.note,
      spaceBefore: GAP.paragraph,
    },
  );
  return items;
}

export function drawCover(akte: AkteDocument, c: CoverData): void {
  const [runs = []] = flowPages(coverItems(c), BODY_FRAME, akte.measure);
  const page = akte.doc.addPage([A4_PT.width, A4_PT.height]);
  drawRuns(page, [...runs, pageNumberRun(0, c.pageCount, akte.measure)], akte.fonts);
}

/** Index columns: head, width in mm, style of the cells. 32 hex digits of the hash fit one line. */
const INDEX_COLUMNS: [string, number, Column['style']][] = [
  ['Nr.', 8, AKTE_STYLES.indexCell],
  ['Veraktet am', 18, AKTE_STYLES.indexCell],
  ['Dokument', 68, AKTE_STYLES.indexCell],
  ['Seiten', 14, AKTE_STYLES.indexCell],
  ['SHA-256', 51, AKTE_STYLES.hash],
];
const INDEX_GAP_MM = 1.5;

function indexColumns(head: boolean): Column[] {
  let left = LEFT_PT;
  return INDEX_COLUMNS.map(([, width, style]) => {
    const column = { left, width: mmToPt(width), style: head ? AKTE_STYLES.indexHead : style };
    left += mmToPt(width + INDEX_GAP_MM);
    return column;
  });
}

/** The index: one row per document, on as many pages as it needs, each with the column heads. */
export interface IndexLayout {
  pages: TextRun[][];
  headRuns: (page: number) => TextRun[];
  ruleTops: (page: number) => number;
}

export function layoutIndex(
  akte: AkteDocument,
  entries: readonly IndexEntry[],
  firstPages: readonly number[],
  pageCounts: readonly number[],
): IndexLayout {
  const [head = []] = flowPages(
    [{ kind: 'row', cells: INDEX_COLUMNS.map(([h]) => h), columns: indexColumns(true), spaceBefore: 0 }],
    BODY_FRAME,
    akte.measure,
  );
  const headHeight = Math.max(...head.map((r) => r.top)) - BODY_PT.top + AKTE_STYLES.indexHead.leading + 4;
  const titleHeight = AKTE_STYLES.title.leading + 10;
  const columns = indexColumns(false);
  const rows: FlowItem[] = entries.map((e, i) => ({
    kind: 'row',
    cells: [
      String(i + 1),
      germanDay(e.veraktetAm),
      [
        e.titel,
        ...(e.dateiname === e.titel ? [] : [e.dateiname]),
        ...(e.placeholder === null ? [] : [`(${PLACEHOLDER_TEXT[e.placeholder].short})`]),
      ].join('\n'),
      pageRange(firstPages[i] ?? 0, pageCounts[i] ?? 1),
      hashLines(e.sha256),
    ],
    columns,
    spaceBefore: i === 0 ? 0 : GAP.betweenRows,
  }));
  if (rows.length === 0) {
    rows.push({ kind: 'text', text: 'Die Akte enthält keine Dokumente.', style: AKTE_STYLES.cell, spaceBefore: 0 });
  }
  const pages = flowPages(
    rows,
    {
      firstTop: BODY_PT.top + titleHeight + headHeight,
      firstBottom: BODY_PT.bottom,
      nextTop: BODY_PT.top + headHeight,
      nextBottom: BODY_PT.bottom,
    },
    akte.measure,
  );
  const headTop = (page: number): number => BODY_PT.top + (page === 0 ? titleHeight : 0);
  return {
    pages,
    headRuns: (page) => [
      ...(page === 0 ? [{ text: 'Inhaltsverzeichnis', style: AKTE_STYLES.title, x: LEFT_PT, top: BODY_PT.top }] : []),
      ...head.map((r) => ({ ...r, top: r.top - BODY_PT.top + headTop(page) })),
    ],
    ruleTops: (page) => headTop(page) + headHeight - 3,
  };
}

export function drawIndex(
  akte: AkteDocument,
  index: IndexLayout,
  header: TextRun[],
  firstPage: number,
  total: number,
): void {
  index.pages.forEach((runs, i) => {
    const page = akte.doc.addPage([A4_PT.width, A4_PT.height]);
    drawRuns(
      page,
      [...header, ...index.headRuns(i), ...runs, pageNumberRun(firstPage - 1 + i, total, akte.measure)],
      akte.fonts,
    );
    const y = A4_PT.height - index.ruleTops(i);
    page.drawLine({ start: { x: LEFT_PT, y }, end: { x: LEFT_PT + TEXT_WIDTH_PT, y }, thickness: 0.5, color: INK });
  });
}

const ownFrame = (width: number, height: number): PageFrame => ({ x0: 0, y0: 0, x1: width, y1: height, rotation: 0 });
/** Own document pages carry the stamp in the top margin, on the letter's margins. */
const OWN_STAMP = { top: mmToPt(9), left: LEFT_PT, right: mmToPt(20), clear: false } as const;

export function drawPlaceholder(akte: AkteDocument, entry: IndexEntry, number: string, stamp: Stamp): void {
  const reason = entry.placeholder ?? 'unsupported';
  const texts = PLACEHOLDER_TEXT[reason];
  const items: FlowItem[] = [
    { kind: 'text', text: texts.heading, style: AKTE_STYLES.title, spaceBefore: 0 },
    { kind: 'text', text: texts.text(entry.mediaType), style: AKTE_STYLES.cell, spaceBefore: GAP.paragraph },
    labelValue('Dokument', number, GAP.beforeHeading),
    labelValue('Titel', entry.titel, GAP.betweenRows),
    labelValue('Dateiname', entry.dateiname, GAP.betweenRows),
    labelValue('Medientyp', entry.mediaType, GAP.betweenRows),
    labelValue('Größe', `${formatNumberDe(entry.size, true) ?? entry.size} Bytes`, GAP.betweenRows),
    labelValue('Veraktet am', germanDay(entry.veraktetAm), GAP.betweenRows),
    labelValue('SHA-256', hashLines(entry.sha256), GAP.betweenRows),
    {
      kind: 'text',
      text:
        'Das Dokument liegt unverändert in der E-Akte. Es kann dort eingesehen oder als Datei übergeben ' +
        'werden; der SHA-256-Hashwert weist nach, dass es dasselbe Dokument ist.',
      style: AKTE_STYLES.note,
      spaceBefore: GAP.beforeHeading,
    },
  ];
  const [runs = []] = flowPages(items, BODY_FRAME, akte.measure);
  const page = akte.doc.addPage([A4_PT.width, A4_PT.height]);
  drawRuns(page, runs, akte.fonts);
  drawStamp(page, ownFrame(A4_PT.width, A4_PT.height), stamp, OWN_STAMP, akte.fonts, akte.measure);
}

const IMAGE_MARGIN_PT = { top: OWN_STAMP.top + STAMP_PT.height + mmToPt(3), side: mmToPt(15), bottom: mmToPt(12) };

/** The image on an A4 page of its orientation, scaled to fit below the stamp, centred across. */
export function drawImagePage(akte: AkteDocument, image: PDFImage, stamp: Stamp): void {
  const landscape = image.width > image.height;
  const [width, height] = landscape ? [A4_PT.height, A4_PT.width] : [A4_PT.width, A4_PT.height];
  const areaWidth = width - 2 * IMAGE_MARGIN_PT.side;
  const areaHeight = height - IMAGE_MARGIN_PT.top - IMAGE_MARGIN_PT.bottom;
  const scale = Math.min(areaWidth / image.width, areaHeight / image.height);
  const page = akte.doc.addPage([width, height]);
  const drawn = { width: image.width * scale, height: image.height * scale };
  page.drawImage(image, {
    x: (width - drawn.width) / 2,
    y: height - IMAGE_MARGIN_PT.top - drawn.height,
    ...drawn,
  });
  drawStamp(page, ownFrame(width, height), stamp, OWN_STAMP, akte.fonts, akte.measure);
}
