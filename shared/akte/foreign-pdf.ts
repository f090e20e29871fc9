import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFStream,
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
  type PDFOperator,
  type PDFPage,
} from 'pdf-lib';
import { STAMP_PT, frameOf, growAtTop, setFrame, type PageFrame } from './page-frame.ts';

/** A page copied into the bundle, with the frame its stamp is drawn in (the strip on top included). */
export interface CopiedPage {
  page: PDFPage;
  frame: PageFrame;
}

export type CopyOutcome = { ok: true; pages: CopiedPage[] } | { ok: false; reason: 'encrypted' | 'unreadable' };

/**
 * Copies every page of a PDF into `target`, as printing it would show it: the appearances of
 * printable annotations (filled-in form fields, stamps, markup) are drawn into the page
 * content, and the annotations themselves are left behind — links, form fields, signature
 * fields, scripts and page actions do not belong in an inspection copy, and their object trees
 * would drag the rest of the source file along. Each page grows by a strip at its top (as
 * shown) for the stamp, so the stamp covers nothing of the page.
 *
 * An encrypted file, one pdf-lib cannot parse, or one without pages gives `ok: false`; what a
 * failed copy had added to `target` is removed again, so the bundle stays clean.
 */
export async function copyPdfPages(target: PDFDocument, bytes: Uint8Array): Promise<CopyOutcome> {
  let source: PDFDocument;
  try {
    // Loaded despite encryption only to find out that it is encrypted: pdf-lib cannot decrypt,
    // and its EncryptedPDFError does not survive instanceof (the package is compiled to ES5).
    source = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  if (source.isEncrypted) return { ok: false, reason: 'encrypted' };
  const mark = target.context.largestObjectNumber;
  try {
    const pages = source.getPages();
    if (pages.length === 0) return { ok: false, reason: 'unreadable' };
    const frames = pages.map((page) => {
      const frame = frameOf(page.node);
      burnInAnnotations(page);
      for (const key of ['Annots', 'AA', 'B', 'StructParents']) page.node.delete(PDFName.of(key));
      return frame;
    });
    const copied = await target.copyPages(
      source,
      pages.map((_, i) => i),
    );
    return {
      ok: true,
      pages: copied.map((page, i) => {
        const frame = growAtTop(frames[i] ?? frameOf(page.node), STAMP_PT.height);
        setFrame(page, frame);
        return { page, frame };
      }),
    };
  } catch {
    for (const [ref] of target.context.enumerateIndirectObjects()) {
      if (ref.objectNumber > mark) target.context.delete(ref);
    }
    target.context.largestObjectNumber = mark;
    return { ok: false, reason: 'unreadable' };
  }
}

const HIDDEN = 1 << 1;
const PRINT = 1 << 2;

/**
 * Draws the normal appearance of every printable annotation into the page content, placed as
 * ISO 32000-1, 12.5.5 says (the appearance's BBox, transformed by its Matrix, fitted to the
 * annotation's Rect). An annotation whose appearance cannot be read is skipped, as a viewer
 * would skip it.
 */
function burnInAnnotations(page: PDFPage): void {
  const { node } = page;
  const annots = node.Annots();
  if (annots === undefined) return;
  const ops: PDFOperator[] = [];
  for (let i = 0; i < annots.size(); i++) {
    try {
      const annot = annots.lookup(i);
      if (!(annot instanceof PDFDict)) continue;
      if (annot.get(PDFName.of('Subtype')) === PDFName.of('Popup')) continue;
      const flags = numberIn(annot, 'F') ?? 0;
      if ((flags & HIDDEN) !== 0 || (flags & PRINT) === 0) continue;
      const ref = normalAppearance(annot);
      const stream = ref && page.doc.context.lookup(ref);
      if (!ref || !(stream instanceof PDFStream)) continue;
      const placement = fitAppearance(stream.dict, annot);
      if (!placement) continue;
      if (!stream.dict.has(PDFName.of('Subtype'))) stream.dict.set(PDFName.of('Subtype'), PDFName.of('Form'));
      // The first call wraps the page's own content in q … Q, so what follows starts from a clean state.
      node.normalize();
      const name = node.newXObject('Annot', ref);
      ops.push(pushGraphicsState(), concatTransformationMatrix(...placement), drawObject(name), popGraphicsState());
    } catch {
      continue;
    }
  }
  if (ops.length > 0) page.pushOperators(...ops);
}

/** The /N appearance stream, or for an annotation with states (check boxes) the one /AS names. */
function normalAppearance(annot: PDFDict): PDFRef | undefined {
  const ap = annot.lookup(PDFName.of('AP'));
  if (!(ap instanceof PDFDict)) return undefined;
  const n = ap.get(PDFName.of('N'));
  if (n instanceof PDFRef && ap.context.lookup(n) instanceof PDFStream) return n;
  const states = ap.lookup(PDFName.of('N'));
  const state = annot.get(PDFName.of('AS'));
  if (!(states instanceof PDFDict) || !(state instanceof PDFName)) return undefined;
  const chosen = states.get(state);
  return chosen instanceof PDFRef ? chosen : undefined;
}

type Matrix = [number, number, number, number, number, number];
interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function fitAppearance(form: PDFDict, annot: PDFDict): Matrix | undefined {
  const bbox = boxIn(form, 'BBox');
  const rect = boxIn(annot, 'Rect');
  if (!bbox || !rect) return undefined;
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = numbersIn(form, 'Matrix', 6) ?? [];
  const corners = [
    [bbox.x0, bbox.y0],
    [bbox.x0, bbox.y1],
    [bbox.x1, bbox.y0],
    [bbox.x1, bbox.y1],
  ].map(([x = 0, y = 0]) => ({ x: a * x + c * y + e, y: b * x + d * y + f }));
  const t: Box = {
    x0: Math.min(...corners.map((p) => p.x)),
    y0: Math.min(...corners.map((p) => p.y)),
    x1: Math.max(...corners.map((p) => p.x)),
    y1: Math.max(...corners.map((p) => p.y)),
  };
  if (t.x1 - t.x0 <= 0 || t.y1 - t.y0 <= 0 || rect.x1 - rect.x0 <= 0 || rect.y1 - rect.y0 <= 0) return undefined;
  const sx = (rect.x1 - rect.x0) / (t.x1 - t.x0);
  const sy = (rect.y1 - rect.y0) / (t.y1 - t.y0);
  return [sx, 0, 0, sy, rect.x0 - t.x0 * sx, rect.y0 - t.y0 * sy];
}

function boxIn(dict: PDFDict, key: string): Box | undefined {
  const v = numbersIn(dict, key, 4);
  if (!v) return undefined;
  const [a = 0, b = 0, c = 0, d = 0] = v;
  return { x0: Math.min(a, c), y0: Math.min(b, d), x1: Math.max(a, c), y1: Math.max(b, d) };
}

function numberIn(dict: PDFDict, key: string): number | undefined {
  const v = dict.lookup(PDFName.of(key));
  return v instanceof PDFNumber ? v.asNumber() : undefined;
}

function numbersIn(dict: PDFDict, key: string, length: number): number[] | undefined {
  const v = dict.lookup(PDFName.of(key));
  if (!(v instanceof PDFArray) || v.size() !== length) return undefined;
  const out: number[] = [];
  for (let i = 0; i < length; i++) {
    const x = v.lookup(i);
    if (!(x instanceof PDFNumber) || !Number.isFinite(x.asNumber())) return undefined;
    out.push(x.asNumber());
  }
  return out;
}
