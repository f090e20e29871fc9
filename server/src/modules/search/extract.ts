import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExtractionMethod } from '../../../../shared/contracts/http/search.ts';
import { SNIFF_BYTES, sniffMediaType } from '../../../../shared/domain/media-sniff.ts';
import { pageText } from './text.ts';
import { runTool, ToolError } from './tools.ts';

/**
 * The external programs text extraction uses (docs/search.md): poppler-utils for the text
 * layer and for rendering scanned pages, Tesseract with German for OCR. `tesseract` null: no
 * OCR on this server; scans are then recorded as `ocr_unavailable`.
 */
export interface ExtractionTools {
  pdfinfo: string;
  pdftotext: string;
  pdftoppm: string;
  tesseract: string | null;
}

export interface ExtractionLimits {
  /** Pages of a PDF read at most (a 2,000-page file is indexed by its first ones). */
  maxPages: number;
  /** Pages of one file read by OCR at most: OCR costs seconds per page. */
  maxOcrPages: number;
  /** Characters of one file kept at most, and of one page. */
  maxChars: number;
  maxPageChars: number;
  /** Per tool run: pdfinfo, pdftotext for the whole file, pdftoppm and tesseract per page. */
  infoTimeoutMs: number;
  textTimeoutMs: number;
  pageTimeoutMs: number;
}

export const DEFAULT_LIMITS: ExtractionLimits = {
  maxPages: 500,
  maxOcrPages: 30,
  maxChars: 500_000,
  maxPageChars: 20_000,
  infoTimeoutMs: 15_000,
  textTimeoutMs: 120_000,
  pageTimeoutMs: 120_000,
};

/** A page with fewer letters than this in its text layer is taken for a scan and read by OCR. */
export const MIN_PAGE_LETTERS = 20;

/** OCR renders the long side of a page at A4's 300 dpi (3508 px), whatever the page's size. */
const OCR_LONG_SIDE_PX = 3508;

export type ExtractionState = 'indexed' | 'no_text' | 'ocr_unavailable' | 'failed' | 'unsupported';
/** Why an extraction failed: a code for admins and the record, never with the file's content. */
export type FailureReason = 'unreadable_pdf' | 'encrypted' | 'timeout' | 'too_large' | 'unreadable_image';

export interface ExtractedPage {
  /** From 1. */
  seite: number;
  text: string;
  method: ExtractionMethod;
}

export interface Extraction {
  state: ExtractionState;
  mediaType: string | null;
  pages: number;
  pagesRead: number;
  ocrPages: number;
  /** Pages that needed OCR and got none (no Tesseract, over the limit, or the run failed). */
  ocrMissing: number;
  truncated: boolean;
  reason: FailureReason | null;
  /** The pages with text, in order; pages without any are left out. */
  texts: ExtractedPage[];
}

/** What one extraction needs: the tools, the limits, and the worker's stop signal. */
export interface ExtractionContext {
  tools: ExtractionTools;
  limits: ExtractionLimits;
  signal?: AbortSignal | undefined;
}

const empty = (state: ExtractionState, mediaType: string | null, reason: FailureReason | null = null): Extraction => ({
  state,
  mediaType,
  pages: 0,
  pagesRead: 0,
  ocrPages: 0,
  ocrMissing: 0,
  truncated: false,
  reason,
  texts: [],
});

async function readHead(path: string, bytes: number): Promise<{ head: Uint8Array; complete: boolean }> {
  const file = await open(path, 'r');
  try {
    const size = (await file.stat()).size;
    const buffer = Buffer.alloc(Math.min(bytes, size));
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    return { head: buffer.subarray(0, bytesRead), complete: bytesRead >= size };
  } finally {
    await file.close();
  }
}

const letters = (text: string): number => text.match(/\p{L}/gu)?.length ?? 0;

/** Keeps the pages within the per-page and per-file character limits; true when it cut. */
function capPages(pages: ExtractedPage[], limits: ExtractionLimits): { pages: ExtractedPage[]; cut: boolean } {
  let left = limits.maxChars;
  let cut = false;
  const out: ExtractedPage[] = [];
  for (const p of pages) {
    if (p.text === '') continue;
    if (left <= 0) {
      cut = true;
      break;
    }
    const limit = Math.min(limits.maxPageChars, left);
    const text = p.text.length > limit ? p.text.slice(0, limit) : p.text;
    if (text.length < p.text.length) cut = true;
    out.push({ ...p, text });
    left -= text.length;
  }
  return { pages: out, cut };
}

