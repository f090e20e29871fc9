import type { PDFImage } from 'pdf-lib';
import { z } from 'zod';
import { authoritySchema } from '../bescheid/authority.ts';
import { followHeaderRuns } from '../bescheid/letter/furniture.ts';
import { mmToPt } from '../bescheid/letter/layout.ts';
import type { LetterAssets } from '../bescheid/letter/input.ts';
import { sha256Digest } from '../domain/dokument.ts';
import { DomainError } from '../domain/errors.ts';
import { isoDate, isoDateTime } from '../domain/ids.ts';
import { sha256Hex } from '../domain/sha256.ts';
import { createAkteDocument, finishDocument, type AkteDocument } from './document.ts';
import {
  drawCover,
  drawImagePage,
  drawIndex,
  drawPlaceholder,
  layoutIndex,
  type CoverData,
  type IndexEntry,
  type IndexLayout,
  type PlaceholderReason,
} from './einsicht-pages.ts';
import { copyPdfPages, type CopiedPage } from './foreign-pdf.ts';
import { displayWidth, drawStamp, type PageFrame, type Stamp } from './page-frame.ts';

const line = (max: number) => z.string().trim().min(1).max(max);

export const einsichtDokumentSchema = z.object({
  titel: line(500),
  /** The stored (sanitised) file name. */
  dateiname: line(255),
  mediaType: line(127),
  /** SHA-256 of `bytes`, as filed; checked before anything is rendered. */
  sha256: sha256Digest,
  /** When the document was filed: an instant (Dokument.createdAt) or a calendar date. */
  veraktetAm: z.union([isoDateTime, isoDate]),
  bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected the document bytes'),
});

export const akteneinsichtInputSchema = z.object({
  authority: authoritySchema,
  aktenzeichen: line(64),
  /** Title of the Akte. */
  titel: line(500),
  aktenplan: z.object({ kennzeichen: line(64), titel: line(500) }),
  /** Instant of the export: printed on the cover and the source of the PDF's dates. */
  exportedAt: isoDateTime,
  /** Name of the person who exported the Akte. */
  exportedBy: line(200),
  /** The documents in the order the bundle shows them (the Akte's filing order). */
  dokumente: z.array(einsichtDokumentSchema).max(10_000),
});
export type AkteneinsichtInput = z.input<typeof akteneinsichtInputSchema>;
export type EinsichtDokument = z.input<typeof einsichtDokumentSchema>;
type Einsicht = z.output<typeof akteneinsichtInputSchema>;

/** How a document enters the bundle. */
type Shown =
  | { kind: 'pdf'; pages: CopiedPage[] }
  | { kind: 'image'; image: PDFImage }
  | { kind: 'placeholder'; reason: PlaceholderReason };

/**
 * The Akteneinsicht bundle (§ 29 VwVfG for the Beteiligte, § 100 VwGO when the court's files
 * are inspected): one PDF with a cover sheet, an index of every document with its filing date
 * and SHA-256, and then the documents themselves — a PDF's pages copied in, a PNG or JPEG as a
 * page of its own, anything else (or a PDF that is encrypted or cannot be read) as a
 * placeholder page naming it and its hash. Every page of a document carries a stamp at the top
 * ("Dok. 3/7 – title", bold with a heavy rule on its first page) and the bundle's page number,
 * so every sheet can be traced back to the index and the E-Akte.
 *
 * PDF/A: the cover, index, placeholder and image pages follow PDF/A-2b (embedded fonts,
 * DeviceRGB under the sRGB OutputIntent, XMP agreeing with Info, /ID), but copied pages keep
 * whatever their source had — unembedded fonts, DeviceCMYK, transparency without a blending
 * space — and nothing here can check that. The bundle therefore never claims PDF/A: its XMP
 * has no pdfaid identification, whatever went in. It is a copy to read, not the archival
 * object; the archival objects are the documents in the E-Akte, which the index identifies by
 * hash, and xdomea hands those over, not this file.
 *
 * The output depends only on the input and the assets (`exportedAt` supplies the dates), so the
 * same export gives the same bytes. Throws DomainError `validation_failed` for invalid input and
 * `hash_mismatch` when a document's bytes do not have its SHA-256 (the index would name a
 * document other than the one shown).
 */