function finish(
  base: Omit<Extraction, 'state' | 'texts' | 'truncated' | 'reason'>,
  pages: ExtractedPage[],
  limits: ExtractionLimits,
  tools: ExtractionTools,
  truncatedBefore: boolean,
): Extraction {
  const capped = capPages(pages, limits);
  const state: ExtractionState =
    capped.pages.length > 0
      ? 'indexed'
      : base.ocrMissing > 0 && tools.tesseract === null
        ? 'ocr_unavailable'
        : 'no_text';
  return { ...base, state, texts: capped.pages, truncated: truncatedBefore || capped.cut, reason: null };
}

async function ocrImage(image: string, ctx: ExtractionContext, tesseract: string): Promise<string> {
  const run = await runTool(tesseract, [image, 'stdout', '-l', 'deu'], {
    timeoutMs: ctx.limits.pageTimeoutMs,
    maxStdoutBytes: ctx.limits.maxPageChars * 4,
    signal: ctx.signal,
    // One thread: the server's cores belong to its requests, and OCR runs in the background.
    env: { ...process.env, OMP_THREAD_LIMIT: '1' },
  });
  return pageText(run.stdout.toString('utf8'));
}

function pageCount(info: string): number {
  const match = /^Pages:\s+(\d+)\s*$/m.exec(info);
  return match?.[1] ? Number(match[1]) : 0;
}

async function extractPdf(path: string, ctx: ExtractionContext): Promise<Extraction> {
  const { tools, limits, signal } = ctx;
  let pages: number;
  try {
    const info = await runTool(tools.pdfinfo, [path], {
      timeoutMs: limits.infoTimeoutMs,
      maxStdoutBytes: 64 * 1024,
      signal,
    });
    pages = pageCount(info.stdout.toString('utf8'));
  } catch (error) {
    return pdfFailure(error);
  }
  const last = Math.min(pages, limits.maxPages);
  if (last === 0) return { ...empty('no_text', 'application/pdf'), pages };
  let layer: string;
  let cut: boolean;
  try {
    const run = await runTool(tools.pdftotext, ['-q', '-enc', 'UTF-8', '-f', '1', '-l', String(last), path, '-'], {
      timeoutMs: limits.textTimeoutMs,
      // UTF-8 needs at most 4 bytes a character; whitespace collapses afterwards.
      maxStdoutBytes: limits.maxChars * 4,
      signal,
    });
    layer = run.stdout.toString('utf8');
    cut = run.cut;
  } catch (error) {
    return pdfFailure(error);
  }
  // pdftotext ends every page with a form feed.
  const raw = layer.split('\f').slice(0, last);
  const read: ExtractedPage[] = raw.map((t, i) => ({ seite: i + 1, text: pageText(t), method: 'text_layer' }));
  const scans = cut ? [] : read.filter((p) => letters(p.text) < MIN_PAGE_LETTERS);
  let ocrPages = 0;
  let ocrMissing = 0;
  const tesseract = tools.tesseract;
  if (tesseract === null) {
    ocrMissing = scans.length;
  } else if (scans.length > 0) {
    const dir = await mkdtemp(join(tmpdir(), 'amtsplatz-ocr-'));
    try {
      for (const [i, page] of scans.entries()) {
        if (i >= limits.maxOcrPages) {
          ocrMissing += scans.length - i;
          break;
        }
        const text = await ocrPage(path, page.seite, dir, ctx, tesseract);
        if (text === undefined) {
          ocrMissing += 1;
          continue;
        }
        ocrPages += 1;
        // The OCR replaces the few characters of the layer (a stamp, a page number) when it read more.
        if (text.length > page.text.length) {
          page.text = text;
          page.method = 'ocr';
        }
      }
    } finally {
      // The rendered pages are images of the document: none outlives the run.
      await rm(dir, { recursive: true, force: true });
    }
  }
  return finish(
    { mediaType: 'application/pdf', pages, pagesRead: raw.length, ocrPages, ocrMissing },
    read,
    limits,
    tools,
    cut || last < pages,
  );
}

/** One page rendered and read by OCR; undefined when that failed (timeout, unreadable page). */
async function ocrPage(
  path: string,
  seite: number,
  dir: string,
  ctx: ExtractionContext,
  tesseract: string,
): Promise<string | undefined> {
  const base = join(dir, `seite-${seite}`);
  const p = String(seite);
  try {
    await runTool(
      ctx.tools.pdftoppm,
      ['-q', '-f', p, '-l', p, '-gray', '-png', '-scale-to', String(OCR_LONG_SIDE_PX), '-singlefile', path, base],
      { timeoutMs: ctx.limits.pageTimeoutMs, maxStdoutBytes: 1024, signal: ctx.signal },
    );
    return await ocrImage(`${base}.png`, ctx, tesseract);
  } catch (error) {
    if (error instanceof ToolError && (error.failure === 'aborted' || error.failure === 'missing')) throw error;
    return undefined;
  } finally {
    await rm(`${base}.png`, { force: true });
  }
}

function pdfFailure(error: unknown): Extraction {
  if (!(error instanceof ToolError) || error.failure === 'aborted' || error.failure === 'missing') throw error;
  if (error.failure === 'timeout') return empty('failed', 'application/pdf', 'timeout');
  const reason = /password|encrypt/i.test(error.stderr) ? 'encrypted' : 'unreadable_pdf';
  return empty('failed', 'application/pdf', reason);
}

async function extractImage(path: string, mediaType: string, ctx: ExtractionContext): Promise<Extraction> {
  const base = { mediaType, pages: 1, pagesRead: 1, ocrPages: 0, ocrMissing: 1 };
  const tesseract = ctx.tools.tesseract;
  if (tesseract === null) return finish(base, [], ctx.limits, ctx.tools, false);
  try {
    const text = await ocrImage(path, ctx, tesseract);
    return finish(
      { ...base, ocrPages: 1, ocrMissing: 0 },
      [{ seite: 1, text, method: 'ocr' }],
      ctx.limits,
      ctx.tools,
      false,
    );
  } catch (error) {
    if (!(error instanceof ToolError) || error.failure === 'aborted' || error.failure === 'missing') throw error;
    return { ...empty('failed', mediaType, error.failure === 'timeout' ? 'timeout' : 'unreadable_image'), pages: 1 };
  }
}

async function extractPlainText(path: string, ctx: ExtractionContext): Promise<Extraction> {
  const { head, complete } = await readHead(path, ctx.limits.maxChars * 4);
  const text = pageText(new TextDecoder('utf-8').decode(head));
  return finish(
    { mediaType: 'text/plain', pages: 1, pagesRead: 1, ocrPages: 0, ocrMissing: 0 },
    [{ seite: 1, text, method: 'plain_text' }],
    ctx.limits,
    ctx.tools,
    !complete,
  );
}

const IMAGE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/tiff']);

/**
 * Reads the text of a stored file (docs/search.md, "Extraction"). The type comes from the
 * bytes, not from a name: PDFs by their text layer, pages without one by OCR; images by OCR;
 * text files as they are; other types are `unsupported`. A file the tools cannot read is
 * `failed` with a reason, never an exception: only a stopped worker (aborted) or a missing
 * tool throws, so that the job runs again later.
 */
export async function extractFile(path: string, ctx: ExtractionContext): Promise<Extraction> {
  const { head, complete } = await readHead(path, SNIFF_BYTES);
  const mediaType = sniffMediaType(head, complete) ?? null;
  if (mediaType === 'application/pdf') return extractPdf(path, ctx);
  if (mediaType !== null && IMAGE_TYPES.has(mediaType)) return extractImage(path, mediaType, ctx);
  if (mediaType === 'text/plain') return extractPlainText(path, ctx);
  return empty('unsupported', mediaType);
}

/**
 * The tools of this machine: poppler-utils by name from PATH, Tesseract only when it is
 * installed with German (`tesseract-ocr-deu`). Asked once per process.
 */
export async function detectTools(): Promise<ExtractionTools> {
  let tesseract: string | null = null;
  try {
    const langs = await runTool('tesseract', ['--list-langs'], { timeoutMs: 10_000, maxStdoutBytes: 64 * 1024 });
    if (/^deu$/m.test(langs.stdout.toString('utf8'))) tesseract = 'tesseract';
  } catch {
    tesseract = null;
  }
  return { pdfinfo: 'pdfinfo', pdftotext: 'pdftotext', pdftoppm: 'pdftoppm', tesseract };
}