export async function renderAkteneinsicht(input: AkteneinsichtInput, assets: LetterAssets): Promise<Uint8Array> {
  const einsicht = parseInput(input);
  for (const [i, d] of einsicht.dokumente.entries()) {
    if ((await sha256Hex(d.bytes)) !== d.sha256) {
      throw new DomainError('hash_mismatch', `dokumente[${i}]: bytes do not match their sha256`);
    }
  }
  const akte = await createAkteDocument(assets);
  const { printable } = akte;
  const shown: Shown[] = [];
  for (const d of einsicht.dokumente) shown.push(await show(akte, d));

  const entries: IndexEntry[] = einsicht.dokumente.map((d, i) => {
    const s = shown[i];
    return {
      titel: printable(d.titel),
      dateiname: printable(d.dateiname),
      mediaType: printable(d.mediaType),
      sha256: d.sha256,
      veraktetAm: d.veraktetAm,
      size: d.bytes.length,
      placeholder: s?.kind === 'placeholder' ? s.reason : null,
    };
  });
  const pageCounts = shown.map((s) => (s.kind === 'pdf' ? s.pages.length : 1));
  const { index, firstPages, total } = paginateBundle(akte, entries, pageCounts);

  const cover: CoverData = {
    authorityName: printable(einsicht.authority.behoerde.name),
    unit: einsicht.authority.behoerde.einheit === undefined ? null : printable(einsicht.authority.behoerde.einheit),
    aktenzeichen: printable(einsicht.aktenzeichen),
    titel: printable(einsicht.titel),
    aktenplan: printable(`${einsicht.aktenplan.kennzeichen} ${einsicht.aktenplan.titel}`),
    exportedAt: einsicht.exportedAt,
    exportedBy: printable(einsicht.exportedBy),
    documentCount: entries.length,
    pageCount: total,
  };
  drawCover(akte, cover);
  drawIndex(akte, index, followHeaderRuns(cover.authorityName, cover.aktenzeichen, akte.measure), 2, total);
  shown.forEach((s, i) => {
    const entry = entries[i];
    if (!entry) return;
    const stamp = (pageInDoc: number): Stamp => ({
      label: `Dok. ${i + 1}/${entries.length} – ${entry.titel}`,
      pageLabel: `Seite ${(firstPages[i] ?? 0) + pageInDoc} von ${total}`,
      first: pageInDoc === 0,
    });
    if (s.kind === 'pdf') {
      s.pages.forEach(({ page, frame }, p) => {
        akte.doc.addPage(page);
        drawStamp(page, frame, stamp(p), foreignStampPlacement(frame), akte.fonts, akte.measure);
      });
    } else if (s.kind === 'image') {
      drawImagePage(akte, s.image, stamp(0));
    } else {
      drawPlaceholder(akte, entry, `${i + 1} von ${entries.length}`, stamp(0));
    }
  });

  return finishDocument(
    akte,
    {
      title: `Akteneinsicht ${cover.aktenzeichen} – ${cover.titel}`,
      author: cover.authorityName,
      date: new Date(einsicht.exportedAt),
      content: { cover, entries },
      claimPdfA: false,
    },
    assets.srgbIcc,
  );
}

function parseInput(input: AkteneinsichtInput): Einsicht {
  const parsed = akteneinsichtInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new DomainError('validation_failed', `Invalid Akteneinsicht: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

const PNG = new Set(['image/png']);
const JPEG = new Set(['image/jpeg', 'image/jpg', 'image/pjpeg']);

async function show(akte: AkteDocument, d: Einsicht['dokumente'][number]): Promise<Shown> {
  const type = d.mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/pdf') {
    const copied = await copyPdfPages(akte.doc, d.bytes);
    return copied.ok ? { kind: 'pdf', pages: copied.pages } : { kind: 'placeholder', reason: copied.reason };
  }
  if (PNG.has(type) || JPEG.has(type)) {
    try {
      const image = PNG.has(type) ? await akte.doc.embedPng(d.bytes) : await akte.doc.embedJpg(d.bytes);
      if (image.width > 0 && image.height > 0) return { kind: 'image', image };
    } catch {
      // A damaged image becomes a placeholder below, as an unreadable PDF does.
    }
    return { kind: 'placeholder', reason: 'unreadable' };
  }
  return { kind: 'placeholder', reason: 'unsupported' };
}

/**
 * Lays the index out and numbers the pages: cover, index, then the documents. The index's
 * length depends on its rows, and a row's page range may wrap once the numbers grow, so the
 * layout is repeated until the index keeps its page count. That count never shrinks from one
 * round to the next and is bounded by the rows, so the loop ends (in practice after one round).
 */
function paginateBundle(
  akte: AkteDocument,
  entries: readonly IndexEntry[],
  pageCounts: readonly number[],
): { index: IndexLayout; firstPages: number[]; total: number } {
  let indexPages = 1;
  for (;;) {
    const firstPages: number[] = [];
    let next = 2 + indexPages;
    for (const count of pageCounts) {
      firstPages.push(next);
      next += count;
    }
    const index = layoutIndex(akte, entries, firstPages, pageCounts);
    if (index.pages.length === indexPages) return { index, firstPages, total: next - 1 };
    indexPages = index.pages.length;
  }
}

/** The strip of a foreign page: 8 mm in from the edges as shown, less on narrow pages. */
function foreignStampPlacement(frame: PageFrame): { top: number; left: number; right: number; clear: boolean } {
  const inset = Math.min(mmToPt(8), displayWidth(frame) * 0.04);
  return { top: 0, left: inset, right: inset, clear: true };
}
